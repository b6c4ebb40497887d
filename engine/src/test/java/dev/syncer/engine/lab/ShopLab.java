package dev.syncer.engine.lab;

import dev.syncer.engine.resp.RespReplyParser;
import dev.syncer.engine.syncer.SyncerStatus;
import dev.syncer.engine.testing.RespClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The syncer tests' lab: an Active-Active database {@code shop} over three clusters (east, west,
 * north; two nodes each, one replica), with the reads the tests assert on — through each
 * cluster's proxy, from the syncers' own sync events, and DEBUG DIGEST of every shard.
 */
final class ShopLab implements AutoCloseable {

    static final Topology THREE = Topology.parse("""
            cluster east nodes=2
            cluster west nodes=2
            cluster north nodes=2
            database shop active-active east west north replicas=1
            """);
    static final List<String> CLUSTERS = List.of("east", "west", "north");

    final Lab lab;

    private ShopLab(Lab lab) {
        this.lab = lab;
    }

    static ShopLab start() throws InterruptedException {
        return new ShopLab(new Lab(THREE, null).start());
    }

    /** A command through the cluster's proxy, whatever it answers. */
    Object send(String cluster, String... args) {
        try (RespClient c = RespClient.connect(lab.instance(cluster, "shop").proxy().port())) {
            return c.call(args);
        }
    }

    /** A command through the cluster's proxy that must not be refused. */
    void call(String cluster, String... args) {
        assertThat(send(cluster, args)).isNotInstanceOf(RespClient.Error.class);
    }

    String get(String cluster, String key) {
        Object reply = send(cluster, "GET", key);
        return reply == null ? null : RespClient.text(reply);
    }

    void awaitEverywhere(String key, String value) {
        for (String cluster : CLUSTERS) {
            await().atMost(Duration.ofSeconds(10)).until(() -> value.equals(get(cluster, key)));
        }
    }

    /** Syncer events (side syncer, completed) logged on the target instance's shards, for one syncer id. */
    List<SyncRecord> syncerEvents(String syncerId) {
        String target = syncerId.substring(syncerId.indexOf("->") + 2);
        String source = syncerId.substring(syncerId.indexOf(':') + 1, syncerId.indexOf("->"));
        List<SyncRecord> out = new ArrayList<>();
        for (LabShard s : lab.instance(target, "shop").shards()) {
            for (SyncRecord r : SyncEventReader.since(s, 0)) {
                if ("syncer".equals(r.side()) && r.succeeded() && r.fields().get("peer").contains("(" + source + ")")) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    SyncerStatus status(String syncerId) {
        return lab.syncerSet().get(syncerId).syncer().status();
    }

    /** The distinct DEBUG DIGEST values over every running shard of the given clusters. */
    Set<String> digests(List<String> clusters) {
        Set<String> out = new HashSet<>();
        for (String cluster : clusters) {
            for (LabShard s : lab.instance(cluster, "shop").shards()) {
                if (s.shard() != null) {
                    out.add(RespReplyParser.text(LocalClient.call(s.shard(), "DEBUG", "DIGEST")));
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        lab.close();
    }
}
