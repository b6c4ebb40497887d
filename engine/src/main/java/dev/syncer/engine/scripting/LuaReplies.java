package dev.syncer.engine.scripting;

import dev.syncer.engine.resp.Reply;
import io.netty.buffer.ByteBuf;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The conversions between RESP and Lua that Redis documents (script_lua.c's
 * redisProtocolToLuaType and luaReplyToRedisReply), RESP2 and RESP3 both ways.
 */
final class LuaReplies {

    static final LuaValue ERR = LuaValue.valueOf("err");
    static final LuaValue OK = LuaValue.valueOf("ok");
    private static final LuaValue DOUBLE = LuaValue.valueOf("double");
    private static final LuaValue BIG_NUMBER = LuaValue.valueOf("big_number");
    private static final LuaValue VERBATIM = LuaValue.valueOf("verbatim_string");
    private static final LuaValue FORMAT = LuaValue.valueOf("format");
    private static final LuaValue STRING = LuaValue.valueOf("string");
    private static final LuaValue MAP = LuaValue.valueOf("map");
    private static final LuaValue SET = LuaValue.valueOf("set");
    /**
     * How deep a returned table may nest. Redis stops where the Lua stack cannot grow (about 8000
     * levels) with "reached lua stack limit"; a Java stack is smaller, so the limit is lower.
     */
    static final int MAX_DEPTH = 1000;

    private LuaReplies() {
    }

    // ---- RESP → Lua ------------------------------------------------------------------------------

    /**
     * One reply read straight off the buffer a command wrote (no intermediate objects: this runs for
     * every redis.call). RESP2: integer → number, bulk → string, nil → false, status → {ok=},
     * error → {err=}; RESP3 adds null → nil, boolean, {double=}, {big_number=},
     * {verbatim_string={format=, string=}}, {map={k=v}}, {set={m=true}}; attributes are skipped.
     */
    static LuaValue read(ByteBuf in) {
        byte type = in.readByte();
        switch (type) {
            case ':' -> {
                return LuaValue.valueOf((double) readLong(in));
            }
            case '$' -> {
                int len = (int) readLong(in);
                if (len < 0) {
                    return LuaValue.FALSE;
                }
                return bulk(in, len);
            }
            case '+' -> {
                return singleField(OK, line(in));
            }
            case '-' -> {
                return singleField(ERR, line(in));
            }
            case '*' -> {
                int n = (int) readLong(in);
                if (n < 0) {
                    return LuaValue.FALSE;
                }
                LuaTable t = new LuaTable(n, 0);
                for (int i = 1; i <= n; i++) {
                    t.rawset(i, read(in));
                }
                return t;
            }
            case '_' -> {
                skipLine(in);
                return LuaValue.NIL;
            }
            case '#' -> {
                boolean value = in.readByte() == 't';
                in.skipBytes(2);
                return LuaValue.valueOf(value);
            }
            case ',' -> {
                String text = line(in).tojstring();
                double d = switch (text) {
                    case "inf" -> Double.POSITIVE_INFINITY;
                    case "-inf" -> Double.NEGATIVE_INFINITY;
                    case "nan" -> Double.NaN;
                    default -> Double.parseDouble(text);
                };
                return singleField(DOUBLE, LuaValue.valueOf(d));
            }
            case '(' -> {
                return singleField(BIG_NUMBER, line(in));
            }
            case '=' -> {
                int len = (int) readLong(in);
                LuaString all = bulk(in, len);
                LuaTable v = new LuaTable();
                v.rawset(FORMAT, all.substring(0, Math.min(3, len)));
                v.rawset(STRING, all.substring(Math.min(4, len), len));
                return singleField(VERBATIM, v);
            }
            case '%' -> {
                int n = (int) readLong(in);
                LuaTable map = new LuaTable();
                for (int i = 0; i < n; i++) {
                    LuaValue k = read(in);
                    LuaValue v = read(in);
                    if (!k.isnil()) {
                        map.rawset(k, v);
                    }
                }
                return singleField(MAP, map);
            }
            case '~' -> {
                int n = (int) readLong(in);
                LuaTable set = new LuaTable();
                for (int i = 0; i < n; i++) {
                    LuaValue m = read(in);
                    if (!m.isnil()) {
                        set.rawset(m, LuaValue.TRUE);
                    }
                }
                return singleField(SET, set);
            }
            case '|' -> {
                int n = (int) readLong(in);
                for (int i = 0; i < 2 * n; i++) {
                    read(in); // attributes are not shown to scripts, as in Redis
                }
                return read(in);
            }
            default -> throw new IllegalStateException("unexpected reply type " + (char) type);
        }
    }

    private static long readLong(ByteBuf in) {
        boolean negative = false;
        long value = 0;
        byte b = in.readByte();
        if (b == '-') {
            negative = true;
            b = in.readByte();
        }
        while (b != '\r') {
            value = value * 10 + (b - '0');
            b = in.readByte();
        }
        in.skipBytes(1);
        return negative ? -value : value;
    }

    private static LuaString bulk(ByteBuf in, int len) {
        byte[] data = new byte[len];
        in.readBytes(data);
        in.skipBytes(2);
        return LuaString.valueUsing(data);
    }

    private static LuaString line(ByteBuf in) {
        int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\r');
        byte[] data = new byte[eol - in.readerIndex()];
        in.readBytes(data);
        in.skipBytes(2);
        return LuaString.valueUsing(data);
    }

    private static void skipLine(ByteBuf in) {
        int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
        in.readerIndex(eol + 1);
    }

    static LuaTable singleField(LuaValue name, LuaValue value) {
        LuaTable t = new LuaTable();
        t.rawset(name, value);
        return t;
    }

    /**
     * luaPushErrorBuff: "-CODE message" keeps its code, text without a leading '-' gets "ERR";
     * trailing CR/LF trimmed. The {err=} table redis.pcall returns and redis.error_reply builds.
     */
    static LuaTable errorTable(String text) {
        String code;
        String message;
        if (text.startsWith("-")) {
            int space = text.indexOf(' ');
            code = space < 0 ? "ERR" : text.substring(1, space);
            message = space < 0 ? text.substring(1) : text.substring(space + 1);
        } else {
            code = "ERR";
            message = text;
        }
        int end = message.length();
        while (end > 0 && (message.charAt(end - 1) == '\r' || message.charAt(end - 1) == '\n')) {
            end--;
        }
        int start = 0;
        while (start < end && (message.charAt(start) == '\r' || message.charAt(start) == '\n')) {
            start++;
        }
        return singleField(ERR, LuaValue.valueOf(code + " " + message.substring(start, end)));
    }

    // ---- Lua → RESP ------------------------------------------------------------------------------

    /** A Lua value as the reply to the client, for a script in RESP2 mode. */
    static void write(LuaValue v, Reply reply) {
        write(v, reply, 2, 0);
    }

    /**
     * luaReplyToRedisReply: numbers truncate, arrays stop at the first nil; booleans follow the
     * script's protocol (redis.setresp): RESP2 true → 1 and false → nil, RESP3 a boolean; the
     * RESP3 tables ({map=}, {set=}, {double=}, ...) are written in the client's protocol.
     */
    static void write(LuaValue v, Reply reply, int scriptResp, int depth) {
        if (depth > MAX_DEPTH) {
            reply.error("ERR reached lua stack limit");
            return;
        }
        switch (v.type()) {
            case LuaValue.TNUMBER -> reply.integer((long) v.todouble());
            case LuaValue.TSTRING -> reply.bulk(bytes(v));
            case LuaValue.TBOOLEAN -> {
                if (scriptResp == 3) {
                    reply.bool(v.toboolean());
                } else if (v.toboolean()) {
                    reply.integer(1);
                } else {
                    reply.nullBulk();
                }
            }
            case LuaValue.TTABLE -> writeTable((LuaTable) v, reply, scriptResp, depth);
            default -> reply.nullBulk();
        }
    }

    private static void writeTable(LuaTable t, Reply reply, int scriptResp, int depth) {
        LuaValue err = t.rawget(ERR);
        if (err.isstring()) {
            reply.error(err.tojstring());
            return;
        }
        LuaValue ok = t.rawget(OK);
        if (ok.isstring()) {
            reply.simple(ok.tojstring().replace('\r', ' ').replace('\n', ' '));
            return;
        }
        LuaValue d = t.rawget(DOUBLE);
        if (d.type() == LuaValue.TNUMBER) {
            reply.doubleValue(d.todouble());
            return;
        }
        LuaValue big = t.rawget(BIG_NUMBER);
        if (big.type() == LuaValue.TSTRING) {
            reply.bigNumber(big.tojstring().replace('\r', ' ').replace('\n', ' '));
            return;
        }
        LuaValue verbatim = t.rawget(VERBATIM);
        if (verbatim.istable()) {
            LuaValue format = verbatim.rawget(FORMAT);
            LuaValue text = verbatim.rawget(STRING);
            if (format.type() == LuaValue.TSTRING && text.type() == LuaValue.TSTRING) {
                reply.verbatim(format.tojstring(), bytes(text));
                return;
            }
        }
        LuaValue map = t.rawget(MAP);
        if (map.istable()) {
            List<org.luaj.vm2.Varargs> entries = LuaEnvironment.entries(map);
            reply.mapHeader(entries.size());
            for (org.luaj.vm2.Varargs e : entries) {
                write(e.arg1(), reply, scriptResp, depth + 1);
                write(e.arg(2), reply, scriptResp, depth + 1);
            }
            return;
        }
        LuaValue set = t.rawget(SET);
        if (set.istable()) {
            List<org.luaj.vm2.Varargs> entries = LuaEnvironment.entries(set);
            reply.setHeader(entries.size());
            for (org.luaj.vm2.Varargs e : entries) {
                write(e.arg1(), reply, scriptResp, depth + 1);
            }
            return;
        }
        int n = 0;
        while (!t.rawget(n + 1).isnil()) {
            n++;
        }
        reply.arrayHeader(n);
        for (int i = 1; i <= n; i++) {
            write(t.rawget(i), reply, scriptResp, depth + 1);
        }
    }

    static byte[] bytes(LuaValue v) {
        LuaString s = v.checkstring();
        byte[] out = new byte[s.m_length];
        System.arraycopy(s.m_bytes, s.m_offset, out, 0, s.m_length);
        return out;
    }

    static String text(LuaValue v) {
        return new String(bytes(v), StandardCharsets.UTF_8);
    }
}
