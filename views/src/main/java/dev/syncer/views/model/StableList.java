package dev.syncer.views.model;

import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javafx.collections.ObservableList;

/**
 * Edits an observable list into a new membership without disturbing what stays: gone items are
 * removed, new ones inserted at their sorted place, survivors keep their position. Views bound to
 * the list therefore add and remove only the nodes that really changed.
 */
public final class StableList {

    private StableList() {
    }

    /** Makes {@code list} hold exactly {@code wanted} (by identity), inserting new items in {@code order}. */
    public static <T> void reconcile(ObservableList<T> list, List<T> wanted, Comparator<? super T> order) {
        Set<T> keep = Collections.newSetFromMap(new IdentityHashMap<>());
        keep.addAll(wanted);
        list.removeIf(item -> !keep.contains(item));
        Set<T> present = Collections.newSetFromMap(new IdentityHashMap<>());
        present.addAll(list);
        for (T item : wanted) {
            if (!present.contains(item)) {
                int at = 0;
                while (at < list.size() && order.compare(list.get(at), item) <= 0) {
                    at++;
                }
                list.add(at, item);
            }
        }
    }

    /** An order following {@code ranked}'s positions, for lists whose order the snapshot defines. */
    public static <T> Comparator<T> byPosition(List<T> ranked) {
        Map<T, Integer> rank = new IdentityHashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            rank.put(ranked.get(i), i);
        }
        return Comparator.comparingInt(t -> rank.getOrDefault(t, Integer.MAX_VALUE));
    }

    /** Natural, number-aware order of names: s2 before s10. */
    public static <T> Comparator<T> byName(Function<T, String> name) {
        return (a, b) -> compareNames(name.apply(a), name.apply(b));
    }

    static int compareNames(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                int cmp = new java.math.BigInteger(a.substring(si, i)).compareTo(new java.math.BigInteger(b.substring(sj, j)));
                if (cmp != 0) {
                    return cmp;
                }
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
