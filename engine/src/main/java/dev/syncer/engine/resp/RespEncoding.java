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

    /** Appends "*N\r\n$len\r\narg\r\n..." to out. */
    public static void write(ByteBuf out, byte[][] argv) {
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

    private static void writeDecimal(ByteBuf out, long value) {
        if (value >= 0 && value < 10) {
            out.writeByte('0' + (int) value);
        } else if (value >= 10 && value < 100) {
            out.writeByte('0' + (int) (value / 10));
            out.writeByte('0' + (int) (value % 10));
        } else {
            out.writeCharSequence(Long.toString(value), StandardCharsets.US_ASCII);
        }
    }
}
