package dev.syncer.engine.resp;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses RESP2 replies into plain Java values: simple string → String, error → {@link Error},
 * integer → Long, bulk → byte[], array → List, nil → null. For engine components that talk to a
 * shard as a client (the lab's orchestration, the syncer's handshake).
 */
public final class RespReplyParser {

    /** An error reply, e.g. "ERR unknown command ...". */
    public record Error(String message) {
    }

    /** Marks that the buffer does not yet hold a complete reply. */
    public static final Object INCOMPLETE = new Object();

    private RespReplyParser() {
    }

    /**
     * Parses one reply from the buffer's reader index. On success advances the reader index and
     * returns the value; returns {@link #INCOMPLETE} (and leaves the buffer as it was) otherwise.
     */
    public static Object parse(ByteBuf in) {
        int mark = in.readerIndex();
        Object v = read(in);
        if (v == INCOMPLETE) {
            in.readerIndex(mark);
        }
        return v;
    }

    private static Object read(ByteBuf in) {
        if (!in.isReadable()) {
            return INCOMPLETE;
        }
        byte type = in.readByte();
        String line = readLine(in);
        if (line == null) {
            return INCOMPLETE;
        }
        switch (type) {
            case '+':
                return line;
            case '-':
                return new Error(line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int len = Integer.parseInt(line);
                if (len < 0) {
                    return null;
                }
                if (in.readableBytes() < len + 2) {
                    return INCOMPLETE;
                }
                byte[] data = new byte[len];
                in.readBytes(data);
                in.skipBytes(2);
                return data;
            }
            case '*': {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    Object item = read(in);
                    if (item == INCOMPLETE) {
                        return INCOMPLETE;
                    }
                    items.add(item);
                }
                return items;
            }
            default:
                throw new ProtocolException("Protocol error: unexpected reply type byte '" + (char) type + "'");
        }
    }

    private static String readLine(ByteBuf in) {
        int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
        if (eol < 0) {
            return null;
        }
        int end = eol > in.readerIndex() && in.getByte(eol - 1) == '\r' ? eol - 1 : eol;
        String line = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.UTF_8);
        in.readerIndex(eol + 1);
        return line;
    }

    /** A bulk or simple reply as text; null stays null. */
    public static String text(Object reply) {
        if (reply instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        return reply == null ? null : reply.toString();
    }
}
