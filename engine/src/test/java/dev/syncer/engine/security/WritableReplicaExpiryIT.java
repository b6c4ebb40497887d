package dev.syncer.engine.security;

import dev.syncer.engine.testing.ReplicationWaits;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A writable replica ({@code replica-read-only no}) kept every key a client wrote on it with a TTL
 * forever: no DEL ever comes from the primary for them. As Redis 7 (slaveKeysWithExpire), the
 * replica now expires those keys itself, and only those.
 */
class WritableReplicaExpiryIT {

    @Test
    void keysWrittenWithATtlOnAWritableReplicaAreExpiredByIt() {
        try (TestShard primary = TestShard.start();
             TestShard replica = TestShard.start("replicaof", "127.0.0.1 " + primary.port(), "replica-read-only", "no");
             RespClient p = primary.raw();
             RespClient r = replica.raw()) {
            ReplicationWaits.awaitLinkUp(replica.port());
            assertThat(p.call("SET", "from-primary", "v")).isEqualTo("OK");
            ReplicationWaits.awaitCaughtUp(primary.port(), replica.port());
            assertThat(r.call("SET", "local-temp", "v", "PX", "100")).isEqualTo("OK");
            assertThat(r.call("SET", "local-kept", "v")).isEqualTo("OK");
            ReplicationWaits.await("the replica's own key with a TTL deleted").until(() -> r.call("DBSIZE").equals(2L));
            assertThat(ReplicationWaits.statsField(replica.port(), "expired_keys")).isEqualTo(1L);
            assertThat(RespClient.text(r.call("GET", "from-primary"))).isEqualTo("v");
            assertThat(RespClient.text(r.call("GET", "local-kept"))).isEqualTo("v");
        }
    }
}
