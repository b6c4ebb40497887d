package dev.syncer.engine.lab;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Active-Active syncers in the lab: after each operation on the source side, the remote syncers
 * resume with a partial sync (the type their own sync events record); only a brand-new syncer
 * (or one whose checkpoint left the source's history) takes a full sync, which carries the states.
 */
class SyncerIT {

    private ShopLab shop;
    private Lab lab;

    @AfterEach
    void stop() {
        if (shop != null) {
            shop.close();
        }
    }

    private Lab start() throws InterruptedException {
        shop = ShopLab.start();
        lab = shop.lab;
        return lab;
    }

    @Test
    void syncersStartWithAFullSyncAndCarryWritesBetweenClusters() throws Exception {
        start();
        assertThat(lab.syncers()).hasSize(6);
        shop.call("west", "SET", "greeting", "from-west");
        shop.call("north", "INCRBY", "counter", "5");
        shop.call("east", "INCRBY", "counter", "7");
        shop.awaitEverywhere("greeting", "from-west");
        shop.awaitEverywhere("counter", "12");
        assertThat(shop.syncerEvents("shop:west->east")).extracting(SyncRecord::type).containsExactly("full");
        Map<String, String> info = LocalClient.info(lab.instance("east", "shop").replicas().get(0).shard(), "syncers");
        assertThat(info.get("syncers")).isEqualTo("2");
        assertThat(info.get("syncer0") + info.get("syncer1")).contains("id=shop:west->east", "state=in-sync",
                "phase=syncing stream", "last_sync=full", "last_cause=startup");
    }

    @Test
    void syncersWriteAsTheirIdentitiesAndAnOrdinaryClientCannotForgeAnotherClustersEffects() throws Exception {
        start();
        shop.call("west", "SET", "before", "1");
        shop.awaitEverywhere("before", "1");
        DatabaseInstance east = lab.instance("east", "shop");
        String clients = dev.syncer.engine.resp.RespReplyParser.text(LocalClient.call(east.primary().shard(), "CLIENT", "LIST"));
        assertThat(clients).contains("user=syncer-west", "user=syncer-north");
        try (dev.syncer.engine.testing.RespClient attacker = dev.syncer.engine.testing.RespClient.connect(east.proxy().port())) {
            Object reply = attacker.call("CRDT.APPLY", "west", "1", "x");
            assertThat(reply).isInstanceOf(dev.syncer.engine.testing.RespClient.Error.class);
            assertThat(((dev.syncer.engine.testing.RespClient.Error) reply).message()).startsWith("NOPERM");
        }
        assertThat(LocalClient.info(east.primary().shard(), "activeactive").get("effects_noperm")).isEqualTo("1");
        shop.call("west", "SET", "after", "2");
        shop.awaitEverywhere("after", "2");
    }

    @Test
    void sourceFailoverTwiceResumesTheRemoteSyncersWithPartialSyncs() throws Exception {
        start();
        shop.call("west", "SET", "k1", "v1");
        shop.awaitEverywhere("k1", "v1");
        DatabaseInstance west = lab.instance("west", "shop");
        LabShard first = west.primary();
        CausedSyncs report = CausedSyncs.of(lab, () -> lab.operations().failover(west.replicas().get(0).id(), false));
        assertThat(report.outcome()).startsWith("primary is now");
        shop.call("west", "SET", "k2", "v2");
        shop.awaitEverywhere("k2", "v2");
        await().atMost(Duration.ofSeconds(10)).until(() -> shop.syncerEvents("shop:west->east").size() == 2);
        assertThat(shop.syncerEvents("shop:west->east").get(1).type()).isEqualTo("partial");
        assertThat(shop.syncerEvents("shop:west->east").get(1).cause()).isEqualTo("failover");
        assertThat(report.received()).anyMatch(r -> "syncer".equals(r.side()) && !r.isFull());

        lab.operations().failover(first.id(), false); // and back: a second new replid
        shop.call("west", "SET", "k3", "v3");
        shop.awaitEverywhere("k3", "v3");
        await().atMost(Duration.ofSeconds(10)).until(() -> shop.syncerEvents("shop:west->north").size() == 3);
        assertThat(shop.syncerEvents("shop:west->north")).extracting(SyncRecord::type)
                .containsExactly("full", "partial", "partial");
        assertThat(shop.status("shop:west->north").checkpoints().split(";")).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void syncerCutThroughTwoFailoversResumesPartiallyFromItsOldCheckpoint() throws Exception {
        start();
        DatabaseInstance west = lab.instance("west", "shop");
        LabShard first = west.primary();
        lab.operations().cutSyncerLink("shop:west->east");
        shop.call("west", "SET", "while-cut", "1");
        lab.operations().failover(west.replicas().get(0).id(), false);
        lab.operations().failover(first.id(), false);
        shop.call("west", "SET", "after-two", "2");
        lab.operations().healSyncerLink("shop:west->east");
        shop.awaitEverywhere("while-cut", "1");
        shop.awaitEverywhere("after-two", "2");
        assertThat(shop.syncerEvents("shop:west->east")).extracting(SyncRecord::type).containsExactly("full", "partial");
    }

    @Test
    void sourceMigrationAndReplicaRestartKeepTheSyncersPartial() throws Exception {
        start();
        DatabaseInstance west = lab.instance("west", "shop");
        LabShard primary = west.primary();
        String otherNode = lab.nodes("west").stream().filter(n -> !n.equals(primary.node())).findFirst().orElseThrow();
        lab.operations().migrate(primary.id(), otherNode, false);
        shop.call("west", "SET", "after-migrate", "1");
        shop.awaitEverywhere("after-migrate", "1");
        LabShard replica = west.replicas().get(0);
        lab.operations().restart(replica.id());
        lab.operations().failover(replica.id(), false); // the restarted replica now serves the syncers
        shop.call("west", "SET", "after-restart", "2");
        shop.awaitEverywhere("after-restart", "2");
        for (String id : List.of("shop:west->east", "shop:west->north")) {
            List<SyncRecord> events = shop.syncerEvents(id);
            assertThat(events.get(0).type()).isEqualTo("full");
            assertThat(events.subList(1, events.size())).isNotEmpty().allMatch(r -> !r.isFull());
        }
    }

    @Test
    void stoppedSyncerResumesFromItsCheckpointFileWithAPartialSync() throws Exception {
        start();
        lab.operations().stopSyncer("shop:north->west");
        assertThat(shop.status("shop:north->west").state()).isEqualTo("out-of-sync");
        shop.call("north", "SADD", "s", "a", "b");
        CausedSyncs report = CausedSyncs.of(lab, () -> lab.operations().startSyncer("shop:north->west"));
        assertThat(report.partialSyncs()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> Long.valueOf(2).equals(scard("west", "s")));
        assertThat(shop.status("shop:north->west").lastCause()).isEqualTo("restart");
    }

    @Test
    void aPromotedReplicaThatFullSyncedKeepsTheStatesAndServesTheSyncersPartially() throws Exception {
        start();
        shop.call("west", "INCRBY", "c", "5");
        shop.call("west", "SADD", "s", "a");
        shop.awaitEverywhere("c", "5");
        lab.operations().cutSyncerLink("shop:west->east"); // east's syncer falls behind the new replica's full sync
        shop.call("west", "INCRBY", "c", "1");
        CausedSyncs added = CausedSyncs.of(lab, () -> lab.operations().addReplica("west", "shop", lab.nodes("west").get(1)));
        assertThat(added.fullSyncs()).isEqualTo(1);
        LabShard fresh = lab.instance("west", "shop").shards().get(2);
        lab.operations().failover(fresh.id(), false);
        lab.operations().healSyncerLink("shop:west->east");
        shop.awaitEverywhere("c", "6");
        assertThat(shop.syncerEvents("shop:west->east")).extracting(SyncRecord::type).containsExactly("full", "partial");
        // concurrent increments still add up on the promoted replica: it holds the counter's state
        lab.operations().cutSyncerLink("shop:west->east");
        lab.operations().cutSyncerLink("shop:east->west");
        shop.call("west", "INCRBY", "c", "3");
        shop.call("east", "INCRBY", "c", "4");
        shop.call("east", "SREM", "s", "a");
        shop.call("west", "SADD", "s", "a");
        lab.operations().healSyncerLink("shop:west->east");
        lab.operations().healSyncerLink("shop:east->west");
        shop.awaitEverywhere("c", "13");
        await().atMost(Duration.ofSeconds(10)).until(() -> Long.valueOf(1).equals(scard("east", "s")));
    }

    @Test
    void aCheckpointThatLeftTheBacklogGetsAFullSyncThatMergesTheStates() throws Exception {
        start();
        shop.call("north", "SET", "before", "x");
        shop.awaitEverywhere("before", "x");
        lab.operations().resizeBacklog(lab.instance("north", "shop").primary().id(), 16 * 1024);
        lab.operations().cutSyncerLink("shop:north->east");
        String big = "v".repeat(1000);
        for (int i = 0; i < 40; i++) {
            shop.call("north", "HSET", "h", "f" + i, big);
        }
        shop.call("north", "DEL", "before");
        CausedSyncs healed = CausedSyncs.of(lab, () -> lab.operations().healSyncerLink("shop:north->east"));
        assertThat(healed.received()).anyMatch(r -> "syncer".equals(r.side()) && r.isFull());
        await().atMost(Duration.ofSeconds(10)).until(() -> shop.get("east", "before") == null && Long.valueOf(40).equals(hlen("east")));
        assertThat(shop.status("shop:north->east").lastCause()).isEqualTo("partial-refused");
    }

    private Long hlen(String cluster) {
        return (Long) shop.send(cluster, "HLEN", "h");
    }

    private Long scard(String cluster, String key) {
        return (Long) shop.send(cluster, "SCARD", key);
    }
}
