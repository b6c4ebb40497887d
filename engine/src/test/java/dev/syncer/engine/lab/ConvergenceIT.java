package dev.syncer.engine.lab;

import dev.syncer.engine.testing.RespClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The headline: three clusters take random concurrent writes of every type at once, while syncer
 * links are cut and healed at random and every cluster fails over; once everything is healed,
 * every shard of every cluster holds the same data (DEBUG DIGEST), and hand-picked concurrent
 * writes resolved as the conflict rules say.
 */
class ConvergenceIT {

    private static final List<String> CLUSTERS = ShopLab.CLUSTERS;

    private ShopLab shop;
    private Lab lab;

    @AfterEach
    void stop() {
        if (shop != null) {
            shop.close();
        }
    }

    private Object call(String cluster, String... args) {
        return shop.send(cluster, args);
    }

    @Test
    void threeClustersConvergeUnderConcurrentWritesLinkCutsAndFailovers() throws Exception {
        shop = ShopLab.start();
        lab = shop.lab;
        handPickedConflicts();

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong ops = new AtomicLong();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < CLUSTERS.size(); w++) {
            String cluster = CLUSTERS.get(w);
            long seed = 42 + w;
            int port = lab.instance(cluster, "shop").proxy().port();
            Thread t = new Thread(() -> write(cluster, port, new Random(seed), running, ops), "writer-" + cluster);
            writers.add(t);
            t.start();
        }
        Random chaos = new Random(7);
        List<String> ids = lab.syncers().stream().map(e -> e.syncer().spec().id()).toList();
        Set<String> cut = new HashSet<>();
        for (String cluster : CLUSTERS) {
            for (int i = 0; i < 2; i++) {
                String id = ids.get(chaos.nextInt(ids.size()));
                if (cut.add(id)) {
                    lab.operations().cutSyncerLink(id);
                } else {
                    cut.remove(id);
                    lab.operations().healSyncerLink(id);
                }
            }
            DatabaseInstance instance = lab.instance(cluster, "shop");
            lab.operations().failover(instance.replicas().get(0).id(), false);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> ops.get() >= 3000);
        running.set(false);
        for (Thread t : writers) {
            t.join(10_000);
        }
        for (String id : cut) {
            lab.operations().healSyncerLink(id);
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> digests().size() == 1);

        assertThat(call("west", "GET", "hp:counter")).isEqualTo("6".getBytes());
        assertThat(call("north", "SISMEMBER", "hp:set", "x")).isEqualTo(1L);
        assertThat(new String((byte[]) call("east", "GET", "hp:register"))).isEqualTo("north-last");
    }

    /** Concurrent writes while every syncer link is cut, then healed. */
    private void handPickedConflicts() throws Exception {
        call("east", "SADD", "hp:set", "x");
        await().atMost(Duration.ofSeconds(10)).until(() -> Long.valueOf(1).equals(call("north", "SISMEMBER", "hp:set", "x")));
        List<String> ids = lab.syncers().stream().map(e -> e.syncer().spec().id()).toList();
        ids.forEach(id -> lab.operations().cutSyncerLink(id));
        call("east", "INCRBY", "hp:counter", "1");
        call("west", "INCRBY", "hp:counter", "2");
        call("north", "INCRBY", "hp:counter", "3");
        call("west", "SREM", "hp:set", "x");
        call("east", "SADD", "hp:set", "x");
        // Last-write-wins orders by the hybrid clock: writes on different clusters within the same
        // millisecond are ordered by each shard's logical counter, not by when the test sent them.
        // A clock tick between them makes "later" unambiguous.
        call("east", "SET", "hp:register", "east-first");
        nextMilliseconds();
        call("west", "SET", "hp:register", "west-second");
        nextMilliseconds();
        call("north", "SET", "hp:register", "north-last");
        ids.forEach(id -> lab.operations().healSyncerLink(id));
    }

    private static void nextMilliseconds() {
        long start = System.currentTimeMillis();
        await().pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(1))
                .until(() -> System.currentTimeMillis() > start + 2);
    }

    private static void write(String cluster, int port, Random r, AtomicBoolean running, AtomicLong ops) {
        RespClient c = null;
        while (running.get()) {
            try {
                if (c == null) {
                    c = RespClient.connect(port);
                }
                c.call(randomCommand(r, cluster));
                ops.incrementAndGet();
            } catch (RuntimeException e) {
                if (c != null) {
                    c.close();
                }
                c = null; // a failover dropped the connection: reconnect through the proxy
            }
        }
        if (c != null) {
            c.close();
        }
    }

    private static String[] randomCommand(Random r, String cluster) {
        String k = Integer.toString(r.nextInt(20));
        String v = cluster + r.nextInt(1000);
        return switch (r.nextInt(12)) {
            case 0 -> new String[] {"SET", "s:" + k, v};
            case 1 -> new String[] {"INCRBY", "c:" + k, Integer.toString(r.nextInt(10) - 3)};
            case 2 -> new String[] {"HSET", "h:" + k, "f" + r.nextInt(5), v};
            case 3 -> new String[] {"HINCRBY", "hc:" + k, "f" + r.nextInt(3), "2"};
            case 4 -> new String[] {"SADD", "set:" + k, "m" + r.nextInt(8)};
            case 5 -> new String[] {"SREM", "set:" + k, "m" + r.nextInt(8)};
            case 6 -> new String[] {"ZADD", "z:" + k, Integer.toString(r.nextInt(100)), "m" + r.nextInt(6)};
            case 7 -> new String[] {"ZINCRBY", "z:" + k, "1", "m" + r.nextInt(6)};
            case 8 -> new String[] {"RPUSH", "l:" + k, v};
            case 9 -> new String[] {"LTRIM", "l:" + k, "0", "4"};
            case 10 -> new String[] {"DEL", new String[] {"s:", "c:", "h:", "set:", "z:"}[r.nextInt(5)] + k};
            default -> new String[] {"HDEL", "h:" + k, "f" + r.nextInt(5)};
        };
    }

    private Set<String> digests() {
        return shop.digests(CLUSTERS);
    }
}
