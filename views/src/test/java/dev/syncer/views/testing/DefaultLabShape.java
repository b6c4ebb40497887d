package dev.syncer.views.testing;

import dev.syncer.views.model.port.Checkpoint;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The shape of the app's default lab ({@code resources/lab/default.topology}) as a scripted lab:
 * clusters east (3 nodes), west (3) and north (2); an Active-Active database {@code shop} with one
 * replica per cluster and syncers both ways between every pair; a plain database {@code cache} in
 * east with two replicas, one chained. What the console first shows on a new operator's screen.
 */
public final class DefaultLabShape {

    private DefaultLabShape() {
    }

    public static ScriptedLab create(Supplier<Instant> clock) {
        ScriptedLab lab = new ScriptedLab(clock);
        List<String> clusters = List.of("east", "west", "north");
        for (String c : clusters) {
            lab.cluster(c, c);
        }
        lab.node("east1", "east", "node1").node("east2", "east", "node2").node("east3", "east", "node3");
        lab.node("west1", "west", "node1").node("west2", "west", "node2").node("west3", "west", "node3");
        lab.node("north1", "north", "node1").node("north2", "north", "node2");
        lab.database("shop", "shop", true).database("cache", "cache", false);
        lab.primary("east-shop1", "east1", "shop", 39847, "784f9f1c0d2e4a6b8c0d1e2f3a4b5c6d7e8f9a0b", 558_706);
        lab.replica("east-shop2", "east2", "east-shop1", 39193, 558_706);
        lab.primary("east-cache1", "east1", "cache", 43953, "f00007a1b2c3d4e5f60718293a4b5c6d7e8f9012", 100_362);
        lab.replica("east-cache2", "east2", "east-cache1", 41009, 100_362);
        lab.replica("east-cache3", "east3", "east-cache2", 38453, 100_362);
        lab.primary("west-shop1", "west1", "shop", 44541, "0b7850c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7", 558_706);
        lab.replica("west-shop2", "west2", "west-shop1", 35645, 558_706);
        lab.primary("north-shop1", "north1", "shop", 42761, "3a7a1e9f8e7d6c5b4a3928171605f4e3d2c1b0a9", 558_707);
        lab.replica("north-shop2", "north2", "north-shop1", 46333, 558_707);
        for (String from : clusters) {
            for (String to : clusters) {
                if (!from.equals(to)) {
                    String source = lab.shard(from + "-shop1").replid;
                    lab.syncer("syncer-" + from + "-" + to, "shop", from, to, new Checkpoint(source, 558_706));
                }
            }
        }
        lab.writeLoad("shop", 135).writeLoad("cache", 58);
        return lab;
    }
}
