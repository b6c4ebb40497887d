package dev.syncer.engine.activeactive.crdt;

import dev.syncer.engine.keyspace.Key;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one command did, as states to join: for each key it touched, a small {@link KeyState} whose
 * writes and increments all carry this delta's {@link Tag} (removals carry the version vectors they
 * observed). Travels as {@code CRDT.APPLY <origin> <ts> <encoded>} ({@link DeltaCodec}).
 */
public final class Delta {

    private final Tag tag;
    private final LinkedHashMap<Key, KeyState> keys = new LinkedHashMap<>(2); // one key for most commands

    public Delta(Tag tag) {
        this.tag = tag;
    }

    public Tag tag() {
        return tag;
    }

    /** The part of the delta about key, created empty on first use. */
    public KeyState key(Key key) {
        return keys.computeIfAbsent(key, k -> new KeyState());
    }

    /** The keys in the order the command first touched them. */
    public Map<Key, KeyState> keys() {
        return Collections.unmodifiableMap(keys);
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** The greatest timestamp the delta carries (its tag's, or an expiry bound's). */
    public long maxTimestamp() {
        long max = tag.ts();
        for (KeyState s : keys.values()) {
            max = Math.max(max, s.maxTimestamp());
        }
        return max;
    }
}
