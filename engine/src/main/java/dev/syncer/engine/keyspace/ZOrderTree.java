package dev.syncer.engine.keyspace;

import dev.syncer.engine.keyspace.ZOrderNodes.Inner;
import dev.syncer.engine.keyspace.ZOrderNodes.Leaf;

import static dev.syncer.engine.keyspace.ZOrderNodes.CAP;
import static dev.syncer.engine.keyspace.ZOrderNodes.MIN;

/**
 * A big sorted set's order (the role of t_zset.c's zskiplist): an order-statistic B+-tree over
 * (score, member) in Redis's order, so inserts, deletes, ranks and rank-to-entry lookups are
 * O(log n) as the skiplist's are, but a descent reads log_64(n) nodes of arrays instead of about
 * 17 levels of scattered nodes (those pointer chases were most of a big ZADD's time). Leaves hold
 * up to {@link ZOrderNodes#CAP} entries; a non-root node that drops below {@link ZOrderNodes#MIN} is
 * merged with a sibling or evened out with it. Members are unique (the dict sees to it). Not
 * thread-safe; a snapshot is a {@link #ZOrderTree(ZOrderTree) copy}.
 */
final class ZOrderTree {

    /** Tests an entry; must hold for a prefix of the order only. */
    @FunctionalInterface
    interface Bound {
        boolean before(double score, Key member);
    }

    /** A position in the order, walked either way; invalid past either end. */
    static final class Cursor {
        private Leaf leaf;
        private int pos;

        Cursor(Leaf leaf, int pos) {
            this.leaf = leaf;
            this.pos = pos;
        }

        boolean valid() {
            return leaf != null;
        }

        double score() {
            return leaf.scores[pos];
        }

        Key member() {
            return leaf.members[pos];
        }

        void next() {
            if (++pos == leaf.n) {
                leaf = leaf.next;
                pos = 0;
            }
        }

        void previous() {
            if (--pos < 0) {
                leaf = leaf.prev;
                pos = leaf == null ? 0 : leaf.n - 1;
            }
        }
    }

    private Object root;
    /** Levels of nodes, the leaves' included: 1 while the root is a leaf. */
    private int height = 1;
    private Leaf head;
    private Leaf tail;
    private int size;
    /** The inner nodes of the last descent and the child taken in each, root first. */
    private Inner[] path = new Inner[8];
    private int[] pathIdx = new int[8];

    ZOrderTree() {
        head = tail = new Leaf();
        root = head;
    }

    /** A copy sharing nothing mutable (members are immutable), O(n) array copies. */
    ZOrderTree(ZOrderTree other) {
        height = other.height;
        size = other.size;
        path = new Inner[other.path.length];
        pathIdx = new int[other.path.length];
        root = copy(other.root, height - 1);
    }

    private Object copy(Object x, int innerLevels) {
        if (innerLevels == 0) {
            Leaf l = new Leaf((Leaf) x);
            l.prev = tail;
            if (tail == null) {
                head = l;
            } else {
                tail.next = l;
            }
            tail = l;
            return l;
        }
        Inner in = (Inner) x;
        Inner c = new Inner();
        c.n = in.n;
        System.arraycopy(in.counts, 0, c.counts, 0, in.n);
        System.arraycopy(in.minScores, 0, c.minScores, 0, in.n);
        System.arraycopy(in.minMembers, 0, c.minMembers, 0, in.n);
        for (int i = 0; i < in.n; i++) {
            c.kids[i] = copy(in.kids[i], innerLevels - 1);
        }
        return c;
    }

    int size() {
        return size;
    }

    /** The first entry, or an invalid cursor when empty. */
    Cursor first() {
        return new Cursor(size == 0 ? null : head, 0);
    }

    /** The last entry, or an invalid cursor when empty. */
    Cursor last() {
        return new Cursor(size == 0 ? null : tail, tail.n - 1);
    }

    /** zslGetElementByRank with a 0-based rank: a cursor there, invalid when out of range. */
    Cursor at(long rank) {
        if (rank < 0 || rank >= size) {
            return new Cursor(null, 0);
        }
        Object x = root;
        for (int d = 0; d < height - 1; d++) {
            Inner in = (Inner) x;
            int i = 0;
            while (rank >= in.counts[i]) {
                rank -= in.counts[i++];
            }
            x = in.kids[i];
        }
        return new Cursor((Leaf) x, (int) rank);
    }

    /** zslGetRank: the 0-based rank of an entry that is in the tree. */
    long rank(double score, Key member) {
        long r = 0;
        Object x = root;
        for (int d = 0; d < height - 1; d++) {
            Inner in = (Inner) x;
            int i = in.childFor(score, member);
            for (int k = 0; k < i; k++) {
                r += in.counts[k];
            }
            x = in.kids[i];
        }
        return r + ((Leaf) x).lowerBound(score, member);
    }

    /** The length of the longest prefix whose entries all pass the bound. */
    long countWhile(Bound bound) {
        long r = 0;
        Object x = root;
        for (int d = 0; d < height - 1; d++) {
            Inner in = (Inner) x;
            int i = 0;
            while (i + 1 < in.n && bound.before(in.minScores[i + 1], in.minMembers[i + 1])) {
                r += in.counts[i++];
            }
            x = in.kids[i];
        }
        Leaf leaf = (Leaf) x;
        int p = 0;
        while (p < leaf.n && bound.before(leaf.scores[p], leaf.members[p])) {
            p++;
        }
        return r + p;
    }

    /**
     * zslUpdateScore: moves an entry that is in the tree to a new score, in place when its position
     * holds (strictly between its neighbours in the same leaf, and not the leaf's first entry,
     * whose score a parent keeps as a bound), else deleted and inserted again. member is the very
     * Key the tree holds, so ties on the old score compare by identity, not by reading its bytes.
     */
    void update(double score, Key member, double newScore) {
        Leaf leaf = descend(score, member);
        int pos = found(leaf, score, member);
        if (pos > 0 && pos < leaf.n - 1
                && less(leaf.scores[pos - 1], leaf.members[pos - 1], newScore, member)
                && less(newScore, member, leaf.scores[pos + 1], leaf.members[pos + 1])) {
            leaf.scores[pos] = newScore;
            return;
        }
        deleteAt(leaf, pos);
        insert(newScore, member);
    }

    /** zslInsert of an entry not in the tree. */
    void insert(double score, Key member) {
        Leaf leaf = descend(score, member);
        int pos = leaf.lowerBound(score, member);
        size++;
        if (leaf.n < CAP) {
            leaf.insertAt(pos, score, member);
            for (int d = 0; d < height - 1; d++) {
                path[d].counts[pathIdx[d]]++;
            }
            return;
        }
        Leaf right = new Leaf();
        leaf.moveTailTo(CAP / 2, right);
        right.prev = leaf;
        right.next = leaf.next;
        if (leaf.next == null) {
            tail = right;
        } else {
            leaf.next.prev = right;
        }
        leaf.next = right;
        if (pos <= leaf.n) {
            leaf.insertAt(pos, score, member);
        } else {
            right.insertAt(pos - leaf.n, score, member);
        }
        splitUp(leaf.n, right, right.n, right.scores[0], right.members[0]);
    }

    /** Hangs a node split off at the bottom of the last descent into the parents, splitting them as they fill. */
    private void splitUp(long leftCount, Object kid, long kidCount, double minScore, Key minMember) {
        for (int d = height - 2; d >= 0; d--) {
            Inner p = path[d];
            int i = pathIdx[d];
            if (kid == null) {
                p.counts[i]++;
                continue;
            }
            p.counts[i] = (int) leftCount;
            if (p.n < CAP) {
                p.insertKid(i + 1, kid, (int) kidCount, minScore, minMember);
                kid = null;
                continue;
            }
            Inner right = new Inner();
            p.moveTailTo(CAP / 2, right);
            if (i + 1 <= p.n) {
                p.insertKid(i + 1, kid, (int) kidCount, minScore, minMember);
            } else {
                right.insertKid(i + 1 - p.n, kid, (int) kidCount, minScore, minMember);
            }
            leftCount = p.total();
            kid = right;
            kidCount = right.total();
            minScore = right.minScores[0];
            minMember = right.minMembers[0];
        }
        if (kid != null) {
            Inner r = new Inner();
            r.insertKid(0, root, (int) leftCount, 0, null);
            r.insertKid(1, kid, (int) kidCount, minScore, minMember);
            root = r;
            height++;
            if (height - 1 > path.length) {
                path = java.util.Arrays.copyOf(path, path.length * 2);
                pathIdx = java.util.Arrays.copyOf(pathIdx, pathIdx.length * 2);
            }
        }
    }

    /** zslDelete of an entry that is in the tree, given the very Key the tree holds. */
    void delete(double score, Key member) {
        Leaf leaf = descend(score, member);
        deleteAt(leaf, found(leaf, score, member));
    }

    /** The position of an entry (the very Key the tree holds) in the leaf the last descent reached. */
    private static int found(Leaf leaf, double score, Key member) {
        int pos = leaf.lowerBound(score, member);
        if (pos == leaf.n || leaf.members[pos] != member) {
            throw new IllegalStateException("entry not in its tree");
        }
        return pos;
    }

    /** zslDeleteNode: removes the entry at pos of the leaf the last descent reached. */
    private void deleteAt(Leaf leaf, int pos) {
        leaf.removeAt(pos);
        size--;
        for (int d = 0; d < height - 1; d++) {
            path[d].counts[pathIdx[d]]--;
        }
        if (pos == 0 && leaf.n > 0) {
            newMinimum(height - 2, leaf.scores[0], leaf.members[0]);
        }
        if (height > 1 && leaf.n < MIN) {
            rebalance(height - 2);
        }
    }

    /** The child taken at level d of the last descent got a new first entry: the nearest parent keeping it learns it. */
    private void newMinimum(int d, double score, Key member) {
        for (; d >= 0; d--) {
            if (pathIdx[d] > 0) {
                path[d].minScores[pathIdx[d]] = score;
                path[d].minMembers[pathIdx[d]] = member;
                return;
            }
        }
    }

    /** The child taken at level d of the last descent fell below MIN: merged with a sibling, or evened out with it. */
    private void rebalance(int d) {
        Inner p = path[d];
        int j = pathIdx[d] > 0 ? pathIdx[d] - 1 : 0;
        boolean merged;
        if (p.kids[j] instanceof Leaf l) {
            Leaf r = (Leaf) p.kids[j + 1];
            merged = l.n + r.n <= CAP;
            if (merged) {
                l.takeHeadOf(r, r.n);
                l.next = r.next;
                if (r.next == null) {
                    tail = l;
                } else {
                    r.next.prev = l;
                }
            } else if (l.n < r.n) {
                l.takeHeadOf(r, (r.n - l.n) / 2);
            } else {
                l.moveTailTo(l.n - (l.n - r.n) / 2, r);
            }
            p.counts[j] = l.n;
            p.counts[j + 1] = r.n;
            if (!merged) {
                p.minScores[j + 1] = r.scores[0];
                p.minMembers[j + 1] = r.members[0];
            }
        } else {
            Inner l = (Inner) p.kids[j];
            Inner r = (Inner) p.kids[j + 1];
            r.minScores[0] = p.minScores[j + 1]; // r's first child's minimum, kept by p until now
            r.minMembers[0] = p.minMembers[j + 1];
            merged = l.n + r.n <= CAP;
            if (merged) {
                l.takeHeadOf(r, r.n);
            } else if (l.n < r.n) {
                l.takeHeadOf(r, (r.n - l.n) / 2);
            } else {
                l.moveTailTo(l.n - (l.n - r.n) / 2, r);
            }
            p.counts[j] = (int) l.total();
            p.counts[j + 1] = (int) r.total();
            if (!merged) {
                p.minScores[j + 1] = r.minScores[0];
                p.minMembers[j + 1] = r.minMembers[0];
            }
        }
        if (!merged) {
            return;
        }
        p.removeKid(j + 1);
        if (d == 0) {
            if (p.n == 1) {
                root = p.kids[0];
                height--;
            }
        } else if (p.n < MIN) {
            rebalance(d - 1);
        }
    }

    /** Descends to the leaf whose range holds (score, member), filling path and pathIdx. */
    private Leaf descend(double score, Key member) {
        Object x = root;
        for (int d = 0; d < height - 1; d++) {
            Inner in = (Inner) x;
            int i = in.childFor(score, member);
            path[d] = in;
            pathIdx[d] = i;
            x = in.kids[i];
        }
        return (Leaf) x;
    }

    private static boolean less(double s1, Key m1, double s2, Key m2) {
        return ZOrderNodes.less(s1, m1, s2, m2);
    }
}
