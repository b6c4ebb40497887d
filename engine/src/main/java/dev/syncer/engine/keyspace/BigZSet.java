package dev.syncer.engine.keyspace;

/**
 * A sorted set too big to stay packed, as Redis's zset struct is a dict and a skiplist: a
 * {@link ZScoreTable} for member → score and a {@link ZOrderTree} for the order, kept in step.
 * Not thread-safe; a snapshot is a {@link #BigZSet(BigZSet) copy}.
 */
final class BigZSet {

    final ZScoreTable dict;
    final ZOrderTree order;

    BigZSet() {
        dict = new ZScoreTable();
        order = new ZOrderTree();
    }

    BigZSet(BigZSet other) {
        dict = new ZScoreTable(other.dict);
        order = new ZOrderTree(other.order);
    }

    int size() {
        return dict.size();
    }

    /** member's score, or NaN when it is not in the set. */
    double score(Key member) {
        int slot = dict.slot(member);
        return slot < 0 ? Double.NaN : dict.score(slot);
    }

    /** zsetAdd: sets member's score; true if the member is new. */
    boolean put(Key member, double score) {
        int slot = dict.slot(member);
        if (slot < 0) {
            dict.add(member, score);
            order.insert(score, member);
            return true;
        }
        double old = dict.score(slot);
        if (Double.doubleToRawLongBits(old) != Double.doubleToRawLongBits(score)) { // -0 replaces 0, as a map put did
            order.update(old, dict.member(slot), score); // the stored Key: equal-score ties compare by identity
            dict.setScore(slot, score);
        }
        return false;
    }

    boolean remove(Key member) {
        int slot = dict.slot(member);
        if (slot < 0) {
            return false;
        }
        order.delete(dict.score(slot), dict.member(slot));
        dict.removeSlot(slot);
        return true;
    }

    /** 0-based rank of member in ascending order, or -1. */
    long rank(Key member) {
        int slot = dict.slot(member);
        return slot < 0 ? -1 : order.rank(dict.score(slot), dict.member(slot));
    }
}
