package dev.syncer.engine.activeactive.crdt;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Appends the codec's primitives: bytes, unsigned LEB128 varints, zigzag varints, length-prefixed blobs. */
final class ByteWriter {

    private byte[] buf = new byte[64];
    private int size;

    void writeByte(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    /** A non-negative long in 7-bit groups, low group first (unsigned LEB128). */
    void writeVarLong(long v) {
        if (v < 0) {
            throw new IllegalArgumentException("negative varint " + v);
        }
        writeRawVarint(v);
    }

    /** Any long, zigzag-mapped so small magnitudes stay short. */
    void writeSignedVarLong(long v) {
        writeRawVarint((v << 1) ^ (v >> 63));
    }

    private void writeRawVarint(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    void writeLongBits(long v) {
        ensure(8);
        for (int i = 7; i >= 0; i--) {
            buf[size++] = (byte) (v >>> (i * 8));
        }
    }

    void writeDouble(double d) {
        writeLongBits(Double.doubleToLongBits(d));
    }

    void writeBlob(byte[] b) {
        writeVarLong(b.length);
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
    }

    void writeString(String s) {
        writeBlob(s.getBytes(StandardCharsets.UTF_8));
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int n) {
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }
    }
}
