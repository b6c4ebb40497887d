package dev.syncer.engine.scripting;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The {@code redis} table scripts see: call, pcall, the reply helpers, sha1hex, log, and the constants. */
final class RedisLib {

    /** Runs a command for a script; returns the parsed reply or an error text (script_lua.c's luaRedisGenericCommand). */
    interface Caller {
        /** The reply as Lua sees it ({@link LuaReplies#read}); an error is an {err=} table. */
        LuaValue call(byte[][] argv);

        /** redis.setresp: the protocol the script's commands reply in (2 or 3). */
        default void resp(int protocol) {
        }

        /** redis.set_repl: where the script's writes propagate (REPL_* bits). */
        default void replication(int flags) {
        }

        /** redis.acl_check_cmd: whether the calling user may run this command on these keys. */
        default boolean permitted(byte[][] argv) {
            return true;
        }
    }

    private final LuaTable table = new LuaTable();

    RedisLib(Caller caller) {
        table.rawset("call", command(caller, true));
        table.rawset("pcall", command(caller, false));
        table.rawset("error_reply", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                if (args.narg() != 1 || args.arg1().type() != LuaValue.TSTRING) {
                    return LuaReplies.errorTable("wrong number or type of arguments");
                }
                String t = args.arg1().tojstring();
                return LuaReplies.errorTable(t.startsWith("-") ? t : "-" + t);
            }
        });
        table.rawset("status_reply", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                if (args.narg() != 1 || args.arg1().type() != LuaValue.TSTRING) {
                    return LuaReplies.errorTable("wrong number or type of arguments");
                }
                return LuaReplies.singleField(LuaReplies.OK, args.arg1());
            }
        });
        table.rawset("sha1hex", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                if (args.narg() != 1) {
                    throw new LuaError(LuaReplies.errorTable("wrong number of arguments"));
                }
                LuaValue text = args.arg1();
                byte[] body = text.isstring() ? LuaReplies.bytes(text.checkstring()) : new byte[0];
                return LuaValue.valueOf(sha1hex(body));
            }
        });
        VarArgFunction noOp = new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return LuaValue.NONE;
            }
        };
        table.rawset("log", log());
        table.rawset("set_repl", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                if (args.narg() != 1) {
                    throw new LuaError(LuaReplies.errorTable("redis.set_repl() requires two arguments."));
                }
                int flags = (int) args.arg1().optdouble(0);
                if ((flags & ~3) != 0) {
                    throw new LuaError(LuaReplies.errorTable(
                            "Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE."));
                }
                caller.replication(flags);
                return LuaValue.NONE;
            }
        });
        table.rawset("setresp", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                if (args.narg() != 1) {
                    throw new LuaError(LuaReplies.errorTable("redis.setresp() requires one argument."));
                }
                int resp = (int) args.arg1().optdouble(0);
                if (resp != 2 && resp != 3) {
                    throw new LuaError(LuaReplies.errorTable("RESP version must be 2 or 3."));
                }
                caller.resp(resp);
                return LuaValue.NONE;
            }
        });
        table.rawset("acl_check_cmd", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                Object argv = arguments(args);
                if (argv instanceof LuaTable error) {
                    throw new LuaError(error);
                }
                return LuaValue.valueOf(caller.permitted((byte[][]) argv));
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
                Object argv = arguments(args);
                LuaValue reply = argv instanceof LuaTable error ? error : caller.call((byte[][]) argv);
                if (raise && reply.istable() && reply.rawget(LuaReplies.ERR).isstring()) {
                    throw new LuaError(reply); // redis.call raises the {err=} table; pcall returns it
                }
                return reply;
            }
        };
    }

    /** luaArgsToRedisArgv: numbers as %.17g, strings as they are; else an {err=} table. */
    private static Object arguments(Varargs args) {
        int n = args.narg();
        if (n == 0) {
            return LuaReplies.errorTable("Please specify at least one argument for this redis lib call");
        }
        byte[][] argv = new byte[n][];
        for (int i = 0; i < n; i++) {
            LuaValue a = args.arg(i + 1);
            if (a.type() == LuaValue.TNUMBER) {
                argv[i] = numberText(a.todouble()).getBytes(StandardCharsets.US_ASCII);
            } else if (a.type() == LuaValue.TSTRING) {
                argv[i] = LuaReplies.bytes(a);
            } else {
                return LuaReplies.errorTable("Lua redis lib command arguments must be strings or integers");
            }
        }
        return argv;
    }

    /** A number argument as Redis 7.0 writes it ("%.17g"): 3 → "3", 0.5 → "0.5". */
    static String numberText(double d) {
        return formatG(d, 17);
    }

    /** C's "%.{precision}g" (Lua prints numbers with %.14g, Redis passes arguments with %.17g). */
    static String formatG(double d, int precision) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.isNaN(d) ? (Double.doubleToRawLongBits(d) < 0 ? "-nan" : "nan") : d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        if (d == Math.rint(d) && Math.abs(d) < Math.pow(10, Math.min(precision, 18))) {
            return Long.toString((long) d);
        }
        java.math.BigDecimal b = new java.math.BigDecimal(d).round(new java.math.MathContext(precision));
        int exponent = b.precision() - b.scale() - 1;
        if (exponent < -4 || exponent >= precision) {
            String digits = b.unscaledValue().abs().toString().replaceAll("0+$", "");
            String mantissa = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
            return (d < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                    + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        }
        String plain = b.toPlainString();
        return plain.contains(".") ? plain.replaceAll("0+$", "").replaceAll("\\.$", "") : plain;
    }

    static String sha1hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
