package dev.syncer.engine.activeactive.crdt;

import dev.syncer.engine.keyspace.Key;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one command did, as states to join: for each key it touched, a small {@link KeyState} whose
 * writes and increments all carry this delta's {@link Tag} (removals carry the version vectors they
 * observed). Travels as {@code CRDT.APPLY <origin> <ts> <encoded>} ({@link DeltaCodec}).
 *
 * <p>Every write of an Active-Active database makes one in each shard that applies it (the local
 * primary, its replica, each other cluster's primary and replica): the keys are two arrays in the
 * order first touched, read by index, instead of a linked map and a read-only view per walk.
 */
public final class Delta {

    /** Keys above which a lookup goes through a map (a multi-key command), not along the array. */
    private static final int SCAN_UP_TO = 8;

    private final Tag tag;
    private Key[] names = new Key[1]; // one key for most commands
    private KeyState[] states = new KeyState[1];
    private int size;
    private HashMap<Key, Integer> index; // position by key, once there are more than SCAN_UP_TO

    public Delta(Tag tag) {
        this.tag = tag;
    }

    public Tag tag() {
        return tag;
    }

    /** The part of the delta about key, created empty on first use. */
    public KeyState key(Key key) {
        int i = indexOf(key);
        if (i >= 0) {
            return states[i];
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            states = Arrays.copyOf(states, size * 2);
        }
        KeyState s = new KeyState();
        names[size] = key;
        states[size] = s;
        if (index != null) {
            index.put(key, size);
        } else if (size + 1 > SCAN_UP_TO) {
            index = new HashMap<>();
            for (int k = 0; k <= size; k++) {
                index.put(names[k], k);
            }
        }
        size++;
        return s;
    }

    private int indexOf(Key key) {
        if (index != null) {
            Integer i = index.get(key);
            return i == null ? -1 : i;
        }
        for (int i = 0; i < size; i++) {
            if (names[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** How many keys the delta touches. */
    public int size() {
        return size;
    }

    /** The {@code i}th key the command touched. */
    public Key keyAt(int i) {
        return names[i];
    }

    /** The part of the delta about {@link #keyAt(int) keyAt(i)}. */
    public KeyState stateAt(int i) {
        return states[i];
    }

    /** The keys in the order the command first touched them, as a new read-only map (tests, tools). */
    public Map<Key, KeyState> keys() {
        LinkedHashMap<Key, KeyState> out = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            out.put(names[i], states[i]);
        }
        return Collections.unmodifiableMap(out);
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The greatest timestamp the delta carries (its tag's, or an expiry bound's). */
    public long maxTimestamp() {
        long max = tag.ts();
        for (int i = 0; i < size; i++) {
            max = Math.max(max, states[i].maxTimestamp());
        }
        return max;
    }
}
