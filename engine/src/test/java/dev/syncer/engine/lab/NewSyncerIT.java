package dev.syncer.engine.lab;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * A brand-new syncer joining a database whose clusters already hold data: without a checkpoint it
 * asks {@code PSYNC ? -1}, takes a full sync whose states bring the target everything the source
 * wrote (converging to the same DEBUG DIGEST on every shard), and from then on resumes partially.
 */
class NewSyncerIT {

    private static final String SYNCER = "shop:west->east";

    private ShopLab shop;

    @AfterEach
    void stop() {
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    void aNewSyncerTakesAFullSyncOfTheSourcesDataAndThenResumesPartially() throws Exception {
        shop = ShopLab.start();
        shop.call("west", "SET", "old:str", "before");
        shop.call("west", "HSET", "old:hash", "a", "1", "b", "2");
        shop.call("east", "SADD", "old:set", "e1");
        shop.awaitEverywhere("old:str", "before");

        shop.lab.operations().stopSyncer(SYNCER);
        writeEveryType("west");
        shop.call("east", "INCRBY", "new:counter", "100"); // concurrent with west's increments
        await().atMost(Duration.ofSeconds(10)).until(() -> "142".equals(shop.get("west", "new:counter")));
        assertThat(shop.get("east", "new:str")).as("east lacks west's writes while its syncer is away").isNull();
        assertThat(shop.digests(List.of("east"))).doesNotContainAnyElementsOf(shop.digests(List.of("west")));

        CausedSyncs started = CausedSyncs.of(shop.lab, () -> shop.lab.operations().startSyncerAsNew(SYNCER));
        assertThat(started.received()).filteredOn(r -> "syncer".equals(r.side()))
                .extracting(SyncRecord::type, SyncRecord::cause).containsExactly(tuple("full", "startup"));
        assertThat(shop.status(SYNCER).lastSync()).isEqualTo("full");
        assertThat(shop.status(SYNCER).lastCause()).isEqualTo("startup");
        assertThat(shop.status(SYNCER).fullSyncs()).isEqualTo(1);
        awaitOneDigest();
        assertThat(shop.get("east", "new:str")).isEqualTo("west-value");
        assertThat(shop.get("east", "new:counter")).isEqualTo("142");
        assertThat(shop.get("east", "old:str")).isNull();
        assertThat(shop.send("east", "HGET", "old:hash", "b")).isNull();

        shop.lab.operations().cutSyncerLink(SYNCER);
        shop.call("west", "SET", "after-cut", "1");
        shop.call("west", "ZINCRBY", "new:zset", "5", "z1");
        CausedSyncs healed = CausedSyncs.of(shop.lab, () -> shop.lab.operations().healSyncerLink(SYNCER));
        assertThat(healed.received()).filteredOn(r -> "syncer".equals(r.side()))
                .extracting(SyncRecord::type, SyncRecord::cause).containsExactly(tuple("partial", "link-drop"));
        List<SyncRecord> events = shop.syncerEvents(SYNCER);
        assertThat(events).extracting(SyncRecord::type).containsExactly("full", "full", "partial");
        awaitOneDigest();
        assertThat(shop.get("east", "after-cut")).isEqualTo("1");
    }

    /** Writes of every type the Active-Active shard takes, including deletes and a TTL. */
    private void writeEveryType(String cluster) {
        shop.call(cluster, "SET", "new:str", "west-value");
        shop.call(cluster, "APPEND", "new:str2", "ab");
        shop.call(cluster, "INCRBY", "new:counter", "42");
        shop.call(cluster, "HSET", "new:hash", "f1", "v1", "f2", "v2");
        shop.call(cluster, "HINCRBY", "new:hash", "n", "3");
        shop.call(cluster, "HDEL", "old:hash", "b");
        shop.call(cluster, "SADD", "new:set", "m1", "m2", "m3");
        shop.call(cluster, "SREM", "new:set", "m2");
        shop.call(cluster, "SADD", "old:set", "w1");
        shop.call(cluster, "ZADD", "new:zset", "1", "z1", "2", "z2");
        shop.call(cluster, "RPUSH", "new:list", "l1", "l2", "l3");
        shop.call(cluster, "LPUSH", "new:list", "l0");
        shop.call(cluster, "SET", "new:ttl", "t", "PX", "3600000");
        shop.call(cluster, "DEL", "old:str");
    }

    private void awaitOneDigest() {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> shop.digests(ShopLab.CLUSTERS).size() == 1);
    }
}
