package dev.syncer.engine.keyspace;

import java.util.Arrays;

/**
 * A set's members, or a hash's fields and values, once they outgrew the packed array: the members'
 * bytes densely by position (for SPOP and SRANDMEMBER's O(1) pick), a hash's values beside them at
 * the same positions, and an open-addressing table (linear probing) of positions.
 * Each table slot holds the member's hash beside its position, so a probe compares hashes in the
 * slot it already read and reaches a member's bytes only on an equal hash: a lookup of a present
 * member reads the slot, the position's reference and the bytes (three cache lines in a big set,
 * where a {@link Key} per member cost a fourth, and 16 bytes per member; a hash saves a map entry
 * node as well). A removal moves the last position into the freed one, so the order is insertion
 * order only until the first removal (Redis's hashtable order is no order either).
 */
final class MemberTable {

    static final int MIN_TABLE = 8;

    byte[][] members; // dense: positions [0, size)
    byte[][] values; // a hash's values by position (owned, edited in place by the hash); null for a set
    long[] slots; // hash << 32 | position + 1; 0: empty
    int size;
    int modCount;

    /** A table of the given members, each once (a set becoming a table). */
    MemberTable(byte[][] members, int size) {
        this(members, null, size);
    }

    /** A table of the given members and their values (null for a set), each member once. */
    MemberTable(byte[][] members, byte[][] values, int size) {
        this.members = members;
        this.values = values;
        this.size = size;
        int capacity = MIN_TABLE;
        while (capacity < size * 2 + 2) {
            capacity <<= 1;
        }
        rehash(capacity);
    }

    /** A copy sharing the members' bytes (never modified) but not the arrays nor the values' bytes (edited in place). */
    MemberTable(MemberTable other) {
        members = Arrays.copyOf(other.members, other.size);
        slots = other.slots.clone();
        size = other.size;
        if (other.values != null) {
            values = new byte[size][];
            for (int i = 0; i < size; i++) {
                values[i] = other.values[i].clone();
            }
        }
    }

    /** Arrays.hashCode of the bytes, as {@link Key#hashCode()} caches it. */
    static int hash(byte[] bytes) {
        return Arrays.hashCode(bytes);
    }

    private static int home(int hash, int mask) {
        int h = hash * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }

    /** The slot holding the member, or -1. */
    int slotOf(byte[] member, int hash) {
        int mask = slots.length - 1;
        for (int i = home(hash, mask); ; i = (i + 1) & mask) {
            long e = slots[i];
            if (e == 0) {
                return -1;
            }
            if ((int) (e >>> 32) == hash && Arrays.equals(members[(int) e - 1], member)) {
                return i;
            }
        }
    }

    /** The position of the member, or -1. */
    int positionOf(byte[] member, int hash) {
        int slot = slotOf(member, hash);
        return slot < 0 ? -1 : (int) slots[slot] - 1;
    }

    /** The position a slot holds. */
    int positionAt(int slot) {
        return (int) slots[slot] - 1;
    }

    /** Adds the member (its bytes kept, never modified); false if it was there. */
    boolean add(byte[] member, int hash) {
        return add(member, hash, null) < 0;
    }

    /**
     * Adds the member with its value (kept as given; null for a set) and returns ~position (negative),
     * or returns the position of the member already there, changing nothing: one probe finds or inserts.
     */
    int add(byte[] member, int hash, byte[] value) {
        int mask = slots.length - 1;
        int i = home(hash, mask);
        for (long e; (e = slots[i]) != 0; i = (i + 1) & mask) {
            if ((int) (e >>> 32) == hash && Arrays.equals(members[(int) e - 1], member)) {
                return (int) e - 1;
            }
        }
        if (size == members.length) {
            int capacity = Math.max(4, size + (size >> 1));
            members = Arrays.copyOf(members, capacity);
            if (values != null) {
                values = Arrays.copyOf(values, capacity);
            }
        }
        if (values != null) {
            values[size] = value;
        }
        members[size++] = member;
        slots[i] = slot(hash, size - 1);
        modCount++;
        if (size * 2 > slots.length) {
            rehash(slots.length << 1);
        }
        return ~(size - 1);
    }

    /** Frees a slot, moves the last member into the freed position and shrinks when sparse. */
    void removeAt(int slot) {
        int position = positionAt(slot);
        deleteSlot(slot);
        int last = --size;
        if (position != last) {
            byte[] moved = members[last];
            members[position] = moved;
            if (values != null) {
                values[position] = values[last];
            }
            int hash = hash(moved);
            slots[slotOf(hash, last)] = slot(hash, position);
        }
        members[last] = null;
        if (values != null) {
            values[last] = null;
        }
        modCount++;
        if (slots.length > MIN_TABLE && size * 8 < slots.length) {
            rehash(Math.max(MIN_TABLE, Integer.highestOneBit(Math.max(1, size)) << 2));
            members = Arrays.copyOf(members, Math.max(4, size + (size >> 1)));
            if (values != null) {
                values = Arrays.copyOf(values, members.length);
            }
        }
    }

    private static long slot(int hash, int position) {
        return (long) hash << 32 | (position + 1);
    }

    /** The slot holding position. */
    private int slotOf(int hash, int position) {
        int mask = slots.length - 1;
        int i = home(hash, mask);
        while ((int) slots[i] != position + 1) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** Linear probing's deletion: later entries of the probe run shift back, no tombstones. */
    private void deleteSlot(int slot) {
        int mask = slots.length - 1;
        int gap = slot;
        for (int i = (slot + 1) & mask; slots[i] != 0; i = (i + 1) & mask) {
            int home = home((int) (slots[i] >>> 32), mask);
            // the entry at i may move to the gap when its home is not cyclically in (gap, i]
            if (((i - home) & mask) >= ((i - gap) & mask)) {
                slots[gap] = slots[i];
                gap = i;
            }
        }
        slots[gap] = 0;
    }

    /** A table of capacity slots: the old slots moved over (their hashes kept), or the members hashed. */
    private void rehash(int capacity) {
        long[] fresh = new long[capacity];
        int mask = capacity - 1;
        if (slots != null) {
            for (long e : slots) {
                if (e != 0) {
                    place(fresh, mask, e);
                }
            }
        } else {
            for (int position = 0; position < size; position++) {
                place(fresh, mask, slot(hash(members[position]), position));
            }
        }
        slots = fresh;
    }

    private static void place(long[] table, int mask, long e) {
        int i = home((int) (e >>> 32), mask);
        while (table[i] != 0) {
            i = (i + 1) & mask;
        }
        table[i] = e;
    }
}
