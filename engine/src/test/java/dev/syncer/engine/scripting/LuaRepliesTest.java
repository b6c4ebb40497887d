package dev.syncer.engine.scripting;

import dev.syncer.engine.resp.Reply;
import dev.syncer.engine.resp.RespReplyParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

import java.nio.charset.StandardCharsets;
import java.util.List;

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

    @Test
    void repliesBecomeLuaValuesAsRedisDocuments() {
        assertThat(LuaReplies.toLua(null)).isEqualTo(LuaValue.FALSE);
        assertThat(LuaReplies.toLua(7L).todouble()).isEqualTo(7.0);
        assertThat(LuaReplies.toLua("OK").get("ok").tojstring()).isEqualTo("OK");
        assertThat(LuaReplies.toLua(new RespReplyParser.Error("ERR x")).get("err").tojstring()).isEqualTo("ERR x");
        LuaValue array = LuaReplies.toLua(List.of("a".getBytes(), 2L));
        assertThat(array.get(1).tojstring()).isEqualTo("a");
        assertThat(array.get(2).toint()).isEqualTo(2);
    }

    @Test
    void numberArgumentsAreFormattedAsLua51Does() {
        assertThat(RedisLib.numberText(3)).isEqualTo("3");
        assertThat(RedisLib.numberText(0.5)).isEqualTo("0.5");
        assertThat(RedisLib.numberText(-12)).isEqualTo("-12");
    }

    @Test
    void luajSyntaxErrorsAreWordedAsLua51s() {
        assertThat(LuaEnvironment.syntaxMessage("[string \"user_script\"]:1: unexpected symbol 286 (x)", "user_script"))
                .isEqualTo("user_script:1: unexpected symbol near '<eof>'");
        assertThat(LuaEnvironment.syntaxMessage("[string \"user_script\"]:1: unexpected symbol 43 (+)", "user_script"))
                .isEqualTo("user_script:1: unexpected symbol near '+'");
    }
}
