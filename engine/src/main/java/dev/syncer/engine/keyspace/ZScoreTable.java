package dev.syncer.engine.keyspace;

/**
 * A big sorted set's dict (t_zset.c's zset->dict): member → score, open addressing with linear
 * probing over two parallel arrays, so an entry is a slot of each (12 bytes), not an object. Slots
 * are found by the member's cached hash, spread by a Fibonacci multiply. Not thread-safe; a
 * snapshot is a {@link #ZScoreTable(ZScoreTable) copy}.
 */
final class ZScoreTable {

    private static final int MIN_CAPACITY = 16;

    private Key[] members = new Key[MIN_CAPACITY];
    private double[] scores = new double[MIN_CAPACITY];
    private int shift = Integer.SIZE - 4;
    private int size;
    /** The last successful probe's Key (the very object) and slot: ZADD reads the score, then sets it. */
    private Key lastQuery;
    private int lastSlot;

    ZScoreTable() {
    }

    ZScoreTable(ZScoreTable other) {
        members = other.members.clone();
        scores = other.scores.clone();
        shift = other.shift;
        size = other.size;
    }

    int size() {
        return size;
    }

    /** member's slot, or -1 when it is not in the table. */
    int slot(Key member) {
        if (lastQuery == member && members[lastSlot] == member) {
            return lastSlot;
        }
        int mask = members.length - 1;
        for (int i = home(member.hashCode()); ; i = (i + 1) & mask) {
            Key k = members[i];
            if (k == null) {
                return -1;
            }
            if (k == member || k.equals(member)) {
                lastQuery = member;
                lastSlot = i;
                return i;
            }
        }
    }

    /** The member held in a slot: the very Key the set stores, which the order tree holds too. */
    Key member(int slot) {
        return members[slot];
    }

    double score(int slot) {
        return scores[slot];
    }

    void setScore(int slot, double score) {
        scores[slot] = score;
    }

    /** Adds a member that is not in the table. */
    void add(Key member, double score) {
        if ((size + 1) * 4L > members.length * 3L) {
            resize(members.length * 2);
        }
        int mask = members.length - 1;
        int i = home(member.hashCode());
        while (members[i] != null) {
            i = (i + 1) & mask;
        }
        members[i] = member;
        scores[i] = score;
        size++;
    }

    /** Empties a slot, shifting back the entries whose probe passed it (no tombstones). */
    void removeSlot(int slot) {
        lastQuery = null;
        int mask = members.length - 1;
        int hole = slot;
        for (int j = (slot + 1) & mask; members[j] != null; j = (j + 1) & mask) {
            int h = home(members[j].hashCode());
            // j's entry may fill the hole when its home is not in (hole, j] cyclically
            if (hole <= j ? (h <= hole || h > j) : (h <= hole && h > j)) {
                members[hole] = members[j];
                scores[hole] = scores[j];
                hole = j;
            }
        }
        members[hole] = null;
        size--;
        if (size < members.length / 8 && members.length > MIN_CAPACITY) {
            resize(members.length / 2);
        }
    }

    private int home(int hash) {
        return (hash * 0x9E3779B9) >>> shift;
    }

    private void resize(int capacity) {
        Key[] oldMembers = members;
        double[] oldScores = scores;
        members = new Key[capacity];
        scores = new double[capacity];
        shift = Integer.SIZE - Integer.numberOfTrailingZeros(capacity);
        lastQuery = null;
        int mask = capacity - 1;
        for (int s = 0; s < oldMembers.length; s++) {
            Key m = oldMembers[s];
            if (m != null) {
                int i = home(m.hashCode());
                while (members[i] != null) {
                    i = (i + 1) & mask;
                }
                members[i] = m;
                scores[i] = oldScores[s];
            }
        }
    }
}
