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
    // Most joins change one element: it is kept in two fields, the map only from the second on.
    private ElementKind onlyKind; // the first changed element's kind; null until an element changed
    private Key onlyName;
    private EnumMap<ElementKind, List<Key>> elements; // null while at most one element changed

    public boolean any() {
        return wide || onlyKind != null;
    }

    public boolean wide() {
        return wide;
    }

    /** The elements of this kind whose state changed. */
    public List<Key> elements(ElementKind kind) {
        if (elements == null) {
            return kind == onlyKind ? List.of(onlyName) : List.of();
        }
        List<Key> names = elements.get(kind);
        return names == null ? List.of() : Collections.unmodifiableList(names);
    }

    void markWide() {
        wide = true;
    }

    void element(ElementKind kind, Key name) {
        if (onlyKind == null) {
            onlyKind = kind;
            onlyName = name;
            return;
        }
        if (elements == null) {
            elements = new EnumMap<>(ElementKind.class);
            add(onlyKind, onlyName);
        }
        add(kind, name);
    }

    private void add(ElementKind kind, Key name) {
        List<Key> names = elements.get(kind);
        if (names == null) {
            names = new ArrayList<>(2);
            elements.put(kind, names);
        }
        names.add(name);
    }
}
