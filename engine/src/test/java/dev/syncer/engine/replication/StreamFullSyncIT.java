package dev.syncer.engine.replication;

import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.syncer.engine.testing.ReplicationWaits.awaitInSync;
import static dev.syncer.engine.testing.ReplicationWaits.digest;
import static dev.syncer.engine.testing.ReplicationWaits.statsField;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streams across full syncs and DUMP/RESTORE with a real redis-server 7.0 both ways: entries over
 * several radix-tree nodes, deletions, an emptied stream, consumer groups with pending entries and
 * consumers. Both sides must end with the same DEBUG DIGEST and the same XINFO STREAM FULL.
 */
class StreamFullSyncIT {

    private static final List<String> STREAMS = List.of("orders", "emptied", "wide", "fresh");

    /** Streams Redis lays out over several nodes, with groups, PELs and tombstones. */
    private static void fill(RespClient c) {
        for (int i = 1; i <= 260; i++) {
            c.call("XADD", "orders", i + "-" + (i % 3), "item", "sku" + i, "qty", Integer.toString(i % 9));
        }
        c.call("XDEL", "orders", "5-2", "150-0", "151-1");
        c.call("XGROUP", "CREATE", "orders", "billing", "0");
        c.call("XGROUP", "CREATE", "orders", "audit", "$", "ENTRIESREAD", "7");
        c.call("XREADGROUP", "GROUP", "billing", "alice", "COUNT", "30", "STREAMS", "orders", ">");
        c.call("XREADGROUP", "GROUP", "billing", "bob", "COUNT", "5", "STREAMS", "orders", ">");
        c.call("XACK", "orders", "billing", "1-1", "2-2", "3-0");
        c.call("XGROUP", "CREATECONSUMER", "orders", "audit", "idle-one");
        c.call("XADD", "emptied", "1-1", "a", "b");
        c.call("XDEL", "emptied", "1-1");
        c.call("XGROUP", "CREATE", "emptied", "g", "$");
        for (int i = 1; i <= 12; i++) {
            c.call("XADD", "wide", (1700000000000L + 7L * i) + "-" + i, "blob", "v".repeat(900 + i), "n", Integer.toString(i), "other" + i, "x");
        }
        c.call("XGROUP", "CREATE", "fresh", "g", "$", "MKSTREAM");
    }

    /** More writes after the sync, streamed to the replica. */
    private static void more(RespClient c) {
        c.call("XADD", "orders", "*", "item", "late");
        c.call("XREADGROUP", "GROUP", "billing", "carol", "COUNT", "3", "STREAMS", "orders", ">");
        c.call("XCLAIM", "orders", "billing", "dave", "0", "10-1", "11-2", "TIME", "12345");
        c.call("XAUTOCLAIM", "orders", "billing", "erin", "0", "0", "COUNT", "4");
        c.call("XTRIM", "orders", "MAXLEN", "~", "120");
        c.call("XADD", "fresh", "*", "a", "1");
        c.call("XREADGROUP", "GROUP", "g", "c1", "NOACK", "STREAMS", "fresh", ">");
        c.call("XSETID", "emptied", "9-9", "ENTRIESADDED", "4", "MAXDELETEDID", "2-0");
    }

    /** XINFO STREAM FULL of every stream; consumers' seen-time is each server's own clock, so it is left out. */
    private static List<Object> content(int port) {
        List<Object> out = new ArrayList<>();
        try (RespClient c = RespClient.connect(port)) {
            for (String s : STREAMS) {
                out.add(s + " " + describe(c.call("XINFO", "STREAM", s, "FULL", "COUNT", "0"), false));
            }
        }
        return out;
    }

    private static String describe(Object reply, boolean seenTimeValue) {
        if (seenTimeValue) {
            return "<seen-time>";
        }
        if (reply instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                boolean afterSeenTime = i > 0 && "seen-time".equals(RespClient.text(list.get(i - 1)));
                items.add(describe(list.get(i), afterSeenTime));
            }
            return items.toString();
        }
        return reply instanceof byte[] ? RespClient.text(reply) : String.valueOf(reply);
    }

    private static RealRedis realRedis(String... more) {
        List<String> args = new ArrayList<>(List.of("--enable-debug-command", "local", "--repl-diskless-sync-delay", "0"));
        args.addAll(List.of(more));
        return RealRedis.start(args.toArray(String[]::new));
    }

    /** After the full sync, and again after more writes reach the replica through the stream. */
    private static void syncThenStreamAndCompare(RespClient p, int primary, int replica) {
        awaitInSync(primary, replica);
        assertThat(digest(replica)).isEqualTo(digest(primary));
        assertThat(content(replica)).isEqualTo(content(primary));
        more(p);
        awaitInSync(primary, replica);
        assertThat(digest(replica)).isEqualTo(digest(primary));
        assertThat(content(replica)).isEqualTo(content(primary));
    }

    @ParameterizedTest(name = "diskless={0}")
    @ValueSource(strings = {"yes", "no"})
    void aStreamHoldingRedisPrimaryFullSyncsToAShardOnce(String diskless) {
        try (RealRedis primary = realRedis("--repl-diskless-sync", diskless); RespClient p = primary.raw()) {
            fill(p);
            try (TestShard replica = TestShard.start("replicaof", "127.0.0.1 " + primary.port())) {
                syncThenStreamAndCompare(p, primary.port(), replica.port());
                assertThat(statsField(primary.port(), "sync_full")).isEqualTo(1);
            }
        }
    }

    @Test
    void aStreamHoldingShardPrimaryFullSyncsToRedis() {
        try (TestShard primary = TestShard.start("repl-diskless-sync-delay", "0"); RespClient p = primary.raw()) {
            fill(p);
            try (RealRedis replica = realRedis("--replicaof", "127.0.0.1", Integer.toString(primary.port()))) {
                syncThenStreamAndCompare(p, primary.port(), replica.port());
            }
        }
    }

    @Test
    void dumpPayloadsRestoreBothWaysAndMatchRedisBytesWithoutDeletions() {
        try (RealRedis redis = realRedis(); RespClient real = redis.raw();
             TestShard shard = TestShard.start(); RespClient ours = shard.raw()) {
            fill(real);
            fill(ours);
            for (String s : STREAMS) {
                byte[] theirs = (byte[]) real.call("DUMP", s);
                byte[] mine = (byte[]) ours.call("DUMP", s);
                assertThat(ours.callBytes("RESTORE".getBytes(), ("from-redis:" + s).getBytes(), "0".getBytes(), theirs))
                        .isEqualTo("OK");
                assertThat(real.callBytes("RESTORE".getBytes(), ("from-shard:" + s).getBytes(), "0".getBytes(), mine))
                        .isEqualTo("OK");
                if (!s.equals("orders") && !s.equals("emptied")) { // deleted entries stay in Redis's listpacks
                    assertThat(mine).as("DUMP of %s", s).isEqualTo(theirs);
                }
                Object digest = real.call("DEBUG", "DIGEST-VALUE", s);
                assertThat(ours.call("DEBUG", "DIGEST-VALUE", "from-redis:" + s)).isEqualTo(digest);
                assertThat(real.call("DEBUG", "DIGEST-VALUE", "from-shard:" + s)).isEqualTo(digest);
                assertThat(describe(ours.call("XINFO", "STREAM", "from-redis:" + s, "FULL"), false))
                        .isEqualTo(describe(real.call("XINFO", "STREAM", s, "FULL"), false));
            }
        }
    }
}
