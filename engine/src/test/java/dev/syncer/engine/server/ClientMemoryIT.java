package dev.syncer.engine.server;

import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.syncer.engine.testing.ReplicationWaits.await;
import static dev.syncer.engine.testing.ReplicationWaits.statsField;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CLIENT LIST's qbuf, argv-mem, multi-mem and tot-mem as real accounting (they stayed 0 before,
 * so client eviction saw only output buffers): a half-sent argument, a MULTI queue and a long list
 * of watched keys each count, and each gets its client evicted at maxmemory-clients, while a
 * CLIENT NO-EVICT client and the data stay.
 */
class ClientMemoryIT {

    private static final int LIMIT = 200_000;

    @Test
    void clientListCountsTheRunningRequestAQueueAndAHalfSentArgument() {
        try (TestShard shard = TestShard.start();
             RespClient admin = shard.raw();
             RespClient multi = shard.raw();
             RespClient sender = shard.raw()) {
            String self = RespClient.text(admin.call("CLIENT", "INFO"));
            assertThat(self).contains(" qbuf=26 ", " argv-mem=10 ", " multi-mem=0 "); // "client" + "info"
            assertThat(field(self, "tot-mem")).isGreaterThan(ClientMemory.CLIENT_STRUCT + 26 + 10);

            multi.call("CLIENT", "SETNAME", "queuer");
            multi.call("MULTI");
            multi.call("SET", "k", "v".repeat(1_000));
            assertThat(field(line(admin, "queuer"), "multi-mem")).isEqualTo(3 + 1 + 1_000 + 3 * 8);

            sender.call("CLIENT", "SETNAME", "sender");
            sender.send("*2\r\n$100000\r\n" + "x".repeat(50_000));
            await("half an argument arrived").until(() -> field(line(admin, "sender"), "qbuf") == 50_000);
            // Redis holds a big argument's whole length as soon as its header arrives
            assertThat(field(line(admin, "sender"), "tot-mem")).isGreaterThan(100_000);
            assertThat(multi.call("EXEC")).isInstanceOf(java.util.List.class);
            assertThat(field(line(admin, "queuer"), "multi-mem")).isZero();
        }
    }

    @Test
    void aHalfSentArgumentAMultiQueueAndWatchedKeysEachGetTheirClientEvicted() {
        try (TestShard shard = TestShard.start("maxmemory-clients", Integer.toString(LIMIT));
             RespClient admin = shard.raw()) {
            assertThat(admin.call("CLIENT", "NO-EVICT", "ON")).isEqualTo("OK");
            admin.call("SET", "kept", "1");

            try (RespClient sender = shard.raw()) {
                sender.send("*1\r\n$" + LIMIT + "\r\n" + "v".repeat(1_000));
                await("the sender evicted").until(() -> statsField(shard.port(), "evicted_clients") == 1);
                assertThat(sender.isClosedByServer()).isTrue();
            }
            try (RespClient queuer = shard.raw()) {
                queuer.call("MULTI");
                callUntilEvicted(queuer, 10, i -> new String[] {"SET", "k", "v".repeat(LIMIT / 4)});
                await("the queuer evicted").until(() -> statsField(shard.port(), "evicted_clients") == 2);
            }
            try (RespClient watcher = shard.raw()) {
                callUntilEvicted(watcher, LIMIT / 500, i -> {
                    String[] watch = new String[501];
                    watch[0] = "WATCH";
                    for (int j = 1; j <= 500; j++) {
                        watch[j] = Integer.toString(i * 500 + j);
                    }
                    return watch;
                });
                assertThat(statsField(shard.port(), "evicted_clients")).isEqualTo(3);
            }
            assertThat(RespClient.text(admin.call("GET", "kept"))).as("the no-evict client stays, no key goes").isEqualTo("1");
            assertThat(statsField(shard.port(), "evicted_keys")).isZero();
        }
    }

    @Test
    void aRedirectedTrackingClientIsEvictedByBroadcastMessagesWithoutTheCron() throws java.io.IOException {
        try (TestShard shard = TestShard.start("maxmemory-clients", Integer.toString(LIMIT));
             RespClient admin = shard.raw();
             java.net.Socket target = shard.neverReadingSubscriber("__redis__:invalidate")) {
            admin.call("CLIENT", "NO-EVICT", "ON");
            await("the target subscribed").until(() -> RespClient.text(admin.call("CLIENT", "LIST")).contains("cmd=subscribe"));
            long targetId = field(targetLine(admin), "id");
            assertThat(admin.call("CLIENT", "TRACKING", "ON", "REDIRECT", Long.toString(targetId), "BCAST")).isEqualTo("OK");
            assertThat(admin.call("DEBUG", "PAUSE-CRON", "1")).isEqualTo("OK");
            String longKey = "k".repeat(20_000);
            // Only this connection talks, so only eviction after the broadcast can remove the target in time
            for (int i = 0; i < 1_000; i++) {
                String line = targetLine(admin);
                if (line == null) {
                    break;
                }
                assertThat(field(line, "tot-mem")).isLessThan(LIMIT);
                admin.call("INCR", longKey); // the kernel's socket buffers take the first megabytes
            }
            assertThat(statsField(shard.port(), "evicted_clients")).isEqualTo(1);
            assertThat(RespClient.text(admin.call("CLIENT", "LIST"))).doesNotContain("cmd=subscribe");
            admin.call("DEBUG", "PAUSE-CRON", "0");
        }
    }

    private static String targetLine(RespClient admin) {
        for (String l : RespClient.text(admin.call("CLIENT", "LIST")).split("\\r?\\n")) {
            if (l.contains("cmd=subscribe")) {
                return l;
            }
        }
        return null;
    }

    /** Sends commands until the server closes the connection; fails if it never does. */
    private static void callUntilEvicted(RespClient c, int most, java.util.function.IntFunction<String[]> command) {
        for (int i = 0; i < most; i++) {
            try {
                assertThat(c.call(command.apply(i))).isNotInstanceOf(RespClient.Error.class);
            } catch (java.io.UncheckedIOException e) {
                return; // evicted: the connection was closed under the call
            }
        }
        throw new AssertionError("not evicted after " + most + " commands");
    }

    /** The CLIENT LIST line of the client with this name. */
    private static String line(RespClient admin, String name) {
        for (String l : RespClient.text(admin.call("CLIENT", "LIST")).split("\r?\n")) {
            if (l.contains(" name=" + name + " ")) {
                return l;
            }
        }
        throw new AssertionError("no client named " + name);
    }

    private static long field(String line, String name) {
        Matcher m = Pattern.compile("(^| )" + name + "=(\\d+)").matcher(line);
        assertThat(m.find()).as("%s in %s", name, line).isTrue();
        return Long.parseLong(m.group(2));
    }
}
