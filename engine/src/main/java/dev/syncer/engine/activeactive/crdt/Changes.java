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
    // Most joins change one or two elements (a SET: the string and its TTL): they are kept in
    // fields, the map only from the third on.
    private ElementKind firstKind; // null until an element changed
    private Key firstName;
    private ElementKind secondKind; // null until a second element changed
    private Key secondName;
    private EnumMap<ElementKind, List<Key>> elements; // null while at most two elements changed

    public boolean any() {
        return wide || firstKind != null;
    }

    public boolean wide() {
        return wide;
    }

    /** The elements of this kind whose state changed. */
    public List<Key> elements(ElementKind kind) {
        if (elements == null) {
            if (kind == firstKind) {
                return kind == secondKind ? List.of(firstName, secondName) : List.of(firstName);
            }
            return kind == secondKind ? List.of(secondName) : List.of();
        }
        List<Key> names = elements.get(kind);
        return names == null ? List.of() : Collections.unmodifiableList(names);
    }

    void markWide() {
        wide = true;
    }

    void element(ElementKind kind, Key name) {
        if (firstKind == null) {
            firstKind = kind;
            firstName = name;
            return;
        }
        if (secondKind == null) {
            secondKind = kind;
            secondName = name;
            return;
        }
        if (elements == null) {
            elements = new EnumMap<>(ElementKind.class);
            add(firstKind, firstName);
            add(secondKind, secondName);
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
