package dev.syncer.engine.scripting;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.jse.JseBaseLib;
import org.luaj.vm2.lib.jse.JseMathLib;

/**
 * One Lua state as Redis sets it up (script_lua.c's luaEnvInit): the base, table, string and math
 * libraries (no io, os or package loading), the 5.1 names Redis scripts use, the {@code redis}
 * table, and the global table made read-only with Redis's error texts.
 */
final class LuaEnvironment {

    private final Globals globals = new Globals();
    private final ScriptHook hook = new ScriptHook();

    LuaEnvironment(RedisLib redis) {
        globals.load(new JseBaseLib());
        globals.load(new PackageLib());
        globals.load(new TableLib());
        globals.load(new StringLib());
        globals.load(new JseMathLib());
        LoadState.install(globals);
        LuaC.install(globals);
        LuaTable table = (LuaTable) globals.get("table");
        globals.rawset("unpack", table.get("unpack")); // Lua 5.1 has unpack global
        globals.rawset("loadstring", globals.get("load"));
        for (String hidden : new String[] {"dofile", "loadfile", "require", "module", "package", "collectgarbage"}) {
            globals.rawset(hidden, LuaValue.NIL);
        }
        globals.rawset("redis", redis.table());
        globals.rawset("bit", BitLib.table());
        protectGlobals();
        globals.debuglib = hook; // only the position hook: the debug library stays out of reach
    }

    ScriptHook hook() {
        return hook;
    }

    private void protectGlobals() {
        LuaTable meta = new LuaTable();
        meta.rawset(LuaValue.INDEX, new TwoArgFunction() {
            @Override
            public LuaValue call(LuaValue t, LuaValue name) {
                throw new LuaError("Script attempted to access nonexistent global variable '" + name.tojstring() + "'");
            }
        });
        meta.rawset(LuaValue.NEWINDEX, new org.luaj.vm2.lib.ThreeArgFunction() {
            @Override
            public LuaValue call(LuaValue t, LuaValue name, LuaValue value) {
                throw new LuaError("Attempt to modify a readonly table");
            }
        });
        globals.setmetatable(meta);
    }

    /** Compiles a body; a syntax error comes back as Lua's message ("user_script:1: ... near ..."). */
    LuaValue compile(String body, String chunkName) {
        try {
            return globals.load(body, chunkName);
        } catch (LuaError e) {
            throw new LuaError(syntaxMessage(e.getMessage(), chunkName));
        }
    }

    /** LuaJ's syntax errors in Lua 5.1's words: "user_script:1: unexpected symbol near '+'". */
    static String syntaxMessage(String luaj, String chunkName) {
        String m = luaj.replace("[string \"" + chunkName + "\"]", chunkName);
        java.util.regex.Matcher symbol = java.util.regex.Pattern.compile("unexpected symbol (\\d+) \\((.*)\\)$").matcher(m);
        if (symbol.find()) {
            int token = Integer.parseInt(symbol.group(1));
            String near = token == 286 ? "<eof>" : token < 257 ? String.valueOf((char) token) : symbol.group(2);
            m = m.substring(0, symbol.start()) + "unexpected symbol near '" + near + "'";
        }
        return m;
    }

    /** Compiles a library's body with its own global table (a function's _ENV). */
    LuaValue compile(String body, String chunkName, LuaTable env) {
        try {
            return globals.load(body, chunkName, env);
        } catch (LuaError e) {
            throw new LuaError(syntaxMessage(e.getMessage(), chunkName));
        }
    }

    /** Runs a compiled script with KEYS and ARGV set; returns its first result. */
    LuaValue run(LuaValue script, byte[][] argv, int firstKey, int numKeys) {
        globals.rawset("KEYS", strings(argv, firstKey, numKeys));
        globals.rawset("ARGV", strings(argv, firstKey + numKeys, argv.length - firstKey - numKeys));
        hook.reset();
        Varargs result = script.invoke();
        return result.arg1();
    }

    /** Calls a Lua function with KEYS and ARGV as its two arguments (a library function). */
    LuaValue call(LuaValue function, byte[][] argv, int firstKey, int numKeys) {
        hook.reset();
        return function.call(strings(argv, firstKey, numKeys),
                strings(argv, firstKey + numKeys, argv.length - firstKey - numKeys));
    }

    Globals globals() {
        return globals;
    }

    static LuaTable strings(byte[][] argv, int from, int count) {
        LuaTable t = new LuaTable(count, 0);
        for (int i = 0; i < count; i++) {
            t.rawset(i + 1, LuaValue.valueOf(argv[from + i]));
        }
        return t;
    }
}
