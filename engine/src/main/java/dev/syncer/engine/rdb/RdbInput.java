package dev.syncer.engine.rdb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The byte level of RDB loading (Redis's rio + rdbLoadLen/rdbGenericLoadStringObject): a buffered
 * reader over an InputStream that counts the offset, sums the CRC64 of what it consumed, and
 * decodes lengths and strings. It knows which key is being read, so every error it raises says
 * where: byte offset, database and key.
 *
 * <p>By default it never takes a byte from the stream beyond what it has to decode, so a caller
 * can read what follows the RDB (a replication stream, an EOF mark) from the same stream; wrap a
 * socket in a BufferedInputStream for speed. With {@code readAhead} it fills its buffer freely
 * (files, byte arrays).
 *
 * <p>Allocations are bounded by the bytes actually read: a string claiming gigabytes is read in
 * chunks and fails at the real end of input, not with an OutOfMemoryError.
 */
final class RdbInput {

    /** Largest string this loader holds (a Java array). */
    static final long MAX_STRING = Integer.MAX_VALUE - 16;
    private static final int CHUNK = 8 << 20;

    private final InputStream in;
    private final boolean readAhead;
    private final byte[] buf;
    private int pos;
    private int limit;
    private long bufStart; // absolute offset of buf[0]
    private long crc;
    private int crcFrom; // buf index from which bytes are not yet summed

    private int db = -1;
    private byte[] key;

    RdbInput(InputStream in, boolean readAhead) {
        this.in = in;
        this.readAhead = readAhead;
        this.buf = new byte[64 * 1024];
    }

    // ---- position, checksum, error context -----------------------------------------------

    long offset() {
        return bufStart + pos;
    }

    /** CRC64 of every byte consumed so far. */
    long crc() {
        sumCrc();
        return crc;
    }

    private void sumCrc() {
        if (pos > crcFrom) {
            crc = Crc64.update(crc, buf, crcFrom, pos - crcFrom);
            crcFrom = pos;
        }
    }

    /** The key being read, named in errors (null between keys). */
    void context(int db, byte[] key) {
        this.db = db;
        this.key = key;
    }

    RdbException corrupt(String what) {
        return corrupt(what, offset());
    }

    RdbException corrupt(String what, long at) {
        StringBuilder m = new StringBuilder(what).append(" at offset ").append(at);
        if (key != null) {
            m.append(" (db ").append(db).append(", key ").append(printable(key)).append(')');
        } else if (db >= 0) {
            m.append(" (db ").append(db).append(')');
        }
        return new RdbException(m.toString());
    }

    /** A key as Redis's sdscatrepr would show it: quoted, non-printable bytes as \xNN, cut at 128. */
    static String printable(byte[] s) {
        StringBuilder b = new StringBuilder("'");
        int n = Math.min(s.length, 128);
        for (int i = 0; i < n; i++) {
            int c = s[i] & 0xff;
            if (c == '\\' || c == '\'') {
                b.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7f) {
                b.append((char) c);
            } else {
                b.append(String.format("\\x%02x", c));
            }
        }
        if (s.length > n) {
            b.append("...");
        }
        return b.append('\'').toString();
    }

    // ---- raw bytes --------------------------------------------------------------------------

    /** Makes at least n (<= buffer size) bytes available at pos. */
    private void require(int n) throws IOException {
        if (limit - pos >= n) {
            return;
        }
        sumCrc();
        int remaining = limit - pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, remaining);
            bufStart += pos;
            pos = 0;
            limit = remaining;
        }
        crcFrom = 0;
        while (limit < n) {
            int want = readAhead ? buf.length - limit : n - limit;
            int got = in.read(buf, limit, want);
            if (got < 0) {
                throw corrupt("unexpected end of RDB (" + (n - limit) + " more bytes needed)", bufStart + limit);
            }
            limit += got;
        }
    }

    int u8() throws IOException {
        if (pos >= limit) {
            require(1);
        }
        return buf[pos++] & 0xff;
    }

    /** Reads exactly len bytes into dst[off...]. */
    void readFully(byte[] dst, int off, int len) throws IOException {
        int avail = limit - pos;
        if (len <= avail) {
            System.arraycopy(buf, pos, dst, off, len);
            pos += len;
            return;
        }
        if (len <= buf.length / 2) {
            require(len);
            System.arraycopy(buf, pos, dst, off, len);
            pos += len;
            return;
        }
        // large: drain the buffer, then read straight into dst and sum it there
        System.arraycopy(buf, pos, dst, off, avail);
        pos = limit;
        sumCrc();
        int done = avail;
        while (done < len) {
            int got = in.read(dst, off + done, len - done);
            if (got < 0) {
                throw corrupt("unexpected end of RDB (" + (len - done) + " more bytes needed)", bufStart + limit + done - avail);
            }
            crc = Crc64.update(crc, dst, off + done, got);
            done += got;
        }
        bufStart += limit + len - avail;
        pos = 0;
        limit = 0;
        crcFrom = 0;
    }

    /** Reads len bytes, allocating as data arrives rather than trusting len up front. */
    byte[] bytes(long len) throws IOException {
        if (len < 0 || len > MAX_STRING) {
            throw corrupt("string length " + Long.toUnsignedString(len) + " exceeds what this loader holds");
        }
        int n = (int) len;
        if (n <= CHUNK) {
            byte[] b = new byte[n];
            readFully(b, 0, n);
            return b;
        }
        List<byte[]> chunks = new ArrayList<>();
        int done = 0;
        while (done < n) {
            byte[] c = new byte[Math.min(CHUNK, n - done)];
            readFully(c, 0, c.length);
            chunks.add(c);
            done += c.length;
        }
        byte[] b = new byte[n];
        int at = 0;
        for (byte[] c : chunks) {
            System.arraycopy(c, 0, b, at, c.length);
            at += c.length;
        }
        return b;
    }

    long int64LE() throws IOException {
        require(8);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (buf[pos + i] & 0xffL);
        }
        pos += 8;
        return v;
    }

    int int32LE() throws IOException {
        require(4);
        int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff) << 16 | (buf[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    private long bigEndian(int n) throws IOException {
        require(n);
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (buf[pos + i] & 0xffL);
        }
        pos += n;
        return v;
    }

    // ---- RDB encodings ----------------------------------------------------------------------

    /** A length (rdbLoadLen): 6-bit, 14-bit, 32-bit or 64-bit big-endian. */
    long length() throws IOException {
        return length(false);
    }

    /** A length read as an unsigned 64-bit number (stream IDs and counters; -1 as all ones). */
    long unsignedLength() throws IOException {
        return length(true);
    }

    private long length(boolean unsigned) throws IOException {
        long at = offset();
        int b = u8();
        if ((b >>> 6) == 3) {
            throw corrupt("expected a length but found string encoding 0x" + Integer.toHexString(b), at);
        }
        return lengthAfter(b, at, unsigned);
    }

    private long lengthAfter(int b, long at) throws IOException {
        return lengthAfter(b, at, false);
    }

    private long lengthAfter(int b, long at, boolean unsigned) throws IOException {
        switch (b >>> 6) {
            case 0:
                return b & 0x3f;
            case 1:
                return (b & 0x3f) << 8 | u8();
            default:
                if (b == 0x80) {
                    return bigEndian(4);
                }
                if (b == 0x81) {
                    long v = bigEndian(8);
                    if (v < 0 && !unsigned) {
                        throw corrupt("length " + Long.toUnsignedString(v) + " is out of range", at);
                    }
                    return v;
                }
                throw corrupt("bad length encoding 0x" + Integer.toHexString(b), at);
        }
    }

    /** A string (rdbGenericLoadStringObject): raw, int8/16/32 as decimal text, or LZF. */
    byte[] string() throws IOException {
        long at = offset();
        int b = u8();
        if ((b >>> 6) != 3) {
            return bytes(lengthAfter(b, at));
        }
        switch (b & 0x3f) {
            case 0:
                return ascii((byte) u8());
            case 1:
                return ascii((short) (u8() | u8() << 8));
            case 2:
                return ascii(int32LE());
            case 3:
                return lzf(at);
            default:
                throw corrupt("unknown string encoding 0x" + Integer.toHexString(b), at);
        }
    }

    private static byte[] ascii(long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] lzf(long at) throws IOException {
        long clen = length();
        long ulen = length();
        if (ulen > MAX_STRING || clen > MAX_STRING) {
            throw corrupt("LZF string of " + ulen + " bytes exceeds what this loader holds", at);
        }
        if (ulen > clen * Lzf.MAX_RATIO) {
            throw corrupt("LZF string claims " + ulen + " bytes from " + clen + " compressed bytes", at);
        }
        boolean ok;
        byte[] out;
        // the output is allocated once the compressed bytes are there: a lying length fails first
        if (clen <= buf.length / 2) { // the usual small value: straight from the buffer, no copy of it
            require((int) clen);
            out = new byte[(int) ulen];
            ok = Lzf.decompress(buf, pos, (int) clen, out);
            pos += (int) clen;
        } else {
            byte[] compressed = bytes(clen);
            out = new byte[(int) ulen];
            ok = Lzf.decompress(compressed, compressed.length, out);
        }
        if (!ok) {
            throw corrupt("invalid LZF compressed string (" + clen + " -> " + ulen + " bytes)", at);
        }
        return out;
    }

    /** A score in the old text form of ZSET (type 3): length byte, 253 nan, 254 inf, 255 -inf. */
    double textDouble() throws IOException {
        long at = offset();
        int len = u8();
        switch (len) {
            case 253:
                return Double.NaN;
            case 254:
                return Double.POSITIVE_INFINITY;
            case 255:
                return Double.NEGATIVE_INFINITY;
            default:
                byte[] text = bytes(len);
                Double d = ScoreText.parse(text);
                if (d == null) {
                    throw corrupt("bad score text '" + new String(text, StandardCharsets.ISO_8859_1) + "'", at);
                }
                return d;
        }
    }

    /** A score in the binary form of ZSET_2: an 8-byte little-endian IEEE 754 double. */
    double binaryDouble() throws IOException {
        return Double.longBitsToDouble(int64LE());
    }
}
