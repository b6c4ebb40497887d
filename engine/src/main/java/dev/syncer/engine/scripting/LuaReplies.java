package dev.syncer.engine.scripting;

import dev.syncer.engine.resp.Reply;
import dev.syncer.engine.resp.RespReplyParser;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

import java.util.List;

/**
 * The conversions between RESP2 and Lua that Redis documents (script_lua.c's
 * redisProtocolToLuaType and luaReplyToRedisReply).
 */
final class LuaReplies {

    static final LuaValue ERR = LuaValue.valueOf("err");
    static final LuaValue OK = LuaValue.valueOf("ok");

    private LuaReplies() {
    }

    /** A parsed reply as Lua sees it: integer → number, bulk → string, nil → false, status → {ok=}, error → {err=}. */
    static LuaValue toLua(Object reply) {
        if (reply == null) {
            return LuaValue.FALSE;
        }
        if (reply instanceof Long n) {
            return LuaValue.valueOf((double) n);
        }
        if (reply instanceof byte[] bulk) {
            return LuaValue.valueOf(bulk);
        }
        if (reply instanceof String status) {
            return singleField(OK, LuaValue.valueOf(status));
        }
        if (reply instanceof RespReplyParser.Error error) {
            return singleField(ERR, LuaValue.valueOf(error.message()));
        }
        List<?> items = (List<?>) reply;
        LuaTable t = new LuaTable(items.size(), 0);
        for (int i = 0; i < items.size(); i++) {
            t.rawset(i + 1, toLua(items.get(i)));
        }
        return t;
    }

    static LuaTable singleField(LuaValue name, LuaValue value) {
        LuaTable t = new LuaTable();
        t.rawset(name, value);
        return t;
    }

    /** A Lua value as the reply to the client: numbers truncate, false → nil, arrays stop at the first nil. */
    static void write(LuaValue v, Reply reply) {
        switch (v.type()) {
            case LuaValue.TNUMBER -> reply.integer((long) v.todouble());
            case LuaValue.TSTRING -> reply.bulk(bytes(v));
            case LuaValue.TBOOLEAN -> {
                if (v.toboolean()) {
                    reply.integer(1);
                } else {
                    reply.nullBulk();
                }
            }
            case LuaValue.TTABLE -> writeTable((LuaTable) v, reply);
            default -> reply.nullBulk();
        }
    }

    private static void writeTable(LuaTable t, Reply reply) {
        LuaValue err = t.rawget(ERR);
        if (err.isstring()) {
            reply.error(err.tojstring());
            return;
        }
        LuaValue ok = t.rawget(OK);
        if (ok.isstring()) {
            reply.simple(ok.tojstring());
            return;
        }
        int n = 0;
        while (!t.rawget(n + 1).isnil()) {
            n++;
        }
        reply.arrayHeader(n);
        for (int i = 1; i <= n; i++) {
            write(t.rawget(i), reply);
        }
    }

    static byte[] bytes(LuaValue v) {
        org.luaj.vm2.LuaString s = v.checkstring();
        byte[] out = new byte[s.m_length];
        System.arraycopy(s.m_bytes, s.m_offset, out, 0, s.m_length);
        return out;
    }
}
