package dev.syncer.engine.scripting;

import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static dev.syncer.engine.testing.ReplicationWaits.awaitInSync;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Function libraries travel as Redis 7.0 sends them, with real redis-servers both ways: in a full
 * sync's RDB, as FUNCTION LOAD / DELETE verbatim in the stream, and in RDB files; a promoted
 * replica still serves FCALL.
 */
class FunctionReplicationIT {

    private static final String COUNTER = "#!lua name=counter\n"
            + "redis.register_function('bump', function(keys) return redis.call('incr', keys[1]) end)\n"
            + "redis.register_function{function_name='peek', callback=function(keys)"
            + " return redis.call('get', keys[1]) end, flags={'no-writes'}}";
    private static final String GREETER = "#!lua name=greeter\n"
            + "redis.register_function{function_name='hello', callback=function(keys, args)"
            + " return 'hello ' .. args[1] end, flags={'no-writes'}}";

    @Test
    void aRealReplicaOfAShardGetsItsLibrariesBySyncAndByStream() {
        try (TestShard primary = TestShard.start(); RespClient p = primary.raw()) {
            assertThat(p.call("FUNCTION", "LOAD", COUNTER)).isEqualTo("counter".getBytes());
            try (RealRedis replica = RealRedis.start("--replicaof", "127.0.0.1", Integer.toString(primary.port()));
                 RespClient r = replica.raw()) {
                awaitInSync(primary.port(), replica.port()); // the full sync's RDB carried "counter"
                assertThat(p.call("FUNCTION", "LOAD", GREETER)).isEqualTo("greeter".getBytes());
                assertThat(p.call("FCALL", "bump", "1", "n")).isEqualTo(1L);
                awaitInSync(primary.port(), replica.port());
                assertThat(r.call("FCALL_RO", "peek", "1", "n")).isEqualTo("1".getBytes());
                assertThat(r.call("FCALL_RO", "hello", "0", "you")).isEqualTo("hello you".getBytes());
                p.call("FUNCTION", "DELETE", "greeter");
                awaitInSync(primary.port(), replica.port());
                assertThat(r.call("FCALL_RO", "hello", "0", "you")).isEqualTo(new RespClient.Error("ERR Function not found"));
            }
        }
    }

    @Test
    void aShardReplicaOfARealRedisKeepsItsLibrariesAndServesFcallOncePromoted() {
        try (RealRedis primary = RealRedis.start(); RespClient p = primary.raw()) {
            p.call("FUNCTION", "LOAD", COUNTER);
            try (TestShard replica = TestShard.start("replicaof", "127.0.0.1 " + primary.port());
                 RespClient r = replica.raw()) {
                awaitInSync(primary.port(), replica.port());
                p.call("FUNCTION", "LOAD", GREETER);
                p.call("FCALL", "bump", "1", "n");
                awaitInSync(primary.port(), replica.port());
                assertThat(r.call("FCALL_RO", "hello", "0", "there")).isEqualTo("hello there".getBytes());
                assertThat(r.call("FCALL", "bump", "1", "n"))
                        .isEqualTo(new RespClient.Error("READONLY You can't write against a read only replica."));
                assertThat(r.call("FUNCTION", "FLUSH"))
                        .isEqualTo(new RespClient.Error("READONLY You can't write against a read only replica."));
                assertThat(r.call("REPLICAOF", "NO", "ONE")).isEqualTo("OK");
                assertThat(r.call("FCALL", "bump", "1", "n")).isEqualTo(2L);
            }
        }
    }

    @Test
    void rdbFilesWithLibrariesLoadBothWays() throws Exception {
        Path fromShard;
        try (TestShard shard = TestShard.start(); RespClient s = shard.raw()) {
            s.call("FUNCTION", "LOAD", COUNTER);
            s.call("SET", "n", "41");
            assertThat(s.call("SAVE")).isEqualTo("OK");
            fromShard = shard.dir();
        }
        try (RealRedis redis = RealRedis.start(fromShard); RespClient r = redis.raw()) {
            assertThat(r.call("FCALL", "bump", "1", "n")).isEqualTo(42L);
            r.call("FUNCTION", "LOAD", GREETER);
            assertThat(r.call("SAVE")).isEqualTo("OK"); // redis-server's dump replaces the shard's
        }
        try (TestShard shard = TestShard.start(fromShard); RespClient s = shard.raw()) {
            assertThat(s.call("FCALL", "bump", "1", "n")).isEqualTo(43L);
            assertThat(s.call("FCALL_RO", "hello", "0", "again")).isEqualTo("hello again".getBytes());
        }
    }
}
