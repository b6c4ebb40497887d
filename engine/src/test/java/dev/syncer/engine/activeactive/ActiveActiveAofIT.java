package dev.syncer.engine.activeactive;

import dev.syncer.engine.testing.PersistenceWaits;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An Active-Active shard with an append-only file comes back from a crash with its data and its
 * merge metadata: the AOF's CRDT.APPLY deltas replay, and the states its RDB base carries are
 * attached before they do.
 */
class ActiveActiveAofIT {

    private static final String[] SETTINGS = {"active-active-origin", "east", "appendonly", "yes", "appendfsync", "always"};

    @Test
    void aCrashedShardComesBackWithItsKeyStatesTombstonesAndClock(@TempDir Path dir) {
        Map<String, String> before;
        Object digest;
        try (TestShard s = TestShard.start(dir, SETTINGS); RespClient c = s.raw()) {
            c.call("SET", "gone", "1");
            c.call("INCRBY", "counter", "5");
            c.call("SADD", "set", "x", "y");
            c.call("BGREWRITEAOF"); // these three in the RDB base, with their states
            PersistenceWaits.aofRewriteDone(c);
            c.call("HSET", "hash", "f", "v"); // these in the incremental file, as CRDT.APPLY
            c.call("INCRBY", "counter", "2");
            c.call("DEL", "gone");
            before = c.info("activeactive");
            digest = c.call("DEBUG", "DIGEST");
            s.shard().crash(); // no shutdown save, no final flush
        }
        try (TestShard again = TestShard.start(dir, SETTINGS); RespClient c = again.raw()) {
            assertThat(c.call("DEBUG", "DIGEST")).isEqualTo(digest);
            Map<String, String> after = c.info("activeactive");
            assertThat(after.get("crdt_keys")).isEqualTo(before.get("crdt_keys")).isEqualTo("3");
            assertThat(after.get("tombstones")).isEqualTo(before.get("tombstones")).isEqualTo("1");
            assertThat(Long.parseLong(after.get("hlc"))).as("the clock is not behind a timestamp it already gave")
                    .isGreaterThanOrEqualTo(Long.parseLong(before.get("hlc")));
            assertThat(RespClient.text(c.call("INCRBY", "counter", "1"))).isEqualTo("8");
        }
    }
}
