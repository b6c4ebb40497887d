package dev.syncer.engine.rdb;

import dev.syncer.engine.keyspace.Numbers;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The byte level of RDB saving (Redis's rio + rdbSaveLen/rdbSaveRawString): a buffered writer that
 * sums the CRC64 of everything it writes and encodes lengths and strings exactly as redis-server
 * does — int8/16/32 for short canonical integers, LZF for strings over 20 bytes that shrink by at
 * least 4 bytes (with rdbcompression), raw otherwise.
 */
final class RdbOutput {

    private final OutputStream out;
    private final boolean compression;
    private final boolean checksum;
    private final byte[] buf = new byte[64 * 1024];
    private final Lzf lzf = new Lzf();
    private byte[] lzfOut = new byte[256];
    private int pos;
    private long crc;
    private long flushed;

    RdbOutput(OutputStream out, boolean compression, boolean checksum) {
        this.out = out;
        this.compression = compression;
        this.checksum = checksum;
    }

    long written() {
        return flushed + pos;
    }

    void u8(int b) throws IOException {
        if (pos == buf.length) {
            drain();
        }
        buf[pos++] = (byte) b;
    }

    void bytes(byte[] b, int off, int len) throws IOException {
        if (len <= buf.length - pos) {
            System.arraycopy(b, off, buf, pos, len);
            pos += len;
            return;
        }
        drain();
        if (len <= buf.length / 2) {
            System.arraycopy(b, off, buf, 0, len);
            pos = len;
            return;
        }
        if (checksum) {
            crc = Crc64.update(crc, b, off, len);
        }
        out.write(b, off, len);
        flushed += len;
    }

    private void drain() throws IOException {
        if (pos > 0) {
            if (checksum) {
                crc = Crc64.update(crc, buf, 0, pos);
            }
            out.write(buf, 0, pos);
            flushed += pos;
            pos = 0;
        }
    }

    /** Everything written so far reaches the stream; returns the CRC64 of it (0 without rdbchecksum). */
    long flushAndCrc() throws IOException {
        drain();
        out.flush();
        return crc;
    }

    void int64LE(long v) throws IOException {
        if (buf.length - pos < 8) {
            drain();
        }
        for (int i = 0; i < 8; i++) {
            buf[pos++] = (byte) (v >>> (8 * i));
        }
    }

    void binaryDouble(double d) throws IOException {
        int64LE(Double.doubleToRawLongBits(d));
    }

    /** rdbSaveLen; a negative length is written as the unsigned 64-bit number it is in C. */
    void length(long len) throws IOException {
        if (buf.length - pos < 9) {
            drain();
        }
        if (len >= 0 && len < (1 << 6)) {
            buf[pos++] = (byte) len;
        } else if (len >= 0 && len < (1 << 14)) {
            buf[pos++] = (byte) ((len >>> 8) | 0x40);
            buf[pos++] = (byte) len;
        } else if (len >= 0 && len <= 0xFFFFFFFFL) {
            buf[pos++] = (byte) 0x80;
            for (int i = 3; i >= 0; i--) {
                buf[pos++] = (byte) (len >>> (8 * i));
            }
        } else {
            buf[pos++] = (byte) 0x81;
            for (int i = 7; i >= 0; i--) {
                buf[pos++] = (byte) (len >>> (8 * i));
            }
        }
    }

    /** rdbSaveRawString. */
    void string(byte[] s) throws IOException {
        int len = s.length;
        if (len <= 11 && integer(s)) {
            return;
        }
        if (compression && len > 20 && lzfString(s)) {
            return;
        }
        length(len);
        bytes(s, 0, len);
    }

    /** rdbTryIntegerEncoding: canonical integers that fit 32 bits become C0/C1/C2. */
    private boolean integer(byte[] s) throws IOException {
        Long parsed = Numbers.parseLong(s);
        if (parsed == null) {
            return false;
        }
        long v = parsed;
        if (buf.length - pos < 5) {
            drain();
        }
        if (v >= -(1 << 7) && v <= (1 << 7) - 1) {
            buf[pos++] = (byte) 0xC0;
            buf[pos++] = (byte) v;
        } else if (v >= -(1 << 15) && v <= (1 << 15) - 1) {
            buf[pos++] = (byte) 0xC1;
            buf[pos++] = (byte) v;
            buf[pos++] = (byte) (v >>> 8);
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            buf[pos++] = (byte) 0xC2;
            for (int i = 0; i < 4; i++) {
                buf[pos++] = (byte) (v >>> (8 * i));
            }
        } else {
            return false;
        }
        return true;
    }

    /** rdbSaveLzfStringObject: kept only if it saves at least 4 bytes. */
    private boolean lzfString(byte[] s) throws IOException {
        int outLen = s.length - 4;
        if (lzfOut.length < outLen + 1) {
            lzfOut = new byte[Math.max(outLen + 1, lzfOut.length * 2)];
        }
        int compressed = lzf.compress(s, s.length, lzfOut, outLen);
        if (compressed == 0) {
            return false;
        }
        u8(0xC3);
        length(compressed);
        length(s.length);
        bytes(lzfOut, 0, compressed);
        return true;
    }
}
