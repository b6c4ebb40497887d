package dev.syncer.engine.scripting;

import dev.syncer.engine.command.CommandError;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.ThreeArgFunction;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The Lua engine of Redis Functions (function_lua.c): its own Lua state, apart from EVAL's, and one
 * global table every library's code is compiled against. While a library loads, that table's
 * misses go to a small API ({@code redis.register_function}, {@code redis.log}, the constants);
 * while a function runs, to the full scripting globals. Both refuse new globals, as Redis does.
 */
final class FunctionEngine {

    /** Redis's LOAD_TIMEOUT_MS: a library's top level only registers functions. */
    static final long LOAD_TIMEOUT_MILLIS = 500;

    private final LuaEnvironment lua;
    private final Globals env = new Globals();
    private final LuaTable envMeta = new LuaTable();
    private final LuaTable loadApi = new LuaTable();
    private FunctionLibrary loading;

    FunctionEngine(RedisLib runtime) {
        this.lua = new LuaEnvironment(runtime);
        env.debuglib = lua.hook(); // the timeout and error positions apply to functions as to EVAL
        envMeta.rawset(LuaValue.INDEX, lua.globals());
        envMeta.rawset(LuaValue.NEWINDEX, new ThreeArgFunction() {
            @Override
            public LuaValue call(LuaValue t, LuaValue name, LuaValue value) {
                throw new LuaError("Attempt to modify a readonly table");
            }
        });
        env.setmetatable(envMeta);
        LuaTable redis = new LuaTable();
        redis.rawset("register_function", registerFunction());
        redis.rawset("log", RedisLib.log());
        RedisLib.constants(redis);
        loadApi.rawset("redis", readOnlyView(redis));
        loadApi.setmetatable(errorMeta(null));
    }

    /** Misses raise Redis's nonexistent-global error; with a backing table, hits read through and writes fail. */
    private static LuaTable errorMeta(LuaTable backing) {
        LuaTable meta = new LuaTable();
        meta.rawset(LuaValue.INDEX, new TwoArgFunction() {
            @Override
            public LuaValue call(LuaValue t, LuaValue name) {
                LuaValue v = backing == null ? LuaValue.NIL : backing.rawget(name);
                if (v.isnil()) {
                    throw new LuaError("Script attempted to access nonexistent global variable '" + name.tojstring() + "'");
                }
                return v;
            }
        });
        meta.rawset(LuaValue.NEWINDEX, new ThreeArgFunction() {
            @Override
            public LuaValue call(LuaValue t, LuaValue name, LuaValue value) {
                throw new LuaError("Attempt to modify a readonly table");
            }
        });
        return meta;
    }

    /**
     * An empty table reading through to {@code t}: LuaJ has no read-only tables (Redis's Lua is
     * patched for them), and __newindex only fires for absent keys, so the view holds none.
     */
    private static LuaTable readOnlyView(LuaTable t) {
        LuaTable view = new LuaTable();
        view.setmetatable(errorMeta(t));
        return view;
    }

    LuaEnvironment lua() {
        return lua;
    }

    /**
     * luaEngineCreate: compiles a library's body (the code after its "#!lua" line, which is left
     * as an empty line so line numbers match) and runs it so it registers its functions.
     * Throws CommandError with Redis's text; nothing is kept on failure.
     */
    FunctionLibrary create(String name, byte[] code, int bodyStart, long timeoutMillis) {
        FunctionLibrary library = new FunctionLibrary(name, code);
        String body = new String(code, bodyStart, code.length - bodyStart, StandardCharsets.ISO_8859_1);
        LuaValue chunk;
        try {
            chunk = lua.compile(body, "user_function", env);
        } catch (LuaError e) {
            throw new CommandError("ERR Error compiling function: " + e.getMessage());
        }
        envMeta.rawset(LuaValue.INDEX, loadApi);
        loading = library;
        lua.hook().reset();
        long deadline = timeoutMillis <= 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutMillis * 1_000_000;
        lua.hook().interrupt(() -> {
            if (System.nanoTime() > deadline) {
                throw new ScriptHook.ScriptTimeout(); // a library's top level never pauses (Redis: 500 ms)
            }
        });
        try {
            chunk.call();
        } catch (ScriptHook.ScriptTimeout e) {
            throw new CommandError("ERR Error registering functions: FUNCTION LOAD timeout");
        } catch (LuaError e) {
            throw new CommandError("ERR Error registering functions: " + loadErrorText(e));
        } catch (StackOverflowError e) {
            throw new CommandError("ERR Error registering functions: stack overflow");
        } finally {
            loading = null;
            envMeta.rawset(LuaValue.INDEX, lua.globals());
        }
        if (library.functions().isEmpty()) {
            throw new CommandError("ERR No functions registered");
        }
        return library;
    }

    private static String loadErrorText(LuaError e) {
        LuaValue raised = e.getMessageObject();
        if (raised != null && raised.istable() && ((LuaTable) raised).rawget(LuaReplies.ERR).isstring()) {
            return ((LuaTable) raised).rawget(LuaReplies.ERR).tojstring();
        }
        String where = ScriptError.fileline(e);
        String message = raised == null ? String.valueOf(e.getMessage()) : raised.tojstring();
        if (where != null && message.startsWith(where + " ")) {
            message = message.substring(where.length() + 1); // LuaJ's "source:line msg"; Lua's has a colon
        }
        return (where == null ? message : where + ": " + message).stripTrailing();
    }

    /** redis.register_function(name, callback) or redis.register_function{function_name=, callback=, flags=, description=}. */
    private VarArgFunction registerFunction() {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                if (loading == null) {
                    throw new LuaError("redis.register_function can only be called on FUNCTION LOAD command");
                }
                FunctionLibrary.Function f = switch (args.narg()) {
                    case 1 -> namedArgs(args.arg1());
                    case 2 -> positionalArgs(args.arg1(), args.arg(2));
                    default -> throw new LuaError("wrong number of arguments to redis.register_function");
                };
                if (!FunctionLibrary.validName(f.name())) {
                    throw new LuaError("Library names can only contain letters, numbers, or underscores(_)"
                            + " and must be at least one character long");
                }
                if (loading.functions().containsKey(f.name())) {
                    throw new LuaError("Function already exists in the library");
                }
                loading.functions().put(f.name(), f);
                return LuaValue.NONE;
            }
        };
    }

    private FunctionLibrary.Function positionalArgs(LuaValue name, LuaValue callback) {
        if (!name.isstring()) {
            throw new LuaError("first argument to redis.register_function must be a string");
        }
        if (!callback.isfunction()) {
            throw new LuaError("second argument to redis.register_function must be a function");
        }
        return new FunctionLibrary.Function(name.tojstring(), null, Set.of(), callback, loading.name());
    }

    private FunctionLibrary.Function namedArgs(LuaValue arg) {
        if (!arg.istable()) {
            throw new LuaError("calling redis.register_function with a single argument is only applicable to"
                    + " Lua table (representing named arguments).");
        }
        String name = null;
        String description = null;
        LuaValue callback = null;
        Set<ScriptFlag> flags = EnumSet.noneOf(ScriptFlag.class);
        for (Varargs entry : LuaEnvironment.entries(arg)) {
            LuaValue k = entry.arg1();
            LuaValue v = entry.arg(2);
            if (!k.isstring()) {
                throw new LuaError("named argument key given to redis.register_function is not a string");
            }
            switch (k.tojstring().toLowerCase(Locale.ROOT)) {
                case "function_name" -> {
                    if (!v.isstring()) {
                        throw new LuaError("function_name argument given to redis.register_function must be a string");
                    }
                    name = v.tojstring();
                }
                case "description" -> {
                    if (!v.isstring()) {
                        throw new LuaError("description argument given to redis.register_function must be a string");
                    }
                    description = v.tojstring();
                }
                case "callback" -> {
                    if (!v.isfunction()) {
                        throw new LuaError("callback argument given to redis.register_function must be a function");
                    }
                    callback = v;
                }
                case "flags" -> {
                    if (!v.istable()) {
                        throw new LuaError("flags argument to redis.register_function must be a table representing"
                                + " function flags");
                    }
                    flags = flags(v);
                }
                default -> throw new LuaError("unknown argument given to redis.register_function");
            }
        }
        if (name == null) {
            throw new LuaError("redis.register_function must get a function name argument");
        }
        if (callback == null) {
            throw new LuaError("redis.register_function must get a callback argument");
        }
        return new FunctionLibrary.Function(name, description, flags, callback, loading.name());
    }

    private static Set<ScriptFlag> flags(LuaValue table) {
        Set<ScriptFlag> flags = EnumSet.noneOf(ScriptFlag.class);
        for (int i = 1; ; i++) {
            LuaValue v = table.get(i);
            if (v.isnil()) {
                return flags;
            }
            ScriptFlag f = v.isstring() ? ScriptFlag.named(v.tojstring()) : null;
            if (f == null) {
                throw new LuaError("unknown flag given");
            }
            flags.add(f);
        }
    }
}
