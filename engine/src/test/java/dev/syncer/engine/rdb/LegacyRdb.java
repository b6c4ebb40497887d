package dev.syncer.engine.rdb;

import dev.syncer.engine.keyspace.Numbers;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Test encoders for the formats Redis 7.0 no longer writes (ziplists, zipmaps, text scores), so
 * that files in the shapes Redis 2.6 to 6.2 wrote can be built and checked against a real loader.
 */
final class LegacyRdb {

    private LegacyRdb() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A ziplist as ziplistPush builds it: integers in the smallest encoding, 5-byte prevlen from 254. */
    static byte[] ziplist(List<byte[]> entries) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int prevLen = 0;
        int tail = 10;
        for (byte[] e : entries) {
            int start = 10 + body.size();
            tail = start;
            if (prevLen < 254) {
                body.write(prevLen);
            } else {
                body.write(0xFE);
                le(body, prevLen, 4);
            }
            Long v = e.length <= 32 ? Numbers.parseLong(e) : null;
            if (v != null) {
                long x = v;
                if (x >= 0 && x <= 12) {
                    body.write(0xF1 + (int) x);
                } else if (x >= Byte.MIN_VALUE && x <= Byte.MAX_VALUE) {
                    body.write(0xFE);
                    le(body, x, 1);
                } else if (x >= Short.MIN_VALUE && x <= Short.MAX_VALUE) {
                    body.write(0xC0);
                    le(body, x, 2);
                } else if (x >= -(1 << 23) && x < (1 << 23)) {
                    body.write(0xF0);
                    le(body, x, 3);
                } else if (x >= Integer.MIN_VALUE && x <= Integer.MAX_VALUE) {
                    body.write(0xD0);
                    le(body, x, 4);
                } else {
                    body.write(0xE0);
                    le(body, x, 8);
                }
            } else if (e.length <= 63) {
                body.write(e.length);
                body.writeBytes(e);
            } else if (e.length <= 16383) {
                body.write(0x40 | (e.length >>> 8));
                body.write(e.length & 0xff);
                body.writeBytes(e);
            } else {
                body.write(0x80);
                for (int i = 3; i >= 0; i--) {
                    body.write((e.length >>> (8 * i)) & 0xff);
                }
                body.writeBytes(e);
            }
            prevLen = 10 + body.size() - start;
        }
        ByteArrayOutputStream zl = new ByteArrayOutputStream();
        le(zl, 10 + body.size() + 1, 4);
        le(zl, tail, 4);
        le(zl, entries.size(), 2);
        zl.writeBytes(body.toByteArray());
        zl.write(0xFF);
        return zl.toByteArray();
    }

    /** A zipmap of field/value pairs; each value carries {@code free} unused trailing bytes. */
    static byte[] zipmap(List<byte[]> pairs, int free) {
        ByteArrayOutputStream zm = new ByteArrayOutputStream();
        zm.write(pairs.size() / 2);
        for (int i = 0; i < pairs.size(); i += 2) {
            zipmapLen(zm, pairs.get(i).length);
            zm.writeBytes(pairs.get(i));
            zipmapLen(zm, pairs.get(i + 1).length);
            zm.write(free);
            zm.writeBytes(pairs.get(i + 1));
            zm.writeBytes(new byte[free]);
        }
        zm.write(0xFF);
        return zm.toByteArray();
    }

    private static void zipmapLen(ByteArrayOutputStream out, int len) {
        if (len < 254) {
            out.write(len);
        } else {
            out.write(254);
            le(out, len, 4);
        }
    }

    private static void le(ByteArrayOutputStream out, long v, int n) {
        for (int i = 0; i < n; i++) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }

    /** A raw RDB string with any length (6-bit, 14-bit or 32-bit length). */
    static RdbBytes string(RdbBytes b, byte[] s) {
        if (s.length < 64) {
            b.raw(s.length);
        } else if (s.length < 16384) {
            b.raw(0x40 | (s.length >>> 8), s.length & 0xff);
        } else {
            b.raw(0x80, s.length >>> 24, (s.length >>> 16) & 0xff, (s.length >>> 8) & 0xff, s.length & 0xff);
        }
        return b.raw(s);
    }

    /** A file in the shapes of Redis 2.6 to 6.2 (RDB 9): every pre-7.0 value type, an old seconds expiry. */
    static byte[] file() {
        byte[] longString = ascii("L".repeat(300));
        RdbBytes b = RdbBytes.header(9).raw(0xFA).string("redis-ver").string("5.0.14").selectDb(0).raw(0xFB, 10, 1);
        b.raw(1).string("list:plain").raw(3).string("a").raw(0xC0, 1).string("bb");
        b.raw(3).string("zset:text").raw(4).string("m1").raw(3).raw(ascii("1.5")).string("m2").raw(254)
                .string("m3").raw(255).string("m4").raw(1).raw(ascii("3"));
        b.raw(9).string("hash:zipmap");
        string(b, zipmap(List.of(ascii("f1"), ascii("v1"), ascii("f2"), ascii("12345"), ascii("long"), longString), 2));
        b.raw(10).string("list:ziplist");
        string(b, ziplist(List.of(ascii("x"), ascii("-5"), ascii("12"), ascii("300"), ascii("70000"),
                ascii("5000000000"), longString, ascii("after-long"), ascii("007"))));
        b.raw(12).string("zset:ziplist");
        // sorted by score, as Redis keeps them (it walks a ziplist zset in stored order and never re-sorts it)
        string(b, ziplist(List.of(ascii("m3"), ascii("-inf"), ascii("m1"), ascii("1.5"), ascii("m2"), ascii("7"))));
        b.raw(13).string("hash:ziplist");
        string(b, ziplist(List.of(ascii("a"), ascii("1"), ascii("b"), longString)));
        b.raw(14).string("list:quicklist").raw(2);
        string(b, ziplist(List.of(ascii("q1"), ascii("2"))));
        string(b, ziplist(List.of(ascii("q3"))));
        b.raw(0xFD, 0x00, 0x94, 0x35, 0x77).raw(2).string("set:plain").raw(2).string("s1").raw(0xC1, 0x39, 0x30);
        b.raw(4).string("hash:plain").raw(1).string("f").string("v");
        b.raw(5).string("zset:binary").raw(1).string("m").raw(0, 0, 0, 0, 0, 0, (byte) 0xF8 & 0xff, 0x3F);
        return b.end();
    }
}
