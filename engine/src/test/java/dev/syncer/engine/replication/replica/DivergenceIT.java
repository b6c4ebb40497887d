package dev.syncer.engine.replication.replica;

import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.SyncEvents;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.syncer.engine.testing.ReplicationWaits.awaitField;
import static dev.syncer.engine.testing.ReplicationWaits.awaitInSync;
import static dev.syncer.engine.testing.ReplicationWaits.digest;
import static dev.syncer.engine.testing.ReplicationWaits.field;
import static dev.syncer.engine.testing.ReplicationWaits.statsField;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shard replica of a real redis-server 7.0 that cannot apply a command from the stream says so
 * and stops there: logged, counted (unexpected_error_replies, master_link_diverged), a failed sync
 * event with cause diverged, no acknowledgement past it, nothing relayed to its own replica — and a
 * new REPLICAOF repairs it with a full sync.
 */
class DivergenceIT {

    @Test
    void aCommandTheReplicaCannotApplyStopsTheLinkInsteadOfBeingDropped() {
        try (RealRedis primary = RealRedis.start("--enable-debug-command", "local", "--repl-diskless-sync-delay", "0");
             RespClient p = primary.raw();
             TestShard shard = TestShard.start("replicaof", "127.0.0.1 " + primary.port(), "replica-read-only", "no");
             RespClient s = shard.raw();
             RealRedis below = RealRedis.start("--replicaof", "127.0.0.1", String.valueOf(shard.port()));
             RespClient b = below.raw()) {
            p.call("SET", "before", "1");
            awaitInSync(primary.port(), shard.port());
            awaitInSync(shard.port(), below.port());
            // The replica's dataset drifts (a write on a writable replica), so the primary's next
            // write to that key cannot be applied here: WRONGTYPE.
            s.call("SET", "k", "a string");
            p.call("LPUSH", "k", "x");
            p.call("SET", "after", "1");

            awaitField(shard.port(), "replication", "master_link_diverged", "1"::equals);
            Map<String, String> info = dev.syncer.engine.testing.ReplicationWaits.info(shard.port(), "replication");
            String applied = info.get("slave_repl_offset");
            assertThat(info).containsEntry("master_link_status", "down")
                    .containsEntry("master_link_diverged_command", "LPUSH")
                    .containsEntry("master_link_diverged_offset", applied);
            assertThat(Long.parseLong(applied))
                    .isLessThan(Long.parseLong(field(primary.port(), "replication", "master_repl_offset")));
            assertThat(statsField(shard.port(), "unexpected_error_replies")).isEqualTo(1);
            Map<String, String> event = SyncEvents.await(shard.port(), "the diverged event",
                    e -> "diverged".equals(e.get("cause")));
            assertThat(event.get("outcome")).isEqualTo("failed: diverged");
            assertThat(event.get("detail")).startsWith("cannot apply 'LPUSH' at offset " + applied + ": WRONGTYPE");
            // Nothing after the refused command was applied, acknowledged or passed on.
            assertThat(s.call("EXISTS", "after")).isEqualTo(0L);
            assertThat(p.call("WAIT", "1", "300")).isEqualTo(0L);
            assertThat(b.call("EXISTS", "after")).isEqualTo(0L);
            assertThat(b.call("EXISTS", "before")).isEqualTo(1L);

            // REPLICAOF again: a full sync replaces the drifted dataset with the primary's.
            s.call("REPLICAOF", "127.0.0.1", String.valueOf(primary.port()));
            awaitInSync(primary.port(), shard.port());
            assertThat(dev.syncer.engine.testing.ReplicationWaits.info(shard.port(), "replication"))
                    .doesNotContainKey("master_link_diverged");
            assertThat(digest(shard.port())).isEqualTo(digest(primary.port()));
        }
    }

    /** A writable shard replica of redis-server whose drifted key makes the primary's LPUSH fail here. */
    private interface Drifted {
        void check(RealRedis primary, RespClient p, TestShard shard, RespClient s);
    }

    private static void withDriftedReplica(String behavior, Drifted then) {
        withDriftedReplica(behavior, false, then);
    }

    /** readOnly: replica-read-only is set back to yes after the drift, before the primary's LPUSH. */
    private static void withDriftedReplica(String behavior, boolean readOnly, Drifted then) {
        try (RealRedis primary = RealRedis.start("--repl-diskless-sync-delay", "0");
             RespClient p = primary.raw();
             TestShard shard = TestShard.start("replicaof", "127.0.0.1 " + primary.port(), "replica-read-only", "no",
                     "propagation-error-behavior", behavior);
             RespClient s = shard.raw()) {
            awaitInSync(primary.port(), shard.port());
            s.call("SET", "k", "a string");
            if (readOnly) {
                s.call("CONFIG", "SET", "replica-read-only", "yes");
            }
            p.call("LPUSH", "k", "x");
            then.check(primary, p, shard, s);
        }
    }

    @Test
    void withPropagationErrorBehaviorIgnoreTheLinkGoesOnButTheErrorIsStillAnAlarm() {
        withDriftedReplica("ignore", (primary, p, shard, s) -> {
            p.call("SET", "after", "1");
            awaitInSync(primary.port(), shard.port());
            assertThat(RespClient.text(s.call("GET", "after"))).as("the link went on past the refused command").isEqualTo("1");
            assertThat(statsField(shard.port(), "unexpected_error_replies")).isEqualTo(1);
            assertThat(field(shard.port(), "replication", "master_link_status")).isEqualTo("up");
            Map<String, String> event = SyncEvents.await(shard.port(), "the diverged event", e -> "diverged".equals(e.get("cause")));
            assertThat(event.get("detail")).startsWith("cannot apply 'LPUSH'");
        });
    }

    @Test
    void withPropagationErrorBehaviorPanicAReadOnlyReplicaStops() {
        withDriftedReplica("panic", true, (primary, p, shard, s) -> org.awaitility.Awaitility.await("the replica stopped")
                .atMost(java.time.Duration.ofSeconds(20)).until(s::isClosedByServer));
    }

    @Test
    void withPropagationErrorBehaviorPanicAWritableReplicaGoesOnAsRedissDoes() {
        // afterErrorReply's panic_in_replicas needs repl_slave_ro: a writable replica only logs
        withDriftedReplica("panic", (primary, p, shard, s) -> {
            p.call("SET", "after", "1");
            awaitInSync(primary.port(), shard.port());
            assertThat(RespClient.text(s.call("GET", "after"))).isEqualTo("1");
            assertThat(statsField(shard.port(), "unexpected_error_replies")).isEqualTo(1);
        });
    }
}
