package dev.syncer.views.ui;

import dev.syncer.views.model.Format;
import java.util.HashMap;
import java.util.Map;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;

/**
 * One colour per replication ID, the same wherever the ID is shown, so a tree sharing one history
 * and a replica that diverged from it are told apart at a glance. Colours are handed out in the
 * order IDs first appear, so the first twelve IDs never share one; a missing ID is grey.
 */
final class ReplidColours {

    // Neighbours in this order differ in hue, so the first few IDs (a lab's trees) never look alike.
    private static final Color[] PALETTE = {
        Color.web("#f69d50"), Color.web("#6bc46d"), Color.web("#dcbdfb"), Color.web("#39c5cf"),
        Color.web("#fc8dc7"), Color.web("#daaa3f"), Color.web("#f47067"), Color.web("#96d0ff"),
        Color.web("#c2e076"), Color.web("#b083f0"), Color.web("#8ddb8c"), Color.web("#c6e6ff"),
    };
    static final Color NONE = Color.web("#545d68");

    private final Map<String, Color> assigned = new HashMap<>();

    /** The colour of {@code replid}: stable for this console's lifetime. */
    Color of(String replid) {
        if (replid == null || replid.isEmpty() || Format.isNoReplid(replid)) {
            return NONE;
        }
        return assigned.computeIfAbsent(replid, r -> PALETTE[assigned.size() % PALETTE.length]);
    }

    /** A small dot in {@code replid}'s colour. */
    Circle chip(String replid) {
        Circle c = new Circle(5, of(replid));
        c.getStyleClass().add("replid-chip");
        return c;
    }
}
