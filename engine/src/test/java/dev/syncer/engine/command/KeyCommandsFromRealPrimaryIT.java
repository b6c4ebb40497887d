package dev.syncer.engine.command;

import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import static dev.syncer.engine.testing.ReplicationWaits.awaitInSync;
import static dev.syncer.engine.testing.ReplicationWaits.digest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shard replicating from a real redis-server 7.0 applies what COPY, MOVE, SWAPDB and SORT ...
 * STORE propagate, and ends with the primary's dataset (DEBUG DIGEST over every database).
 */
class KeyCommandsFromRealPrimaryIT {

    @Test
    void aShardReplicaFollowsCopyMoveSwapdbAndSortStore() {
        try (RealRedis primary = RealRedis.start("--enable-debug-command", "local", "--repl-diskless-sync-delay", "0");
             RespClient p = primary.raw();
             TestShard replica = TestShard.start("replicaof", "127.0.0.1 " + primary.port())) {
            awaitInSync(primary.port(), replica.port());
            String[][] writes = {
                {"RPUSH", "l", "3", "1", "2"}, {"SADD", "s", "b", "a"}, {"HSET", "w_1", "f", "9"}, {"HSET", "w_2", "f", "4"},
                {"SET", "t", "v", "EX", "1000"}, {"COPY", "t", "t2"}, {"COPY", "l", "l2", "DB", "3"},
                {"COPY", "l", "t2", "REPLACE"}, {"MOVE", "t", "5"}, {"SWAPDB", "0", "3"}, {"SWAPDB", "3", "0"},
                {"SWAPDB", "1", "0"}, {"SWAPDB", "0", "1"}, {"SORT", "l", "STORE", "sorted"},
                {"SORT", "s", "BY", "nosort", "STORE", "sorted2"}, {"RPUSH", "ids", "1", "2"},
                {"SORT", "ids", "BY", "w_*->f", "GET", "#", "GET", "w_*->f", "STORE", "sorted3"},
                {"SORT", "missing", "STORE", "sorted"}, {"SELECT", "5"}, {"MOVE", "t", "0"}, {"SELECT", "0"},
            };
            for (String[] w : writes) {
                assertThat(p.call(w)).as(String.join(" ", w)).isNotInstanceOf(RespClient.Error.class);
            }
            awaitInSync(primary.port(), replica.port());
            assertThat(digest(replica.port())).isEqualTo(digest(primary.port()));
            try (RespClient r = replica.raw()) {
                assertThat(texts(r.call("LRANGE", "sorted3", "0", "-1"))).containsExactly("2", "4", "1", "9");
                assertThat(r.call("EXISTS", "sorted")).isEqualTo(0L);
                assertThat(r.call("TTL", "t")).isInstanceOf(Long.class);
            }
        }
    }

    private static java.util.List<String> texts(Object reply) {
        return ((java.util.List<?>) reply).stream().map(RespClient::text).toList();
    }
}
