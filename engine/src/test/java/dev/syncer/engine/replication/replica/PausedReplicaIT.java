package dev.syncer.engine.replication.replica;

import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.syncer.engine.testing.ReplicationWaits.await;
import static dev.syncer.engine.testing.ReplicationWaits.awaitInSync;
import static dev.syncer.engine.testing.ReplicationWaits.field;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CLIENT PAUSE on a replica parks its primary's link as Redis 7.0 does (unit/pause's replica
 * tests): the stream keeps arriving (slave_read_repl_offset) but is not applied (slave_repl_offset
 * stays put) until the pause ends. Each scenario runs with a redis-server replica and a shard
 * replica of a shard primary, and must hold on both.
 */
class PausedReplicaIT {

    /** A replica under test. */
    private record Replica(AutoCloseable process, int port) implements AutoCloseable {

        static Replica start(String which, int primaryPort) {
            if (which.equals("redis-server")) {
                RealRedis redis = RealRedis.start("--replicaof", "127.0.0.1", Integer.toString(primaryPort));
                return new Replica(redis, redis.port());
            }
            TestShard shard = TestShard.start("replicaof", "127.0.0.1 " + primaryPort);
            return new Replica(shard, shard.port());
        }

        RespClient client() {
            return process instanceof RealRedis r ? r.raw() : ((TestShard) process).raw();
        }

        @Override
        public void close() throws Exception {
            process.close();
        }
    }

    private static long offset(int port, String field) {
        return Long.parseLong(field(port, "replication", field));
    }

    private static void awaitReadButNotApplied(int primary, int replica, long applied) {
        long sent = offset(primary, "master_repl_offset");
        await("the replica read the stream up to " + sent)
                .until(() -> offset(replica, "slave_read_repl_offset") == sent);
        assertThat(offset(replica, "slave_repl_offset")).as("nothing applied while paused").isEqualTo(applied);
    }

    /** A scenario on a replica in sync with its primary; {@code applied} is its slave_repl_offset then. */
    private interface Scenario {
        void run(int primary, RespClient p, int replica, RespClient r, long applied) throws Exception;
    }

    private static void inSync(String which, Scenario scenario) throws Exception {
        try (TestShard primary = TestShard.start("repl-ping-replica-period", "3600", "repl-diskless-sync-delay", "0");
             RespClient p = primary.raw(); Replica replica = Replica.start(which, primary.port());
             RespClient r = replica.client()) {
            awaitInSync(primary.port(), replica.port());
            p.call("SET", "foo", "bar"); // the stream's SELECT comes with it, not with the write held later
            awaitInSync(primary.port(), replica.port());
            scenario.run(primary.port(), p, replica.port(), r, offset(replica.port(), "slave_repl_offset"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis-server", "shard"})
    void aWritePauseHoldsThePrimarysWritesUntilUnpause(String which) throws Exception {
        inSync(which, (primary, p, replica, r, applied) -> {
            assertThat(r.call("CLIENT", "PAUSE", "100000", "WRITE")).isEqualTo("OK");
            p.call("SET", "foo2", "bar2");
            p.call("PUBLISH", "ch", "m"); // may-replicate, and behind the held SET anyway
            awaitReadButNotApplied(primary, replica, applied);
            assertThat(r.call("GET", "foo2")).isNull();
            assertThat(field(replica, "replication", "master_link_status")).isEqualTo("up");

            assertThat(r.call("CLIENT", "UNPAUSE")).isEqualTo("OK");
            awaitInSync(primary, replica);
            assertThat(r.call("GET", "foo2")).isEqualTo("bar2".getBytes());
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis-server", "shard"})
    void aPauseThatEndsByItselfLetsTheHeldStreamBeApplied(String which) throws Exception {
        inSync(which, (primary, p, replica, r, applied) -> {
            assertThat(r.call("CLIENT", "PAUSE", "2000", "WRITE")).isEqualTo("OK"); // ALL would hold INFO too
            p.call("SET", "foo2", "bar2");
            awaitReadButNotApplied(primary, replica, applied);

            await("the pause ends by itself and the stream is applied")
                    .until(() -> offset(replica, "slave_repl_offset") == offset(primary, "master_repl_offset"));
            assertThat(r.call("GET", "foo2")).isEqualTo("bar2".getBytes());
        });
    }
}
