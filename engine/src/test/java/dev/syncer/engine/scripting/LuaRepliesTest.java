package dev.syncer.engine.scripting;

import dev.syncer.engine.resp.Reply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LuaRepliesTest {

    private static String reply(LuaValue v) {
        ByteBuf buf = Unpooled.buffer();
        LuaReplies.write(v, new Reply(buf));
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void numbersTruncateTowardZeroAndFalseIsNil() {
        assertThat(reply(LuaValue.valueOf(3.99))).isEqualTo(":3\r\n");
        assertThat(reply(LuaValue.valueOf(-2.5))).isEqualTo(":-2\r\n");
        assertThat(reply(LuaValue.FALSE)).isEqualTo("$-1\r\n");
        assertThat(reply(LuaValue.TRUE)).isEqualTo(":1\r\n");
    }

    @Test
    void anArrayStopsAtItsFirstNil() {
        LuaTable t = new LuaTable();
        t.rawset(1, LuaValue.valueOf("a"));
        t.rawset(3, LuaValue.valueOf("c"));
        assertThat(reply(t)).isEqualTo("*1\r\n$1\r\na\r\n");
    }

    @Test
    void errAndOkFieldsBecomeErrorAndStatusReplies() {
        assertThat(reply(LuaReplies.singleField(LuaReplies.ERR, LuaValue.valueOf("MY fail")))).isEqualTo("-MY fail\r\n");
        assertThat(reply(LuaReplies.singleField(LuaReplies.OK, LuaValue.valueOf("FINE")))).isEqualTo("+FINE\r\n");
    }

    private static LuaValue lua(String resp) {
        return LuaReplies.read(Unpooled.copiedBuffer(resp, StandardCharsets.ISO_8859_1));
    }

    private static String reply(LuaValue v, int scriptResp, int clientResp) {
        ByteBuf buf = Unpooled.buffer();
        LuaReplies.write(v, new Reply(buf, clientResp), scriptResp, 0);
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void resp2RepliesBecomeLuaValuesAsRedisDocuments() {
        assertThat(lua("$-1\r\n")).isEqualTo(LuaValue.FALSE);
        assertThat(lua("*-1\r\n")).isEqualTo(LuaValue.FALSE);
        assertThat(lua(":-7\r\n").todouble()).isEqualTo(-7.0);
        assertThat(lua("+OK\r\n").get("ok").tojstring()).isEqualTo("OK");
        assertThat(lua("-ERR x\r\n").get("err").tojstring()).isEqualTo("ERR x");
        LuaValue array = lua("*2\r\n$1\r\na\r\n:2\r\n");
        assertThat(array.get(1).tojstring()).isEqualTo("a");
        assertThat(array.get(2).toint()).isEqualTo(2);
    }

    @Test
    void resp3RepliesBecomeRedisTables() {
        assertThat(lua("_\r\n").isnil()).isTrue();
        assertThat(lua("#t\r\n")).isEqualTo(LuaValue.TRUE);
        assertThat(lua(",3.5\r\n").get("double").todouble()).isEqualTo(3.5);
        assertThat(lua("(123\r\n").get("big_number").tojstring()).isEqualTo("123");
        LuaValue verbatim = lua("=9\r\ntxt:hello\r\n").get("verbatim_string");
        assertThat(verbatim.get("format").tojstring()).isEqualTo("txt");
        assertThat(verbatim.get("string").tojstring()).isEqualTo("hello");
        assertThat(lua("%1\r\n$1\r\nk\r\n:1\r\n").get("map").get("k").toint()).isEqualTo(1);
        assertThat(lua("~1\r\n$1\r\nm\r\n").get("set").get("m")).isEqualTo(LuaValue.TRUE);
        assertThat(lua("|1\r\n$1\r\na\r\n:1\r\n$4\r\nreal\r\n").tojstring()).isEqualTo("real");
    }

    @Test
    void resp3TablesAreWrittenInTheClientsProtocol() {
        LuaValue map = LuaReplies.singleField(LuaValue.valueOf("map"), LuaReplies.singleField(LuaValue.valueOf("k"), LuaValue.valueOf(1)));
        assertThat(reply(map, 3, 3)).isEqualTo("%1\r\n$1\r\nk\r\n:1\r\n");
        assertThat(reply(map, 3, 2)).isEqualTo("*2\r\n$1\r\nk\r\n:1\r\n");
        LuaValue big = LuaReplies.singleField(LuaValue.valueOf("big_number"), LuaValue.valueOf("12\r\n3"));
        assertThat(reply(big, 2, 2)).isEqualTo("$5\r\n12  3\r\n");
        assertThat(reply(LuaValue.TRUE, 3, 3)).isEqualTo("#t\r\n");
        assertThat(reply(LuaValue.FALSE, 2, 3)).isEqualTo("_\r\n");
    }

    @Test
    void aTableNestedPastTheLimitEndsInAnError() {
        LuaTable a = new LuaTable();
        LuaTable b = new LuaTable();
        a.rawset(1, b);
        b.rawset(1, a);
        String out = reply(a);
        assertThat(out).startsWith("*1\r\n*1\r\n").endsWith("-ERR reached lua stack limit\r\n");
    }

    @Test
    void errorTablesTakeTheirCodeOrErr() {
        assertThat(LuaReplies.errorTable("-MY_CODE custom msg").get("err").tojstring()).isEqualTo("MY_CODE custom msg");
        assertThat(LuaReplies.errorTable("plain words\r\n").get("err").tojstring()).isEqualTo("ERR plain words");
    }

    @Test
    void numberArgumentsAreFormattedAsRedis70Does() {
        assertThat(RedisLib.numberText(3)).isEqualTo("3");
        assertThat(RedisLib.numberText(0.5)).isEqualTo("0.5");
        assertThat(RedisLib.numberText(-12)).isEqualTo("-12");
        assertThat(RedisLib.numberText(9007199254740991.0)).isEqualTo("9007199254740991");
        assertThat(RedisLib.numberText(0.1)).isEqualTo("0.10000000000000001");
        assertThat(RedisLib.formatG(0.0003, 14)).isEqualTo("0.0003");
        assertThat(RedisLib.formatG(1e20, 14)).isEqualTo("1e+20");
        assertThat(RedisLib.formatG(-5e-7, 14)).isEqualTo("-5e-07");
    }

    @Test
    void luajSyntaxErrorsAreWordedAsLua51s() {
        assertThat(LuaEnvironment.syntaxMessage("[string \"user_script\"]:1: unexpected symbol 286 (x)", "user_script"))
                .isEqualTo("user_script:1: unexpected symbol near '<eof>'");
        assertThat(LuaEnvironment.syntaxMessage("[string \"user_script\"]:1: unexpected symbol 43 (+)", "user_script"))
                .isEqualTo("user_script:1: unexpected symbol near '+'");
    }
}
