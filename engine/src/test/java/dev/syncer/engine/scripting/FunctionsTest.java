package dev.syncer.engine.scripting;

import dev.syncer.engine.command.CommandError;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Function libraries: the "#!lua" line, registration, and all-or-nothing changes, with Redis's error texts. */
class FunctionsTest {

    private final List<String> called = new ArrayList<>();
    private final Functions functions = new Functions(new FunctionEngine(new RedisLib(argv -> {
        called.add(new String(argv[0], StandardCharsets.UTF_8));
        return LuaValue.valueOf(7);
    })));

    private static byte[] lib(String name, String body) {
        return ("#!lua name=" + name + "\n" + body).getBytes(StandardCharsets.UTF_8);
    }

    private String load(String code) {
        return functions.load(code.getBytes(StandardCharsets.UTF_8), false, FunctionEngine.LOAD_TIMEOUT_MILLIS);
    }

    private static String error(Runnable r) {
        try {
            r.run();
        } catch (CommandError e) {
            return e.getMessage();
        }
        throw new AssertionError("no error");
    }

    @Test
    void theFirstLineNamesTheLibrary() {
        assertThat(Functions.metadata(lib("mylib", "x")).name()).isEqualTo("mylib");
        assertThat(error(() -> Functions.metadata("return 1".getBytes()))).isEqualTo("ERR Missing library metadata");
        assertThat(error(() -> Functions.metadata("#!lua name=x".getBytes()))).isEqualTo("ERR Invalid library metadata");
        assertThat(error(() -> Functions.metadata("#!lua\n".getBytes()))).isEqualTo("ERR Library name was not given");
        assertThat(error(() -> Functions.metadata("#!lua name=a name=b\n".getBytes())))
                .isEqualTo("ERR Invalid metadata value, name argument was given multiple times");
        assertThat(error(() -> Functions.metadata("#!lua foo=bar\n".getBytes())))
                .isEqualTo("ERR Invalid metadata value given: foo=bar");
        assertThat(error(() -> load("#!js name=x\nfoo()"))).isEqualTo("ERR Engine 'js' not found");
        assertThat(error(() -> load("#!lua name=a-b\n"))).startsWith("ERR Library names can only contain letters");
    }

    @Test
    void aLoadedFunctionRunsWithKeysAndArgsAsArguments() {
        assertThat(load("#!lua name=lib\nredis.register_function('f', function(keys, args)"
                + " return redis.call('incr', keys[1]) + #args end)")).isEqualTo("lib");
        FunctionLibrary.Function f = functions.function("f");
        LuaValue result = new FunctionEngine(new RedisLib(argv -> LuaValue.valueOf(1))).lua()
                .call(f.callback(), new byte[][] {"fcall".getBytes(), "f".getBytes(), "1".getBytes(),
                        "k".getBytes(), "a".getBytes(), "b".getBytes()}, 3, 1);
        assertThat(result.toint()).isEqualTo(9);
        assertThat(called).containsExactly("incr");
    }

    @Test
    void namedRegistrationKeepsDescriptionAndFlags() {
        load("#!lua name=lib\nredis.register_function{function_name='g', callback=function() return 1 end,"
                + " flags={'no-writes', 'ALLOW-STALE'}, description='reads only'}");
        FunctionLibrary.Function g = functions.function("g");
        assertThat(g.description()).isEqualTo("reads only");
        assertThat(g.flags()).containsExactly(ScriptFlag.NO_WRITES, ScriptFlag.ALLOW_STALE);
    }

    @Test
    void registrationErrorsAreRedisTexts() {
        assertThat(error(() -> load("#!lua name=lib\nreturn 1"))).isEqualTo("ERR No functions registered");
        assertThat(error(() -> load("#!lua name=lib\nredis.register_function('f', 1)")))
                .contains("second argument to redis.register_function must be a function");
        assertThat(error(() -> load("#!lua name=lib\nredis.register_function{function_name='f',"
                + " callback=function() end, flags={'bogus'}}"))).contains("unknown flag given");
        assertThat(error(() -> load("#!lua name=lib\nredis.register_function{callback=function() end}")))
                .contains("redis.register_function must get a function name argument");
        assertThat(error(() -> load("#!lua name=lib\nredis.register_function('f', function() end)"
                + " redis.register_function('f', function() end)")))
                .contains("Function already exists in the library");
        assertThat(error(() -> load("#!lua name=lib\nx = 1")))
                .isEqualTo("ERR Error registering functions: user_function:2: Attempt to modify a readonly table");
        assertThat(error(() -> load("#!lua name=lib\nredis.call('ping')")))
                .isEqualTo("ERR Error registering functions: user_function:2: Script attempted to access"
                        + " nonexistent global variable 'call'"); // only register_function and log while loading
        assertThat(error(() -> load("#!lua name=lib\nredis.x = 1")))
                .isEqualTo("ERR Error registering functions: user_function:2: Attempt to modify a readonly table");
        assertThat(error(() -> load("#!lua name=lib\nreturn 1 +")))
                .isEqualTo("ERR Error compiling function: user_function:2: unexpected symbol near '<eof>'");
        assertThat(functions.libraries()).isEmpty();
    }

    @Test
    void aLoadThatNeverEndsIsStoppedAtTheLoadTimeout() {
        assertThat(error(() -> load("#!lua name=lib\nwhile true do end")))
                .isEqualTo("ERR Error registering functions: FUNCTION LOAD timeout");
    }

    @Test
    void clashesLeaveTheLibrariesAsTheyWere() {
        load("#!lua name=a\nredis.register_function('f', function() return 1 end)");
        assertThat(error(() -> load("#!lua name=a\nredis.register_function('g', function() end)")))
                .isEqualTo("ERR Library 'a' already exists");
        assertThat(error(() -> load("#!lua name=b\nredis.register_function('f', function() end)")))
                .isEqualTo("ERR Function f already exists");
        functions.load(lib("a", "redis.register_function('g', function() end)"), true, 0);
        assertThat(functions.function("f")).isNull();
        assertThat(functions.function("G")).isNotNull(); // function names are case-insensitive
        assertThat(error(() -> functions.delete("zz"))).isEqualTo("ERR Library not found");
    }

    @Test
    void restorePoliciesAppendReplaceAndFlush() {
        load("#!lua name=a\nredis.register_function('f', function() return 1 end)");
        List<byte[]> other = List.of(lib("a", "redis.register_function('f2', function() end)"),
                lib("b", "redis.register_function('h', function() end)"));
        assertThat(error(() -> functions.restore(other, Functions.RestorePolicy.APPEND)))
                .isEqualTo("ERR Library a already exists");
        assertThat(functions.libraries()).extracting(FunctionLibrary::name).containsExactly("a");
        functions.restore(other, Functions.RestorePolicy.REPLACE);
        assertThat(functions.function("f")).isNull();
        assertThat(functions.function("h")).isNotNull();
        functions.restore(List.of(lib("c", "redis.register_function('i', function() end)")),
                Functions.RestorePolicy.FLUSH);
        assertThat(functions.libraries()).extracting(FunctionLibrary::name).containsExactly("c");
        assertThat(error(() -> functions.restore(List.of(lib("d", "broken(")), Functions.RestorePolicy.FLUSH)))
                .startsWith("ERR Error compiling function");
        assertThat(functions.libraries()).extracting(FunctionLibrary::name).containsExactly("c");
    }

    @Test
    void registerFunctionOutsideALoadIsRefused() {
        load("#!lua name=a\nlocal r = redis\nredis.register_function('f', function()"
                + " r.register_function('g', function() end) end)");
        LuaValue callback = functions.function("f").callback();
        assertThatThrownBy(callback::call).hasMessageContaining(
                "redis.register_function can only be called on FUNCTION LOAD command");
    }
}
