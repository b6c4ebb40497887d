package dev.syncer.engine.lab;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A graceful failover while the old primary's stream still moves after the proxy paused: writes the
 * proxy had read arrive late (a slow proxy: a loaded machine's is), and the primary feeds its
 * replicas on its own (a PING every repl-ping-replica-period, the DELs of keys that expire).
 * Whatever it feeds after the promoted replica has caught up reaches the siblings (and the old
 * primary's own offset) but not the new primary, whose history then ends short of theirs: they ask
 * beyond it and take full syncs. Every handover must leave them all resuming with a partial sync.
 */
class PromotionIT {

    private static final Topology SIBLINGS = Topology.parse("""
            cluster east nodes=3
            database cache plain east replicas=2
            """);
    private static final int HANDOVERS = 8;
    /** Keys set to expire one by one over the next seconds, so the primary writes DELs while clients are held. */
    private static final int EXPIRING = 300;

    private Lab lab;

    @AfterEach
    void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void everyoneResumesPartiallyAfterEachHandoverWhileThePrimaryKeepsFeeding() throws Exception {
        lab = new Lab(SIBLINGS, null).start();
        DatabaseInstance cache = lab.instance("east", "cache");
        for (LabShard s : cache.shards()) {
            LocalClient.callOk(s.shard(), "CONFIG", "SET", "repl-ping-replica-period", "1");
        }
        lab.startWriteLoad("cache", new WriteLoad.Settings(200, 1000, 32, WriteLoad.Mix.STRINGS));
        cache.proxy().setFault(LinkFault.delay(100));
        for (int i = 0; i < HANDOVERS; i++) {
            expireSoon(cache, i);
            LabShard old = cache.primary();
            LabShard target = cache.replicasOf(old).get(i % 2);

            CausedSyncs report = CausedSyncs.of(lab, () -> lab.operations().failover(target.id(), false));

            assertThat(report.outcome()).as("handover %d", i).isEqualTo("primary is now " + target.id());
            assertThat(report.received()).as("handover %d from %s to %s: %s", i, old.id(), target.id(), report.syncs())
                    .hasSize(2).noneMatch(SyncRecord::isFull);
        }
        lab.stopWriteLoad("cache");
    }

    /** Keys that expire over the next 3 s, set on the primary itself (the slow proxy would take a minute). */
    private static void expireSoon(DatabaseInstance cache, int round) {
        for (int k = 0; k < EXPIRING; k++) {
            LocalClient.callOk(cache.primary().shard(), "SET", "exp:" + round + ":" + k, "v", "PX",
                    Integer.toString(100 + 10 * k));
        }
    }
}
