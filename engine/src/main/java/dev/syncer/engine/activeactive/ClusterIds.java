package dev.syncer.engine.activeactive;

import dev.syncer.engine.activeactive.crdt.OriginNames;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The cluster ids CRDT.APPLYs name, decoded once: a database has a handful of clusters and every
 * applied delta names one, so the same String comes back for the same bytes instead of one (or two)
 * per delta — and every write's tag kept in a key's state shares it. Event loop only.
 */
final class ClusterIds implements OriginNames {

    private static final int SLOTS = 8;

    private final byte[][] bytes = new byte[SLOTS][];
    private final String[] ids = new String[SLOTS];
    private int next; // the slot the next new id replaces

    /** The cluster id these bytes spell, the same String every time; null if they are not a valid one. */
    @Override
    public String of(byte[] b) {
        for (int i = 0; i < SLOTS; i++) {
            if (bytes[i] != null && Arrays.equals(bytes[i], b)) {
                return ids[i];
            }
        }
        String id = new String(b, StandardCharsets.UTF_8);
        if (!ActiveActive.validClusterId(id)) {
            return null;
        }
        bytes[next] = b.clone();
        ids[next] = id;
        next = (next + 1) % SLOTS;
        return id;
    }
}
