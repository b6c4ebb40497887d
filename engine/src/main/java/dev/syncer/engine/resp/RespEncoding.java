package dev.syncer.engine.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.charset.StandardCharsets;

/** Encodes commands as RESP arrays of bulk strings, the only form the replication stream uses. */
public final class RespEncoding {

    private RespEncoding() {
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[][] argv(String... args) {
        byte[][] out = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            out[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    /** The length of argv's encoding, as {@link #write} writes it. */
    public static int size(byte[][] argv) {
        int size = 1 + digits(argv.length) + 2;
        for (byte[] a : argv) {
            size += 1 + digits(a.length) + 2 + a.length + 2;
        }
        return size;
    }

    /** Appends "*N\r\n$len\r\narg\r\n..." to out, making room once for the whole command. */
    public static void write(ByteBuf out, byte[][] argv) {
        out.ensureWritable(size(argv));
        out.writeByte('*');
        writeDecimal(out, argv.length);
        out.writeShort(('\r' << 8) | '\n');
        for (byte[] a : argv) {
            out.writeByte('$');
            writeDecimal(out, a.length);
            out.writeShort(('\r' << 8) | '\n');
            out.writeBytes(a);
            out.writeShort(('\r' << 8) | '\n');
        }
    }

    public static ByteBuf encode(ByteBufAllocator alloc, byte[][] argv) {
        int size = 16;
        for (byte[] a : argv) {
            size += a.length + 16;
        }
        ByteBuf out = alloc.buffer(size);
        write(out, argv);
        return out;
    }

    /** How many decimal digits a non-negative length has. */
    static int digits(int value) {
        int n = 1;
        while (value >= 10) {
            value /= 10;
            n++;
        }
        return n;
    }

    /** A non-negative length in decimal, written digit by digit (no String per command streamed). */
    private static void writeDecimal(ByteBuf out, int value) {
        if (value < 10) {
            out.writeByte('0' + value);
            return;
        }
        int n = digits(value);
        int at = out.writerIndex() + n;
        out.writerIndex(at);
        do {
            out.setByte(--at, '0' + value % 10);
            value /= 10;
        } while (value > 0);
    }
}
