package dev.syncer.engine.keyspace;

/**
 * The nodes of {@link ZOrderTree}: leaves holding a sorted run of (score, member) in two parallel
 * arrays, linked both ways for range walks, and inner nodes holding, per child, its entry count
 * (for ranks) and its smallest entry (for descents). A descent so reads a few arrays per level
 * instead of one scattered object per skiplist step.
 */
final class ZOrderNodes {

    /** Entries per leaf, children per inner node. */
    static final int CAP = 64;
    /** A non-root node with fewer is merged with, or refilled from, a sibling. */
    static final int MIN = CAP / 4;

    private ZOrderNodes() {
    }

    /** Redis's order: by score ({@code <}, so -0 and 0 are one score), then by the member's bytes. */
    static boolean less(double s1, Key m1, double s2, Key m2) {
        return s1 < s2 || (s1 == s2 && m1 != m2 && m1.compareTo(m2) < 0); // the same Key: equal, bytes unread
    }

    /** A sorted run of entries. */
    static final class Leaf {
        final double[] scores;
        final Key[] members;
        int n;
        Leaf prev;
        Leaf next;

        Leaf() {
            scores = new double[CAP];
            members = new Key[CAP];
        }

        Leaf(Leaf other) {
            scores = other.scores.clone();
            members = other.members.clone();
            n = other.n;
        }

        /** How many entries are below (score, member). */
        int lowerBound(double score, Key member) {
            int lo = 0;
            int hi = n;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (less(scores[mid], members[mid], score, member)) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        void insertAt(int pos, double score, Key member) {
            System.arraycopy(scores, pos, scores, pos + 1, n - pos);
            System.arraycopy(members, pos, members, pos + 1, n - pos);
            scores[pos] = score;
            members[pos] = member;
            n++;
        }

        void removeAt(int pos) {
            System.arraycopy(scores, pos + 1, scores, pos, n - pos - 1);
            System.arraycopy(members, pos + 1, members, pos, n - pos - 1);
            members[--n] = null;
        }

        /** Moves the entries from {@code from} on to the start of right (which must have room). */
        void moveTailTo(int from, Leaf right) {
            int k = n - from;
            System.arraycopy(right.scores, 0, right.scores, k, right.n);
            System.arraycopy(right.members, 0, right.members, k, right.n);
            System.arraycopy(scores, from, right.scores, 0, k);
            System.arraycopy(members, from, right.members, 0, k);
            java.util.Arrays.fill(members, from, n, null);
            right.n += k;
            n = from;
        }

        /** Moves right's first k entries to the end of this leaf. */
        void takeHeadOf(Leaf right, int k) {
            System.arraycopy(right.scores, 0, scores, n, k);
            System.arraycopy(right.members, 0, members, n, k);
            System.arraycopy(right.scores, k, right.scores, 0, right.n - k);
            System.arraycopy(right.members, k, right.members, 0, right.n - k);
            java.util.Arrays.fill(right.members, right.n - k, right.n, null);
            right.n -= k;
            n += k;
        }
    }

    /**
     * Children with their entry counts and smallest entries. Every minimum from index 1 on is
     * exact (the tree updates it when a child's first entry goes), so a bound tested against it
     * is tested against a real entry; index 0's is the parent's to keep.
     */
    static final class Inner {
        final Object[] kids = new Object[CAP];
        final int[] counts = new int[CAP];
        final double[] minScores = new double[CAP];
        final Key[] minMembers = new Key[CAP];
        int n;

        /** The child whose range holds (score, member): the last one whose minimum is not above it. */
        int childFor(double score, Key member) {
            int lo = 1;
            int hi = n - 1;
            int found = 0;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (less(score, member, minScores[mid], minMembers[mid])) {
                    hi = mid - 1;
                } else {
                    found = mid;
                    lo = mid + 1;
                }
            }
            return found;
        }

        long total() {
            long t = 0;
            for (int i = 0; i < n; i++) {
                t += counts[i];
            }
            return t;
        }

        void insertKid(int at, Object kid, int count, double minScore, Key minMember) {
            shift(at, at + 1, n - at);
            kids[at] = kid;
            counts[at] = count;
            minScores[at] = minScore;
            minMembers[at] = minMember;
            n++;
        }

        void removeKid(int at) {
            shift(at + 1, at, n - at - 1);
            n--;
            kids[n] = null;
            minMembers[n] = null;
        }

        /** Moves the children from {@code from} on to the start of right (which must have room). */
        void moveTailTo(int from, Inner right) {
            int k = n - from;
            right.shift(0, k, right.n);
            copy(this, from, right, 0, k);
            java.util.Arrays.fill(kids, from, n, null);
            java.util.Arrays.fill(minMembers, from, n, null);
            right.n += k;
            n = from;
        }

        /** Moves right's first k children to the end of this node. */
        void takeHeadOf(Inner right, int k) {
            copy(right, 0, this, n, k);
            right.shift(k, 0, right.n - k);
            java.util.Arrays.fill(right.kids, right.n - k, right.n, null);
            java.util.Arrays.fill(right.minMembers, right.n - k, right.n, null);
            right.n -= k;
            n += k;
        }

        private void shift(int from, int to, int k) {
            copy(this, from, this, to, k);
        }

        private static void copy(Inner a, int from, Inner b, int to, int k) {
            System.arraycopy(a.kids, from, b.kids, to, k);
            System.arraycopy(a.counts, from, b.counts, to, k);
            System.arraycopy(a.minScores, from, b.minScores, to, k);
            System.arraycopy(a.minMembers, from, b.minMembers, to, k);
        }
    }
}
