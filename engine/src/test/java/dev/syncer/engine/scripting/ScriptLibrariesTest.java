package dev.syncer.engine.scripting;

import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The libraries Redis loads into its Lua state, run as a script runs them (no shard needed). */
class ScriptLibrariesTest {

    private final LuaEnvironment lua = new LuaEnvironment(new RedisLib(argv -> LuaValue.NIL));

    private LuaValue run(String body) {
        return lua.run(lua.compile(body, "user_script"), new byte[0][], 0, 0);
    }

    @Test
    void cjsonEncodesArraysObjectsAndScalarsAsLuaCjson() {
        assertThat(run("return cjson.encode({1, 2, 'a/b'})").tojstring()).isEqualTo("[1,2,\"a\\/b\"]");
        assertThat(run("return cjson.encode({k = true})").tojstring()).isEqualTo("{\"k\":true}");
        assertThat(run("return cjson.encode({})").tojstring()).isEqualTo("{}");
        assertThat(run("return cjson.encode({[1] = 'a', [3] = 'c'})").tojstring()).isEqualTo("[\"a\",null,\"c\"]");
        assertThat(run("return cjson.encode(0.1)").tojstring()).isEqualTo("0.1");
        assertThatThrownBy(() -> run("return cjson.encode({[1000] = 1})")).isInstanceOf(LuaError.class)
                .hasMessageContaining("excessively sparse array");
        assertThatThrownBy(() -> run("return cjson.encode({[false] = 1})")).hasMessageContaining("table key must be a number or string");
        assertThatThrownBy(() -> run("return cjson.encode({0/0})")).hasMessageContaining("must not be NaN or Inf");
    }

    @Test
    void cjsonDecodesAndKeepsItsDepthLimits() {
        assertThat(run("return table.concat(cjson.decode('[0.0, -5e3, -1, 0.3e-3, 1023.2, 0e10]'), ' ')").tojstring())
                .isEqualTo("0 -5000 -1 0.0003 1023.2 0");
        assertThat(run("local d = cjson.decode('{\"a\": \"\\\\u00e9\", \"n\": null}') return {d.a, d.n == cjson.null}").get(1)
                .tojstring()).isEqualTo("é");
        assertThatThrownBy(() -> run("cjson.decode_max_depth(1) return cjson.decode('[[1]]')"))
                .hasMessageContaining("Found too many nested data structures (2)");
        assertThatThrownBy(() -> run("return cjson.decode('[1,')")).hasMessageContaining("at character");
    }

    private String hex(String expression) {
        return run("local e = " + expression + " local h = '' for i = 1, #e do h = h .. string.format('%02x', string.byte(e, i)) end return h")
                .tojstring();
    }

    @Test
    void cmsgpackPacksAsLuaCmsgpack() {
        assertThat(hex("cmsgpack.pack(0.1)")).isEqualTo("cb3fb999999999999a");
        assertThat(hex("cmsgpack.pack(-1099511627776)")).isEqualTo("d3ffffff0000000000");
        assertThat(hex("cmsgpack.pack(1, -1, 200, 'ab', true, nil)")).isEqualTo("01ffccc8a26162c3c0");
        assertThat(hex("cmsgpack.pack({1, 2})")).isEqualTo("920102");
        assertThat(hex("cmsgpack.pack(0.5)")).isEqualTo("ca3f000000");
    }

    @Test
    void cmsgpackUnpacksWhatItPacked() {
        assertThat(run("local t = cmsgpack.unpack(cmsgpack.pack({a = 1, b = {1, 2, 3}})) return t.b[3] + t.a").toint()).isEqualTo(4);
        assertThat(run("local s = cmsgpack.pack('x', 'y') local o, v = cmsgpack.unpack_limit(s, 1, 0) "
                + "local o2, v2 = cmsgpack.unpack_one(s, o) return {o, v, o2, v2}").get(2).tojstring()).isEqualTo("x");
        assertThat(run("local s = cmsgpack.pack('x', 'y') local o, v = cmsgpack.unpack_one(s, 2) return o").toint()).isEqualTo(-1);
        assertThatThrownBy(() -> run("return cmsgpack.unpack('\\205')")).hasMessageContaining("Missing bytes in input.");
        assertThat(run("local a = {y = 5} a.x = a return cmsgpack.unpack(cmsgpack.pack(a)).x.x.y").toint()).isEqualTo(5);
    }

    @Test
    void structPacksUnpacksAndSizes() {
        assertThat(hex("struct.pack('>I2', 258)")).isEqualTo("0102");
        assertThat(hex("struct.pack('<i4', -2)")).isEqualTo("feffffff");
        assertThat(run("return {struct.unpack('>hB', struct.pack('>hB', -3, 250))}").get(1).toint()).isEqualTo(-3);
        assertThat(run("return {struct.unpack('>hB', struct.pack('>hB', -3, 250))}").get(3).toint()).isEqualTo(4);
        assertThat(run("return struct.unpack('s', struct.pack('s', 'abc'))").tojstring()).isEqualTo("abc");
        assertThat(run("return struct.size('!4bi')").toint()).isEqualTo(8);
        assertThatThrownBy(() -> run("return struct.pack('q', 1)")).hasMessageContaining("invalid format option 'q'");
    }

    @Test
    void theLibrariesAreReadOnly() {
        for (String library : new String[] {"cjson", "cmsgpack", "struct", "bit"}) {
            assertThatThrownBy(() -> run(library + ".x = 1")).hasMessageContaining("Attempt to modify a readonly table");
        }
    }

    @Test
    void bitTohexTakesTheMostNegativeWidth() {
        assertThat(run("return bit.tohex(65535, -2147483648)").tojstring()).isEqualTo("0000FFFF");
    }

    @Test
    void unpackRefusesHugeRangesAndPcallTextsReadAsLua51() {
        assertThatThrownBy(() -> run("return {unpack({1, 2, 3}, 0, 2147483647)}")).hasMessageContaining("too many results to unpack");
        assertThat(run("local ok, e = pcall(function() return foo end) return e").tojstring())
                .isEqualTo("user_script:1: Script attempted to access nonexistent global variable 'foo'");
        assertThat(run("return loadstring(string.dump(function() return 1 end))").isnil()).isTrue();
    }
}
