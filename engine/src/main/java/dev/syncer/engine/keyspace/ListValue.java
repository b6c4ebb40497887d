package dev.syncer.engine.keyspace;

import java.util.Arrays;

/** A list: a growable ring of byte arrays, O(1) at both ends and by index (LINDEX, LSET, LRANGE). */
public final class ListValue extends RedisValue {

    private byte[][] ring = new byte[8][];
    private int head;
    private int size;

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
        ring[(head + index) & (ring.length - 1)] = value;
    }

    public void addFirst(byte[] value) {
        grow();
        head = (head - 1) & (ring.length - 1);
        ring[head] = value;
        size++;
    }

    public void addLast(byte[] value) {
        grow();
        ring[(head + size) & (ring.length - 1)] = value;
        size++;
    }

    public byte[] removeFirst() {
        byte[] v = ring[head];
        ring[head] = null;
        head = (head + 1) & (ring.length - 1);
        size--;
        return v;
    }

    public byte[] removeLast() {
        int i = (head + size - 1) & (ring.length - 1);
        byte[] v = ring[i];
        ring[i] = null;
        size--;
        return v;
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
        return withMetaOf(c);
    }
}
