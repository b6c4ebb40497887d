package dev.syncer.engine.keyspace;

import java.util.Arrays;

/**
 * A list: a growable ring of byte arrays, O(1) at both ends and by index (LINDEX, LSET, LRANGE).
 * It keeps the size sample its used-memory estimate takes from its first elements (ObjectSize), so
 * a push or pop re-estimates in O(1) instead of re-measuring them after every write.
 */
public final class ListValue extends RedisValue {

    private byte[][] ring = new byte[8][];
    private int head;
    private int size;
    /**
     * Sum of {@link #sampleWeight} over the first min(size, {@link ObjectSize#SAMPLES}) elements,
     * as an unsigned int: exact while those elements hold under 4 GiB.
     */
    private int headSample;

    @Override
    public ValueType type() {
        return ValueType.LIST;
    }

    public int size() {
        return size;
    }

    public byte[] get(int index) {
        return ring[(head + index) & (ring.length - 1)];
    }

    public void set(int index, byte[] value) {
        int i = (head + index) & (ring.length - 1);
        if (index < ObjectSize.SAMPLES) {
            headSample += sampleWeight(value) - sampleWeight(ring[i]);
        }
        ring[i] = value;
    }

    public void addFirst(byte[] value) {
        grow();
        head = (head - 1) & (ring.length - 1);
        ring[head] = value;
        size++;
        headSample += sampleWeight(value);
        if (size > ObjectSize.SAMPLES) {
            headSample -= sampleWeight(get(ObjectSize.SAMPLES)); // pushed out of the sampled head
        }
    }

    public void addLast(byte[] value) {
        grow();
        ring[(head + size) & (ring.length - 1)] = value;
        size++;
        if (size <= ObjectSize.SAMPLES) {
            headSample += sampleWeight(value);
        }
    }

    public byte[] removeFirst() {
        byte[] v = ring[head];
        ring[head] = null;
        head = (head + 1) & (ring.length - 1);
        size--;
        headSample -= sampleWeight(v);
        if (size >= ObjectSize.SAMPLES) {
            headSample += sampleWeight(get(ObjectSize.SAMPLES - 1)); // moved into the sampled head
        }
        return v;
    }

    public byte[] removeLast() {
        int i = (head + size - 1) & (ring.length - 1);
        byte[] v = ring[i];
        ring[i] = null;
        if (size <= ObjectSize.SAMPLES) {
            headSample -= sampleWeight(v);
        }
        size--;
        return v;
    }

    /** What an element counts for in the size sample: its bytes and its listpack entry's overhead. */
    static int sampleWeight(byte[] element) {
        return ObjectSize.LISTPACK_ENTRY + element.length;
    }

    /** The first min(size, {@link ObjectSize#SAMPLES}) elements' summed {@link #sampleWeight}s. */
    long headSample() {
        return Integer.toUnsignedLong(headSample);
    }

    /** Keeps only the elements whose index is in [from, to] (both inclusive and valid). */
    public void retain(int from, int to) {
        byte[][] kept = new byte[Math.max(8, Integer.highestOneBit(Math.max(1, to - from + 1)) << 1)][];
        int n = Math.max(0, to - from + 1);
        for (int i = 0; i < n; i++) {
            kept[i] = get(from + i);
        }
        ring = kept;
        head = 0;
        size = n;
        headSample = 0;
        for (int i = 0; i < Math.min(n, ObjectSize.SAMPLES); i++) {
            headSample += sampleWeight(kept[i]);
        }
    }

    private void grow() {
        if (size < ring.length) {
            return;
        }
        byte[][] bigger = new byte[ring.length << 1][];
        for (int i = 0; i < size; i++) {
            bigger[i] = get(i);
        }
        ring = bigger;
        head = 0;
    }

    @Override
    protected RedisValue copy() {
        ListValue c = new ListValue();
        c.ring = Arrays.copyOf(ring, ring.length);
        c.head = head;
        c.size = size;
        c.headSample = headSample;
        return withMetaOf(c);
    }
}
