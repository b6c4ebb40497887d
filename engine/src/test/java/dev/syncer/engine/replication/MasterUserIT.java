package dev.syncer.engine.replication;

import dev.syncer.engine.testing.Datasets;
import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import static dev.syncer.engine.testing.ReplicationWaits.awaitInSync;
import static dev.syncer.engine.testing.ReplicationWaits.digest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replication between a shard and redis-server 7.0 with an ACL user on the primary: the replica
 * authenticates with masteruser/masterauth (AUTH user pass) as a user allowed only what
 * replication needs, and the primary lists its replica as that user.
 */
class MasterUserIT {

    private static void addReplicationUser(RespClient primary) {
        assertThat(primary.call("ACL", "SETUSER", "replicator", "on", ">r3pl", "+psync", "+replconf", "+ping"))
                .isEqualTo("OK");
    }

    private static String replicaLine(RespClient primary) {
        for (String line : RespClient.text(primary.call("CLIENT", "LIST")).split("\n")) {
            if (line.contains(" flags=S ")) {
                return line;
            }
        }
        return "";
    }

    @Test
    void aShardReplicatesFromRedisServerAsAnAclUser() {
        try (RealRedis primary = RealRedis.start("--repl-diskless-sync-delay", "0", "--enable-debug-command", "local");
             RespClient p = primary.raw()) {
            addReplicationUser(p);
            Datasets.everyType(primary.port(), "before");
            try (TestShard replica = TestShard.start("replicaof", "127.0.0.1 " + primary.port(),
                    "masteruser", "replicator", "masterauth", "r3pl")) {
                awaitInSync(primary.port(), replica.port());
                Datasets.everyType(primary.port(), "after");
                awaitInSync(primary.port(), replica.port());
                assertThat(digest(replica.port())).isEqualTo(digest(primary.port()));
                assertThat(replicaLine(p)).contains(" user=replicator ");
            }
        }
    }

    @Test
    void redisServerReplicatesFromAShardAsAnAclUser() {
        try (TestShard primary = TestShard.start("repl-diskless-sync-delay", "0"); RespClient p = primary.raw()) {
            addReplicationUser(p);
            Datasets.everyType(primary.port(), "before");
            try (RealRedis replica = RealRedis.start("--replicaof", "127.0.0.1", Integer.toString(primary.port()),
                    "--masteruser", "replicator", "--masterauth", "r3pl", "--enable-debug-command", "local")) {
                awaitInSync(primary.port(), replica.port());
                assertThat(digest(replica.port())).isEqualTo(digest(primary.port()));
                assertThat(replicaLine(p)).contains(" user=replicator ");
            }
        }
    }
}
