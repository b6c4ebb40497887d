package dev.syncer.engine.command;

import dev.syncer.engine.testing.PropagationComparison;
import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.ReplicationWaits;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WATCH across clients and sources of change: another client's write, an expiry, FLUSHALL,
 * SWAPDB, and a write arriving on a replica's link from a real redis-server primary all make EXEC
 * answer a null array; a write that changes nothing, or to another key, or an SMOVE to a set that
 * already had the member (for that set), does not. Blocked clients
 * are woken by the primary's stream too.
 */
class WatchIT {

    @Test
    void writesFromEverySourceAbortATransactionWatchingTheKey() {
        try (TestShard shard = TestShard.start();
             RespClient watcher = shard.raw();
             RespClient other = shard.raw()) {
            assertThat(execAfter(watcher, other, "k", "SET k 1")).isNull();
            assertThat(execAfter(watcher, other, "k", "SET unrelated 1")).isEqualTo(List.of("PONG"));
            assertThat(execAfter(watcher, other, "s", "SREM s nothing")).isEqualTo(List.of("PONG"));
            other.call("SADD", "src", "m");
            other.call("SADD", "dst", "m");
            // as smoveCommand: a destination that already had the member did not change
            assertThat(execAfter(watcher, other, "dst", "SMOVE src dst m")).isEqualTo(List.of("PONG"));
            other.call("SADD", "src", "m");
            assertThat(execAfter(watcher, other, "src", "SMOVE src dst m")).isNull();
            other.call("SADD", "src", "n");
            assertThat(execAfter(watcher, other, "dst", "SMOVE src dst n")).isNull();
            other.call("SET k v");
            assertThat(execAfter(watcher, other, "k", "FLUSHALL")).isNull();
            assertThat(execAfter(watcher, other, "k", "FLUSHALL")).isEqualTo(List.of("PONG")); // k did not exist
            other.call("SELECT", "1");
            other.call("SET", "k", "in-db-1");
            assertThat(execAfter(watcher, other, "k", "SWAPDB 0 1")).isNull();
            other.call("SELECT", "0");
            // WATCH must see k alive (a key already expired when watched aborts nothing, as Redis's
            // watchForKey records): on a loaded machine a short TTL can pass before WATCH runs
            for (long ttl = 30; ; ttl *= 2) {
                assertThat(other.call("PEXPIRE", "k", Long.toString(ttl))).isEqualTo(1L);
                watcher.call("WATCH", "k");
                if ((Long) other.call("PTTL", "k") > 0) {
                    break;
                }
                watcher.call("UNWATCH");
                other.call("SET", "k", "v");
            }
            ReplicationWaits.await("k to expire").until(() -> other.call("EXISTS", "k").equals(0L));
            watcher.call("MULTI");
            watcher.call("PING");
            assertThat(watcher.call("EXEC")).isNull();
        }
    }

    @Test
    void aWriteFromThePrimaryAbortsTheTransactionAndServesABlockedClient() {
        try (RealRedis primary = RealRedis.start();
             TestShard replica = TestShard.start("replica-read-only", "no");
             RespClient p = primary.raw();
             RespClient watcher = replica.raw();
             RespClient blocked = replica.raw()) {
            replica.follow(primary.port());
            watcher.call("WATCH", "k");
            blocked.send(RespClient.encode("BLPOP", "list", "0"));
            ReplicationWaits.awaitField(replica.port(), "clients", "blocked_clients", "1"::equals);
            p.call("SET", "k", "from-primary");
            p.call("RPUSH", "list", "a", "b");
            assertThat(PropagationComparison.describe(blocked.read())).isEqualTo("[$list, $a]");
            watcher.call("MULTI");
            watcher.call("PING");
            assertThat(watcher.call("EXEC")).isNull();
        }
    }

    private static Object execAfter(RespClient watcher, RespClient other, String key, String write) {
        watcher.call("WATCH", key);
        other.call(write.split(" "));
        watcher.call("MULTI");
        watcher.call("PING");
        return watcher.call("EXEC");
    }
}
