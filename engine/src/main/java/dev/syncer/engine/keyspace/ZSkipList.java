package dev.syncer.engine.keyspace;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A large sorted set as Redis 7.0 holds it (t_zset.c's zskiplist plus its dict): a skiplist with
 * spans over primitive scores, ordered by (score, member) with ties broken by the member's bytes,
 * so rank lookups and rank-to-element descents are O(log n); and a member→node hash table chained
 * through the nodes themselves, so neither a score nor a table entry is a separate object.
 *
 * <p>A node holds its forward links and their spans in its own fields, as Redis's node holds its
 * level array inline: {@link Node} has level 0 only (three nodes in four), {@link Node2} to
 * {@link Node4} add levels 1 to 3, and only {@link NodeN} (one node in 256) keeps its levels from 4
 * up in arrays. A descent so reads one object per step, not the node and then its level arrays.
 * Level 0's span is always 1. Scores compare with {@code <} and {@code ==} as Redis does (so -0
 * and 0 are one score). Not thread-safe; a snapshot is a {@link #ZSkipList(ZSkipList) copy}.
 */
final class ZSkipList {

    /** ZSKIPLIST_MAXLEVEL. */
    static final int MAX_LEVEL = 32;
    /** Levels held in fields; higher ones in NodeN's arrays. */
    private static final int FIELD_LEVELS = 4;

    /** One member and its score, with level 0; read-only outside this class. */
    static class Node {
        final Key member;
        double score;
        Node backward;
        Node next;     // level 0 forward; its span is 1
        Node chain;    // next node in the same hash bucket

        Node(Key member, double score) {
            this.member = member;
            this.score = score;
        }

        Key member() {
            return member;
        }

        double score() {
            return score;
        }

        /** The next node in ascending order, or null. */
        Node next() {
            return next;
        }

        /** The previous node in ascending order, or null. */
        Node previous() {
            return backward;
        }

        int level() {
            return 1;
        }
    }

    /** A node with level 1 too. */
    static class Node2 extends Node {
        Node next1;
        int span1;

        Node2(Key member, double score) {
            super(member, score);
        }

        @Override
        int level() {
            return 2;
        }
    }

    /** A node with levels 1 and 2. */
    static class Node3 extends Node2 {
        Node next2;
        int span2;

        Node3(Key member, double score) {
            super(member, score);
        }

        @Override
        int level() {
            return 3;
        }
    }

    /** A node with levels 1 to 3. */
    static class Node4 extends Node3 {
        Node next3;
        int span3;

        Node4(Key member, double score) {
            super(member, score);
        }

        @Override
        int level() {
            return 4;
        }
    }

    /** A node with levels 1 to 3 and, in arrays, 4 and up. */
    static final class NodeN extends Node4 {
        final Node[] up;
        final int[] upSpan;

        NodeN(Key member, double score, int level) {
            super(member, score);
            up = new Node[level - FIELD_LEVELS];
            upSpan = new int[level - FIELD_LEVELS];
        }

        @Override
        int level() {
            return FIELD_LEVELS + up.length;
        }
    }

    /** A node of the given level, of the smallest class that holds it. */
    static Node node(Key member, double score, int level) {
        return switch (level) {
            case 1 -> new Node(member, score);
            case 2 -> new Node2(member, score);
            case 3 -> new Node3(member, score);
            case 4 -> new Node4(member, score);
            default -> new NodeN(member, score, level);
        };
    }

    private final Node header = node(null, 0, MAX_LEVEL);
    private Node tail;
    private int length;
    private int level = 1;
    private Node[] buckets = new Node[16];
    /** The last successful find's Key (the very object) and node, while that is in the list (unlink forgets it). */
    private Key lastQuery;
    private Node lastFound;
    /** zslInsert's update[] and rank[], kept so an insert or delete allocates nothing. */
    private final Node[] update = new Node[MAX_LEVEL];
    private final long[] rank = new long[MAX_LEVEL];

    ZSkipList() {
    }

    /** A copy with the same shape: the same levels and spans, O(n). */
    ZSkipList(ZSkipList other) {
        Node[] last = new Node[MAX_LEVEL];
        java.util.Arrays.fill(last, header);
        for (int i = 1; i < MAX_LEVEL; i++) {
            setSpan(header, i, span(other.header, i));
        }
        buckets = new Node[other.buckets.length];
        Node previous = null;
        for (Node x = other.header.next; x != null; x = x.next) {
            Node y = node(x.member, x.score, x.level());
            for (int i = 0; i < y.level(); i++) {
                setSpan(y, i, span(x, i));
                setForward(last[i], i, y);
                last[i] = y;
            }
            y.backward = previous;
            previous = y;
            link(y);
        }
        tail = previous;
        length = other.length;
        level = other.level;
    }

    int size() {
        return length;
    }

    /** The member's node, or null. */
    Node find(Key member) {
        if (lastFound != null && lastQuery == member) {
            return lastFound; // ZADD asks for the score, then sets it: one hash lookup, not two
        }
        for (Node n = buckets[bucket(member.hashCode())]; n != null; n = n.chain) {
            if (n.member.equals(member)) {
                lastQuery = member;
                lastFound = n;
                return n;
            }
        }
        return null;
    }

    Node first() {
        return header.next;
    }

    Node last() {
        return tail;
    }

    /** Sets member's score (zsetAdd on a skiplist): true if the member is new. */
    boolean put(Key member, double score) {
        Node x = find(member);
        if (x == null) {
            x = node(member, score, randomLevel());
            insert(x);
            link(x);
            grow();
            return true;
        }
        if (Double.doubleToRawLongBits(x.score) != Double.doubleToRawLongBits(score)) { // -0 replaces 0, as a map put did
            updateScore(x, score);
        }
        return false;
    }

    boolean remove(Key member) {
        Node x = find(member);
        if (x == null) {
            return false;
        }
        delete(x);
        return true;
    }

    /** Removes x, which must be in this list. */
    void delete(Node x) {
        descend(x.score, x.member);
        unlinkFromList(x);
        unlink(x);
    }

    /** zslGetRank: x's 0-based rank in ascending order. */
    long rank(Node x) {
        long r = 0;
        Node n = header;
        for (int i = level - 1; i >= 0; i--) {
            Node f;
            while ((f = forward(n, i)) != null && (f.score < x.score || (f.score == x.score && f.member.compareTo(x.member) <= 0))) {
                r += span(n, i);
                n = f;
            }
            if (n == x) {
                return r - 1;
            }
        }
        throw new IllegalStateException("node not in its list");
    }

    /** zslGetElementByRank with a 0-based rank: the node there, or null when out of range. */
    Node at(long index) {
        if (index < 0 || index >= length) {
            return null;
        }
        long target = index + 1;
        long traversed = 0;
        Node n = header;
        for (int i = level - 1; i >= 0; i--) {
            Node f;
            while ((f = forward(n, i)) != null && traversed + span(n, i) <= target) {
                traversed += span(n, i);
                n = f;
            }
            if (traversed == target) {
                return n;
            }
        }
        return null;
    }

    /** How many nodes have a score below score (at most score when inclusive): where a score range starts or ends. */
    long countScoresBelow(double score, boolean inclusive) {
        return countWhile(f -> f.score < score || (inclusive && f.score == score));
    }

    /**
     * How many nodes lie before the first member not below member (not above it when inclusive),
     * comparing members only, as zslFirstInLexRange descends: meaningful when all scores are equal.
     */
    long countMembersBelow(Key member, boolean inclusive) {
        return countWhile(f -> {
            int cmp = f.member.compareTo(member);
            return inclusive ? cmp <= 0 : cmp < 0;
        });
    }

    /** The length of the longest prefix whose nodes all pass before (which must hold for a prefix only). */
    private long countWhile(java.util.function.Predicate<Node> before) {
        long r = 0;
        Node n = header;
        for (int i = level - 1; i >= 0; i--) {
            Node f;
            while ((f = forward(n, i)) != null && before.test(f)) {
                r += span(n, i);
                n = f;
            }
        }
        return r;
    }

    /** zslUpdateScore: in place when the node keeps its position, else moved (the same node, no allocation). */
    private void updateScore(Node x, double score) {
        if ((x.backward == null || x.backward.score < score) && (x.next == null || x.next.score > score)) {
            x.score = score;
            return;
        }
        descend(x.score, x.member);
        unlinkFromList(x);
        x.score = score;
        x.backward = null;
        insert(x); // sets every forward link and span of x
    }

    /** zslInsert of a node not in the list, at its own level. */
    private void insert(Node x) {
        double score = x.score;
        Key member = x.member;
        Node n = header;
        for (int i = level - 1; i >= 0; i--) {
            rank[i] = i == level - 1 ? 0 : rank[i + 1];
            Node f;
            while ((f = forward(n, i)) != null && (f.score < score || (f.score == score && f.member.compareTo(member) < 0))) {
                rank[i] += span(n, i);
                n = f;
            }
            update[i] = n;
        }
        int lvl = x.level();
        if (lvl > level) {
            for (int i = level; i < lvl; i++) {
                rank[i] = 0;
                update[i] = header;
                setSpan(header, i, length);
            }
            level = lvl;
        }
        for (int i = 0; i < lvl; i++) {
            setForward(x, i, forward(update[i], i));
            setForward(update[i], i, x);
            setSpan(x, i, (int) (span(update[i], i) - (rank[0] - rank[i])));
            setSpan(update[i], i, (int) (rank[0] - rank[i] + 1));
        }
        for (int i = lvl; i < level; i++) {
            setSpan(update[i], i, span(update[i], i) + 1);
        }
        x.backward = update[0] == header ? null : update[0];
        if (x.next != null) {
            x.next.backward = x;
        } else {
            tail = x;
        }
        length++;
    }

    /** Fills update[] with the last node before (score, member) at each level. */
    private void descend(double score, Key member) {
        Node n = header;
        for (int i = level - 1; i >= 0; i--) {
            Node f;
            while ((f = forward(n, i)) != null && (f.score < score || (f.score == score && f.member.compareTo(member) < 0))) {
                n = f;
            }
            update[i] = n;
        }
    }

    /** zslDeleteNode with update[] from {@link #descend}. */
    private void unlinkFromList(Node x) {
        for (int i = 0; i < level; i++) {
            if (forward(update[i], i) == x) {
                setSpan(update[i], i, span(update[i], i) + span(x, i) - 1);
                setForward(update[i], i, forward(x, i));
            } else {
                setSpan(update[i], i, span(update[i], i) - 1);
            }
        }
        if (x.next != null) {
            x.next.backward = x.backward;
        } else {
            tail = x.backward;
        }
        while (level > 1 && forward(header, level - 1) == null) {
            level--;
        }
        length--;
    }

    private static Node forward(Node x, int i) {
        return switch (i) {
            case 0 -> x.next;
            case 1 -> ((Node2) x).next1;
            case 2 -> ((Node3) x).next2;
            case 3 -> ((Node4) x).next3;
            default -> ((NodeN) x).up[i - FIELD_LEVELS];
        };
    }

    private static void setForward(Node x, int i, Node f) {
        switch (i) {
            case 0 -> x.next = f;
            case 1 -> ((Node2) x).next1 = f;
            case 2 -> ((Node3) x).next2 = f;
            case 3 -> ((Node4) x).next3 = f;
            default -> ((NodeN) x).up[i - FIELD_LEVELS] = f;
        }
    }

    /** Level 0's span is 1 wherever it is read (a link followed); higher levels keep theirs. */
    private static int span(Node x, int i) {
        return switch (i) {
            case 0 -> 1;
            case 1 -> ((Node2) x).span1;
            case 2 -> ((Node3) x).span2;
            case 3 -> ((Node4) x).span3;
            default -> ((NodeN) x).upSpan[i - FIELD_LEVELS];
        };
    }

    private static void setSpan(Node x, int i, int span) {
        switch (i) {
            case 0 -> { }
            case 1 -> ((Node2) x).span1 = span;
            case 2 -> ((Node3) x).span2 = span;
            case 3 -> ((Node4) x).span3 = span;
            default -> ((NodeN) x).upSpan[i - FIELD_LEVELS] = span;
        }
    }

    /** zslRandomLevel: each level up with probability 1/4. */
    private static int randomLevel() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        int lvl = 1;
        while (lvl < MAX_LEVEL && (r.nextInt() & 0xFFFF) < 0xFFFF / 4) {
            lvl++;
        }
        return lvl;
    }

    private int bucket(int hash) {
        return (hash ^ (hash >>> 16)) & (buckets.length - 1);
    }

    private void link(Node x) {
        int b = bucket(x.member.hashCode());
        x.chain = buckets[b];
        buckets[b] = x;
    }

    private void unlink(Node x) {
        if (lastFound == x) {
            lastFound = null;
            lastQuery = null;
        }
        int b = bucket(x.member.hashCode());
        if (buckets[b] == x) {
            buckets[b] = x.chain;
        } else {
            Node p = buckets[b];
            while (p.chain != x) {
                p = p.chain;
            }
            p.chain = x.chain;
        }
        x.chain = null;
        if (length < buckets.length / 8 && buckets.length > 16) {
            rehash(buckets.length / 2);
        }
    }

    /** One bucket per member at most: chains stay about one node long. */
    private void grow() {
        if (length > buckets.length) {
            rehash(buckets.length * 2);
        }
    }

    private void rehash(int capacity) {
        Node[] old = buckets;
        buckets = new Node[capacity];
        for (Node head : old) {
            for (Node n = head; n != null; ) {
                Node following = n.chain;
                int b = bucket(n.member.hashCode());
                n.chain = buckets[b];
                buckets[b] = n;
                n = following;
            }
        }
    }
}
