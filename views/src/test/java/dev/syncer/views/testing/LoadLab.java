package dev.syncer.views.testing;

import dev.syncer.views.model.port.Checkpoint;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Fifty shards: two clusters of five nodes, five Active-Active databases of one primary and four
 * replicas per cluster, and a syncer each way per database — the size the console must stay
 * fluid at.
 */
public final class LoadLab {

    private LoadLab() {
    }

    /** The replid of database {@code d}'s history in cluster {@code c}. */
    public static String replid(int d, int c) {
        return String.format("%040x", d * 10 + c);
    }

    public static ScriptedLab create(Supplier<Instant> clock) {
        ScriptedLab lab = new ScriptedLab(clock);
        for (int c = 1; c <= 2; c++) {
            lab.cluster("c" + c, "cluster-" + c);
            for (int n = 1; n <= 5; n++) {
                lab.node("c" + c + "n" + n, "c" + c, "node-" + n);
            }
        }
        int port = 7000;
        for (int d = 1; d <= 5; d++) {
            lab.database("db" + d, "db" + d, true).writeLoad("db" + d, 500);
            for (int c = 1; c <= 2; c++) {
                String p = "c" + c + "d" + d + "p";
                lab.primary(p, "c" + c + "n" + d, "db" + d, port++, replid(d, c), 1_000_000);
                for (int r = 1; r <= 4; r++) {
                    lab.replica("c" + c + "d" + d + "r" + r, "c" + c + "n" + ((d + r - 1) % 5 + 1), p, port++, 999_000);
                }
            }
            lab.syncer("y" + d + "ab", "db" + d, "c1", "c2", new Checkpoint(replid(d, 1), 990_000));
            lab.syncer("y" + d + "ba", "db" + d, "c2", "c1", new Checkpoint(replid(d, 2), 990_000));
        }
        return lab;
    }
}
