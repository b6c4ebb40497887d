package dev.syncer.engine.command;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Redis's MurmurHash64A as hyperloglog.c has it: MurmurHash2, 64-bit, made endian-neutral by
 * reading each 8-byte block little-endian. HyperLogLog registers depend on every bit of it.
 */
final class MurmurHash64A {

    private static final VarHandle LITTLE_ENDIAN = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private MurmurHash64A() {
    }

    /** Redis's MurmurHash64A (endian-neutral: 8-byte blocks read little-endian). */
    static long hash(byte[] key, long seed) {
        final long m = 0xc6a4a7935bd1e995L;
        final int r = 47;
        int length = key.length;
        long h = seed ^ (length * m);
        int blocks = length - (length & 7);
        for (int i = 0; i < blocks; i += 8) {
            long k = (long) LITTLE_ENDIAN.get(key, i); // one load, not eight
            k *= m;
            k ^= k >>> r;
            k *= m;
            h ^= k;
            h *= m;
        }
        int tail = length & 7;
        if (tail > 0) {
            for (int b = tail - 1; b >= 0; b--) {
                h ^= (key[blocks + b] & 0xffL) << (8 * b);
            }
            h *= m;
        }
        h ^= h >>> r;
        h *= m;
        h ^= h >>> r;
        return h;
    }
}
