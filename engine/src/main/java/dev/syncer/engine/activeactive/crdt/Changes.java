package dev.syncer.engine.activeactive.crdt;

import dev.syncer.engine.keyspace.Key;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;

/**
 * What a join changed in a key's state: the elements it touched, or "wide" when a key-level removal
 * or an expiry moved, which may change any element. The visible value is updated from this: element
 * by element when it is narrow, rebuilt when it is wide.
 */
public final class Changes {

    private boolean wide;
    private EnumMap<ElementKind, List<Key>> elements; // null until an element changed

    public boolean any() {
        return wide || elements != null;
    }

    public boolean wide() {
        return wide;
    }

    /** The elements of this kind whose state changed. */
    public List<Key> elements(ElementKind kind) {
        List<Key> names = elements == null ? null : elements.get(kind);
        return names == null ? List.of() : Collections.unmodifiableList(names);
    }

    void markWide() {
        wide = true;
    }

    void element(ElementKind kind, Key name) {
        if (elements == null) {
            elements = new EnumMap<>(ElementKind.class);
        }
        elements.computeIfAbsent(kind, k -> new ArrayList<>(1)).add(name); // mostly one: no room for ten
    }
}
