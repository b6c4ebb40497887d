package dev.syncer.engine.scripting;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
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
 * table, the libraries Redis bundles ({@code bit}, {@code cjson}, {@code cmsgpack}, {@code struct}),
 * and the global table made read-only with Redis's error texts.
 */
final class LuaEnvironment {

    private final Globals globals = new Globals();
    private final ScriptHook hook = new ScriptHook();
    /** The real globals: {@link #globals} itself stays empty and reads through to this table. */
    private final LuaTable backing = new LuaTable();

    LuaEnvironment(RedisLib redis) {
        globals.load(new JseBaseLib());
        globals.load(new PackageLib());
        globals.load(new TableLib());
        globals.load(new StringLib());
        globals.load(new JseMathLib());
        LoadState.install(globals);
        LuaC.install(globals);
        LuaTable table = (LuaTable) globals.get("table");
        globals.rawset("unpack", unpack(table.get("unpack"))); // Lua 5.1 has unpack global
        globals.rawset("loadstring", loadstring(globals.get("load")));
        globals.rawset("pcall", pcall(globals.get("pcall")));
        globals.rawset("tostring", tostring(globals.get("tostring")));
        table.rawset("concat", concat());
        for (String hidden : new String[] {"dofile", "loadfile", "require", "module", "package", "collectgarbage", "print"}) {
            globals.rawset(hidden, LuaValue.NIL);
        }
        globals.rawset("redis", redis.table());
        globals.rawset("bit", BitLib.table());
        globals.rawset("cjson", new CjsonLib().table());
        globals.rawset("cmsgpack", CmsgpackLib.table());
        globals.rawset("struct", StructLib.table());
        protectGlobals();
        globals.debuglib = hook; // only the position hook: the debug library stays out of reach
    }

    /** pcall's error text as Lua 5.1 has it: "source:line: message", no traceback line after it. */
    private static LuaValue pcall(LuaValue luaj) {
        return new org.luaj.vm2.lib.VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                Varargs result = luaj.invoke(args);
                if (result.arg1().toboolean() || result.arg(2).type() != LuaValue.TSTRING) {
                    return result;
                }
                return LuaValue.varargsOf(LuaValue.FALSE, LuaValue.valueOf(ScriptError.lua51(result.arg(2).tojstring())));
            }
        };
    }

    /** tostring of a number as Lua 5.1's "%.14g" (LuaJ writes 0.0003 as "3.0E-4"). */
    private static LuaValue tostring(LuaValue luaj) {
        return new org.luaj.vm2.lib.VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                LuaValue v = args.arg1();
                if (v.type() == LuaValue.TNUMBER) {
                    return LuaValue.valueOf(RedisLib.formatG(v.todouble(), 14));
                }
                return luaj.invoke(args);
            }
        };
    }

    /** table.concat with Lua 5.1's number text. */
    private static LuaValue concat() {
        return new org.luaj.vm2.lib.VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                LuaTable t = args.checktable(1);
                LuaString sep = args.isnoneornil(2) ? LuaValue.valueOf("") : args.checkstring(2);
                int from = args.isnoneornil(3) ? 1 : args.checkint(3);
                int to = args.isnoneornil(4) ? t.length() : args.checkint(4);
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                for (int i = from; i <= to; i++) {
                    LuaValue v = t.rawget(i);
                    if (v.type() == LuaValue.TNUMBER) {
                        out.writeBytes(RedisLib.formatG(v.todouble(), 14).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    } else if (v.type() == LuaValue.TSTRING) {
                        LuaString s = v.checkstring();
                        out.write(s.m_bytes, s.m_offset, s.m_length);
                    } else {
                        throw new LuaError("invalid value (at index " + i + ") in table for 'concat'");
                    }
                    if (i < to) {
                        out.write(sep.m_bytes, sep.m_offset, sep.m_length);
                    }
                }
                return LuaString.valueUsing(out.toByteArray());
            }
        };
    }

    /** loadstring of text only: Redis refuses precompiled chunks (they can break the VM). */
    private static LuaValue loadstring(LuaValue load) {
        return new org.luaj.vm2.lib.VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                LuaValue chunk = args.arg1();
                if (chunk.isstring() && chunk.checkstring().m_length > 0
                        && chunk.checkstring().luaByte(0) == 27) {
                    return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf("binary chunks are not allowed"));
                }
                return load.invoke(args);
            }
        };
    }

    /** Lua 5.1's unpack refuses a range larger than its stack can take (LUAI_MAXCSTACK, 8000). */
    private static LuaValue unpack(LuaValue luaj) {
        return new org.luaj.vm2.lib.VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                LuaTable t = args.checktable(1);
                long from = args.isnoneornil(2) ? 1 : (long) args.checkdouble(2);
                long to = args.isnoneornil(3) ? t.length() : (long) args.checkdouble(3);
                if (from > to) {
                    return LuaValue.NONE;
                }
                if (to - from >= 8000) {
                    throw new LuaError("too many results to unpack");
                }
                return luaj.invoke(args);
            }
        };
    }

    ScriptHook hook() {
        return hook;
    }

    /**
     * Redis's global protection (luaSetTableProtectionRecursively) without its patched Lua: LuaJ
     * has no read-only tables, and __newindex fires only for absent keys, so the globals table and
     * the library tables are kept empty and read through their metatables to the real ones.
     */
    private void protectGlobals() {
        for (Varargs entry : entries(globals)) {
            backing.rawset(entry.arg1(), entry.arg(2));
        }
        for (LuaValue key : backing.keys()) {
            globals.rawset(key, LuaValue.NIL);
        }
        for (String library : new String[] {"redis", "bit", "cjson", "cmsgpack", "struct", "string", "math", "table"}) {
            backing.rawset(library, readOnlyView((LuaTable) backing.rawget(library)));
        }
        backing.rawset("_G", globals);
        LuaValue setmetatable = backing.rawget("setmetatable");
        backing.rawset("setmetatable", new TwoArgFunction() {
            @Override
            public LuaValue call(LuaValue table, LuaValue meta) {
                LuaValue current = table.getmetatable();
                if (current != null && current.rawget(READ_ONLY).toboolean()) {
                    throw new LuaError("Attempt to modify a readonly table");
                }
                return setmetatable.call(table, meta);
            }
        });
        LuaTable missing = new LuaTable();
        missing.rawset(LuaValue.INDEX, new TwoArgFunction() {
            @Override
            public LuaValue call(LuaValue t, LuaValue name) {
                throw new LuaError("Script attempted to access nonexistent global variable '" + name.tojstring() + "'");
            }
        });
        backing.setmetatable(missing);
        globals.setmetatable(readOnlyMeta(backing));
    }

    /** A table's key/value pairs, as pairs() walks them. */
    static java.util.List<Varargs> entries(LuaValue table) {
        java.util.List<Varargs> out = new java.util.ArrayList<>();
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs next = table.next(k);
            k = next.arg1();
            if (k.isnil()) {
                return out;
            }
            out.add(next);
        }
    }

    private static final LuaValue READ_ONLY = LuaValue.valueOf("__readonly");

    /** An empty table reading through to {@code t}; writing to it raises Redis's read-only error. */
    static LuaTable readOnlyView(LuaTable t) {
        LuaTable view = new LuaTable();
        view.setmetatable(readOnlyMeta(t));
        return view;
    }

    private static LuaTable readOnlyMeta(LuaTable t) {
        LuaTable meta = new LuaTable();
        meta.rawset(LuaValue.INDEX, t);
        meta.rawset(LuaValue.NEWINDEX, new org.luaj.vm2.lib.ThreeArgFunction() {
            @Override
            public LuaValue call(LuaValue table, LuaValue name, LuaValue value) {
                throw new LuaError("Attempt to modify a readonly table");
            }
        });
        meta.rawset(READ_ONLY, LuaValue.TRUE);
        LuaTable shown = new LuaTable(); // what getmetatable returns: itself read-only
        LuaTable shownMeta = new LuaTable();
        shownMeta.rawset(LuaValue.INDEX, meta);
        shownMeta.rawset(LuaValue.NEWINDEX, meta.rawget(LuaValue.NEWINDEX));
        shown.setmetatable(shownMeta);
        meta.rawset(LuaValue.METATABLE, shown);
        return meta;
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
        backing.rawset("KEYS", strings(argv, firstKey, numKeys));
        backing.rawset("ARGV", strings(argv, firstKey + numKeys, argv.length - firstKey - numKeys));
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
