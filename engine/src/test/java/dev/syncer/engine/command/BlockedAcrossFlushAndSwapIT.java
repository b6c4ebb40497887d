package dev.syncer.engine.command;

import dev.syncer.engine.testing.PropagationComparison;
import dev.syncer.engine.testing.ReplicationWaits;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients blocked on keys when whole databases change (signalFlushedDb, SWAPDB's
 * scanDatabaseForReadyKeys): a blocked XREADGROUP is told its stream is gone by FLUSHALL and
 * FLUSHDB, and SWAPDB serves a BLPOP whose key the other database held.
 */
class BlockedAcrossFlushAndSwapIT {

    @Test
    void flushesEndABlockedXreadgroupAndSwapdbServesABlockedPop() {
        try (TestShard shard = TestShard.start();
             RespClient c = shard.raw();
             RespClient blocked = shard.raw()) {
            for (String flush : new String[] {"FLUSHALL", "FLUSHDB"}) {
                c.call("XADD", "s", "1-1", "f", "v");
                c.call("XGROUP", "CREATE", "s", "g", "$");
                blocked.send(RespClient.encode("XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">"));
                ReplicationWaits.awaitField(shard.port(), "clients", "blocked_clients", "1"::equals);
                c.call(flush);
                assertThat(blocked.read()).isEqualTo(new RespClient.Error("UNBLOCKED the stream key no longer exists"));
            }
            c.call("SELECT", "1");
            c.call("RPUSH", "l", "a");
            c.call("SELECT", "0");
            blocked.send(RespClient.encode("BLPOP", "l", "0"));
            ReplicationWaits.awaitField(shard.port(), "clients", "blocked_clients", "1"::equals);
            c.call("SWAPDB", "0", "1");
            assertThat(PropagationComparison.describe(blocked.read())).isEqualTo("[$l, $a]");
            assertThat(c.call("EXISTS", "l")).isEqualTo(0L);
        }
    }
}
