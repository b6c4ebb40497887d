package dev.syncer.engine.scripting;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The {@code redis} table scripts see: call, pcall, the reply helpers, sha1hex, log, and the constants. */
final class RedisLib {

    /** Runs a command for a script; returns the parsed reply or an error text (script_lua.c's luaRedisGenericCommand). */
    interface Caller {
        /** The reply parsed as {@code RespReplyParser} does, or a {@code RespReplyParser.Error}. */
        Object call(byte[][] argv);
    }

    private final LuaTable table = new LuaTable();

    RedisLib(Caller caller) {
        table.rawset("call", command(caller, true));
        table.rawset("pcall", command(caller, false));
        table.rawset("error_reply", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue text) {
                String t = text.checkjstring();
                return LuaReplies.singleField(LuaReplies.ERR, LuaValue.valueOf(t.startsWith("-") ? t.substring(1) : t));
            }
        });
        table.rawset("status_reply", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue text) {
                return LuaReplies.singleField(LuaReplies.OK, LuaValue.valueOf(text.checkjstring()));
            }
        });
        table.rawset("sha1hex", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue text) {
                return LuaValue.valueOf(sha1hex(LuaReplies.bytes(text.checkstring())));
            }
        });
        VarArgFunction noOp = new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return LuaValue.NONE;
            }
        };
        table.rawset("log", log());
        table.rawset("set_repl", noOp);
        table.rawset("setresp", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue v) {
                if (v.checkint() != 2) {
                    throw new LuaError("RESP version must be 2 or 3"); // RESP3 is refused by the shard (NOPROTO)
                }
                return LuaValue.NONE;
            }
        });
        table.rawset("replicate_commands", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return LuaValue.TRUE; // effects replication is the only mode in Redis 7
            }
        });
        table.rawset("breakpoint", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return LuaValue.FALSE;
            }
        });
        table.rawset("debug", noOp);
        constants(table);
        table.rawset("REPL_NONE", LuaValue.valueOf(0));
        table.rawset("REPL_AOF", LuaValue.valueOf(1));
        table.rawset("REPL_SLAVE", LuaValue.valueOf(2));
        table.rawset("REPL_REPLICA", LuaValue.valueOf(2));
        table.rawset("REPL_ALL", LuaValue.valueOf(3));
    }

    LuaTable table() {
        return table;
    }

    private static final org.slf4j.Logger SCRIPT_LOG = org.slf4j.LoggerFactory.getLogger("dev.syncer.engine.scripting.Script");

    /** redis.log(level, message...): to the shard's log at the matching level (luaLogCommand). */
    static VarArgFunction log() {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                if (args.narg() < 2) {
                    throw new LuaError("redis.log() requires two arguments or more.");
                }
                if (args.arg1().type() != LuaValue.TNUMBER) {
                    throw new LuaError("First argument must be a number");
                }
                int level = args.arg1().toint();
                if (level < 0 || level > 3) {
                    throw new LuaError("Invalid debug level.");
                }
                StringBuilder text = new StringBuilder();
                for (int i = 2; i <= args.narg(); i++) {
                    if (i > 2) {
                        text.append(' ');
                    }
                    text.append(args.arg(i).tojstring());
                }
                switch (level) {
                    case 0 -> SCRIPT_LOG.debug("{}", text);
                    case 1, 2 -> SCRIPT_LOG.info("{}", text);
                    default -> SCRIPT_LOG.warn("{}", text);
                }
                return LuaValue.NONE;
            }
        };
    }

    /** The version and log-level constants, for the table a library sees while it loads. */
    static void constants(LuaTable t) {
        t.rawset("REDIS_VERSION", "7.0.15");
        t.rawset("REDIS_VERSION_NUM", LuaValue.valueOf(0x07000f));
        String[] levels = {"LOG_DEBUG", "LOG_VERBOSE", "LOG_NOTICE", "LOG_WARNING"};
        for (int i = 0; i < levels.length; i++) {
            t.rawset(levels[i], LuaValue.valueOf(i));
        }
    }

    private static VarArgFunction command(Caller caller, boolean raise) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                Object reply = run(caller, args);
                LuaValue lua = LuaReplies.toLua(reply);
                if (raise && reply instanceof dev.syncer.engine.resp.RespReplyParser.Error) {
                    throw new LuaError(lua); // redis.call raises the {err=} table; pcall returns it
                }
                return lua;
            }
        };
    }

    private static Object run(Caller caller, Varargs args) {
        int n = args.narg();
        if (n == 0) {
            return new dev.syncer.engine.resp.RespReplyParser.Error(
                    "ERR Please specify at least one argument for this redis lib call");
        }
        byte[][] argv = new byte[n][];
        for (int i = 0; i < n; i++) {
            LuaValue a = args.arg(i + 1);
            if (a.type() == LuaValue.TNUMBER) {
                argv[i] = numberText(a.todouble()).getBytes(StandardCharsets.US_ASCII);
            } else if (a.type() == LuaValue.TSTRING) {
                argv[i] = LuaReplies.bytes(a);
            } else {
                return new dev.syncer.engine.resp.RespReplyParser.Error(
                        "ERR Lua redis lib command arguments must be strings or integers");
            }
        }
        return caller.call(argv);
    }

    /** Lua 5.1's number to string ("%.14g"): 3 → "3", 0.5 → "0.5". */
    static String numberText(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        String s = String.format(java.util.Locale.ROOT, "%.14g", d);
        if (s.contains("e")) {
            String mantissa = s.substring(0, s.indexOf('e'));
            String exp = s.substring(s.indexOf('e') + 1);
            if (mantissa.contains(".")) {
                mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
            int e = Integer.parseInt(exp);
            return mantissa + "e" + (e < 0 ? "-" : "+") + (Math.abs(e) < 10 ? "0" : "") + Math.abs(e);
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    static String sha1hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
