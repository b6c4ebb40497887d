package dev.syncer.engine.keyspace;

import java.nio.charset.StandardCharsets;

/**
 * A stream entry ID (Redis's streamID): two unsigned 64-bit numbers, milliseconds and sequence,
 * ordered as unsigned pairs and written "ms-seq".
 */
public record StreamId(long ms, long seq) implements Comparable<StreamId> {

    public static final StreamId MIN = new StreamId(0, 0);
    public static final StreamId MAX = new StreamId(-1L, -1L);

    @Override
    public int compareTo(StreamId o) {
        int c = Long.compareUnsigned(ms, o.ms);
        return c != 0 ? c : Long.compareUnsigned(seq, o.seq);
    }

    public boolean isZero() {
        return ms == 0 && seq == 0;
    }

    /** streamIncrID: the next ID, or null past the last possible one. */
    public StreamId next() {
        if (seq != -1L) {
            return new StreamId(ms, seq + 1);
        }
        return ms == -1L ? null : new StreamId(ms + 1, 0);
    }

    /** streamDecrID: the previous ID, or null before 0-0. */
    public StreamId previous() {
        if (seq != 0) {
            return new StreamId(ms, seq - 1);
        }
        return ms == 0 ? null : new StreamId(ms - 1, -1L);
    }

    /** The 16 big-endian bytes Redis uses as radix-tree key (streamEncodeID). */
    public byte[] encode() {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (ms >>> (56 - 8 * i));
            b[8 + i] = (byte) (seq >>> (56 - 8 * i));
        }
        return b;
    }

    /** streamDecodeID of 16 big-endian bytes at {@code at}. */
    public static StreamId decode(byte[] b, int at) {
        long ms = 0;
        long seq = 0;
        for (int i = 0; i < 8; i++) {
            ms = ms << 8 | (b[at + i] & 0xff);
            seq = seq << 8 | (b[at + 8 + i] & 0xff);
        }
        return new StreamId(ms, seq);
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(ms) + "-" + Long.toUnsignedString(seq);
    }

    /** {@link #toString()}'s bytes, written directly (XADD answers and propagates one per call). */
    public byte[] bytes() {
        if (ms < 0 || seq < 0) {
            return toString().getBytes(StandardCharsets.US_ASCII); // above Long.MAX_VALUE: unsigned text
        }
        int msDigits = digits(ms);
        byte[] out = new byte[msDigits + 1 + digits(seq)];
        writeDigits(out, msDigits, ms);
        out[msDigits] = '-';
        writeDigits(out, out.length, seq);
        return out;
    }

    private static int digits(long v) {
        int n = 1;
        for (; v >= 10; v /= 10) {
            n++;
        }
        return n;
    }

    /** The digits of v (not negative), ending just before {@code end}. */
    private static void writeDigits(byte[] out, int end, long v) {
        do {
            out[--end] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
    }
}
