package dev.syncer.engine.keyspace;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A binary-safe key (or member, or field) with a cached hash, usable in hash maps and sorted sets. */
public final class Key implements Comparable<Key> {

    private final byte[] bytes;
    private final int hash;

    public Key(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** Key's hash (Arrays.hashCode) of bytes [from, to) of an array. */
    static int hash(byte[] a, int from, int to) {
        int h = 1;
        for (int i = from; i < to; i++) {
            h = 31 * h + a[i];
        }
        return h;
    }

    public static Key of(String text) {
        return new Key(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The raw bytes; callers must not modify them. */
    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Key k && k.hash == hash && Arrays.equals(k.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** Binary order, as Redis's memcmp-based comparisons (ZRANGEBYLEX, sorted-set ties). */
    @Override
    public int compareTo(Key o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
