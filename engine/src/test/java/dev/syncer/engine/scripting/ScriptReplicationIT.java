package dev.syncer.engine.scripting;

import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.ReplicationStreamTap;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.syncer.engine.testing.ReplicationWaits.awaitInSync;
import static dev.syncer.engine.testing.ReplicationWaits.digest;
import static org.assertj.core.api.Assertions.assertThat;

/** A script's effects, never the script, reach replicas: real redis-server replicas and primaries both ways. */
class ScriptReplicationIT {

    private static final String TWO_WRITES =
            "redis.call('set', KEYS[1], ARGV[1]) redis.call('incrby', KEYS[2], 5) return redis.call('get', KEYS[1])";

    @Test
    void aScriptsWritesArePropagatedWrappedInMultiExec() {
        try (TestShard primary = TestShard.start(); RespClient p = primary.raw();
             ReplicationStreamTap tap = ReplicationStreamTap.attach(primary.port())) {
            assertThat(p.call("EVAL", TWO_WRITES, "2", "s", "c", "v")).isEqualTo("v".getBytes());
            assertThat(tap.until("EXEC")).map(ReplicationStreamTap.Command::toString)
                    .containsExactly("0:MULTI", "0:set s v", "0:incrby c 5", "0:EXEC");
        }
    }

    @Test
    void aScriptThatWritesNothingPropagatesNothing() {
        try (TestShard primary = TestShard.start(); RespClient p = primary.raw();
             ReplicationStreamTap tap = ReplicationStreamTap.attach(primary.port())) {
            p.call("EVAL", "return redis.call('get', KEYS[1])", "1", "missing");
            p.call("EVAL", "return redis.pcall('lpush', KEYS[1], 'x')", "1", "missing-too");
            p.call("SET", "marker", "1");
            List<ReplicationStreamTap.Command> stream = tap.until("SET", "marker", "1");
            assertThat(stream).map(ReplicationStreamTap.Command::toString)
                    .containsExactly("0:lpush missing-too x", "0:SET marker 1");
        }
    }

    @Test
    void aRealReplicaOfAShardAppliesScriptEffects() {
        try (TestShard primary = TestShard.start(); RespClient p = primary.raw();
             RealRedis replica = RealRedis.start("--enable-debug-command", "local",
                     "--replicaof", "127.0.0.1", Integer.toString(primary.port()))) {
            awaitInSync(primary.port(), replica.port());
            p.call("EVAL", TWO_WRITES, "2", "s", "c", "v");
            p.call("EVAL", TWO_WRITES, "2", "s", "c", "w");
            awaitInSync(primary.port(), replica.port());
            assertThat(replica.cli("GET", "c").strip()).isEqualTo("10");
            assertThat(digest(replica.port())).isEqualTo(digest(primary.port()));
        }
    }

    @Test
    void aShardReplicaOfARealRedisAppliesScriptEffects() {
        try (RealRedis primary = RealRedis.start("--enable-debug-command", "local"); RespClient p = primary.raw();
             TestShard replica = TestShard.start("replicaof", "127.0.0.1 " + primary.port())) {
            awaitInSync(primary.port(), replica.port());
            p.call("EVAL", TWO_WRITES, "2", "s", "c", "v");
            awaitInSync(primary.port(), replica.port());
            try (RespClient r = replica.raw()) {
                assertThat(r.call("GET", "c")).isEqualTo("5".getBytes());
                assertThat(r.call("EVAL", "return redis.call('set', 'k', 'v')", "0"))
                        .isEqualTo(new RespClient.Error("READONLY You can't write against a read only replica. "
                                + "script: 2d991be581da74a0c0c441c4beb92ae41c2e1eb9, on @user_script:1."));
            }
            assertThat(digest(replica.port())).isEqualTo(digest(primary.port()));
        }
    }
}
