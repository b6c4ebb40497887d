package dev.syncer.engine.scripting;

import dev.syncer.engine.command.CommandDispatcher;
import dev.syncer.engine.command.CommandError;
import dev.syncer.engine.command.CommandSpec;
import dev.syncer.engine.resp.Reply;
import dev.syncer.engine.server.ClientSession;
import dev.syncer.engine.server.Shard;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A shard's scripting: the EVAL Lua state with its script cache (by SHA1 of the body, as Redis's
 * lctx.lua_scripts), the Functions Lua state with its libraries, and running one script at a
 * time on the shard's event loop.
 */
public final class Scripting {

    private static final Logger log = LoggerFactory.getLogger(Scripting.class);

    private final Shard shard;
    private final ScriptCaller caller;
    private final java.util.function.LongSupplier limitMillis;
    private final LuaEnvironment lua;
    private final FunctionEngine functionEngine;
    private final Functions functions;
    private final Map<String, Cached> scripts = new HashMap<>();
    private final Map<String, CommandSpec> flaggedSpecs = new HashMap<>();
    private ScriptRun running;
    /** The cached bodies' bytes (Redis's used_memory_scripts_eval is part of used_memory). */
    private long cachedBytes;
    private final ScriptBusy busy;

    private Scripting(Shard shard, CommandDispatcher commands) {
        this.shard = shard;
        this.limitMillis = () -> shard.config().getLong("busy-reply-threshold");
        this.caller = new ScriptCaller(shard, commands);
        this.lua = new LuaEnvironment(new RedisLib(caller));
        this.functionEngine = new FunctionEngine(new RedisLib(caller));
        this.functions = new Functions(functionEngine);
        this.busy = new ScriptBusy(this, shard);
    }

    /** A compiled EVAL body and its shebang flags (null: no shebang, Redis's compatibility mode). */
    record Cached(LuaValue function, java.util.Set<ScriptFlag> flags) {
    }

    /** Adds scripting to a shard: the EVAL, SCRIPT, FUNCTION and FCALL commands. */
    public static Scripting attach(Shard shard, CommandDispatcher commands) {
        Scripting scripting = new Scripting(shard, commands);
        ScriptCommands.register(commands.table(), scripting);
        FunctionCommands.register(commands.table(), scripting);
        scripting.busy.attach(commands);
        shard.config().alias("lua-time-limit", "busy-reply-threshold");
        shard.eviction().countMemory(scripting::scriptsMemory);
        dev.syncer.engine.command.DebugCommand.addSubcommand(commands.table(), "set-disable-deny-scripts", ctx -> {
            if (ctx.args().count() != 3) {
                throw new CommandError("ERR unknown subcommand or wrong number of arguments for '"
                        + ctx.args().string(1) + "'. Try DEBUG HELP.");
            }
            scripting.caller.denyDisabled(!ctx.args().string(2).equals("0"));
            ctx.reply().ok();
        });
        for (String eval : new String[] {"eval", "eval_ro"}) {
            commands.flagsOf(eval, (spec, argv) -> scripting.flagged(spec, scripting.evalFlags(argv[1])));
        }
        for (String evalsha : new String[] {"evalsha", "evalsha_ro"}) {
            commands.flagsOf(evalsha, (spec, argv) -> {
                String sha = new String(argv[1], StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
                Cached c = scripting.scripts.get(sha);
                return scripting.flagged(spec, c == null ? null : c.flags());
            });
        }
        commands.flagsOf("function", (spec, argv) -> {
            String sub = argv.length > 1 ? new String(argv[1], StandardCharsets.ISO_8859_1) : "";
            if (!sub.equalsIgnoreCase("load") && !sub.equalsIgnoreCase("restore")) {
                return spec;
            }
            // FUNCTION LOAD and RESTORE are denyoom in Redis's command table (the other subcommands are not)
            return scripting.flaggedSpecs.computeIfAbsent("function|denyoom", k -> {
                java.util.Set<dev.syncer.engine.command.CommandFlag> flags =
                        java.util.EnumSet.of(dev.syncer.engine.command.CommandFlag.DENYOOM);
                flags.addAll(spec.flags());
                return new CommandSpec(spec.name(), spec.arity(), flags, spec.firstKey(), spec.lastKey(), spec.step(),
                        spec.command());
            });
        });
        for (String fcall : new String[] {"fcall", "fcall_ro"}) {
            commands.flagsOf(fcall, (spec, argv) -> {
                FunctionLibrary.Function f = scripting.functions.function(new String(argv[1], StandardCharsets.UTF_8));
                return scripting.flagged(spec, f == null ? null : f.flags());
            });
        }
        return scripting;
    }

    /** The flags of an EVAL body's shebang, null without one (or with one EVAL will refuse). */
    private java.util.Set<ScriptFlag> evalFlags(byte[] body) {
        if (!EvalShebang.present(body)) {
            return null;
        }
        try {
            return EvalShebang.of(body).flags();
        } catch (CommandError e) {
            return null;
        }
    }

    /** The command's spec with a script's declared flags (cached: a handful of combinations). */
    private CommandSpec flagged(CommandSpec spec, java.util.Set<ScriptFlag> flags) {
        if (flags == null) {
            return spec;
        }
        return flaggedSpecs.computeIfAbsent(spec.name() + flags, k -> EvalShebang.commandFlags(spec, flags));
    }

    /** The NOREPLICAS check for writes scripts make (replication's), wired by the shard's assembly. */
    public void writeCheck(java.util.function.BiFunction<CommandSpec, ClientSession, String> check) {
        caller.writeCheck(check);
    }

    // ---- function libraries as the RDB carries them -------------------------------------------

    /** Every library's code, for an RDB save, a full sync's RDB or FUNCTION DUMP (loop thread). */
    public List<byte[]> libraryCodes() {
        return functions.codes();
    }

    /**
     * The libraries of a loaded RDB replace the current ones (start-up, DEBUG RELOAD, a replica's
     * full sync). A library that does not load is logged and left out: the data still loads.
     */
    public void replaceLibraries(List<byte[]> codes) {
        try {
            functions.restore(codes, Functions.RestorePolicy.FLUSH);
        } catch (CommandError e) {
            log.warn("Function libraries from the RDB not loaded: {}", e.getMessage());
            functions.flush();
            for (byte[] code : codes) {
                try {
                    functions.load(code, true, 0);
                } catch (CommandError each) {
                    log.warn("Function library not loaded: {}", each.getMessage());
                }
            }
        }
    }

    /** DEBUG RELOAD's libraries with FUNCTION RESTORE's policy (FLUSH, APPEND, REPLACE); false if refused. */
    public boolean reloadLibraries(List<byte[]> codes, String policy) {
        try {
            functions.restore(codes, Functions.RestorePolicy.valueOf(policy));
            return true;
        } catch (CommandError e) {
            log.warn("DEBUG RELOAD: function libraries not loaded: {}", e.getMessage());
            return false;
        }
    }

    Functions functions() {
        return functions;
    }

    Shard shard() {
        return shard;
    }

    // ---- EVAL scripts ---------------------------------------------------------------------------

    /** Compiles a body into the cache if new (luaCreateFunction); returns its SHA1. */
    String load(byte[] body) {
        String sha = RedisLib.sha1hex(body);
        if (!scripts.containsKey(sha)) {
            EvalShebang shebang = EvalShebang.of(body);
            String code = new String(body, shebang.bodyStart(), body.length - shebang.bodyStart(),
                    StandardCharsets.ISO_8859_1);
            try {
                scripts.put(sha, new Cached(lua.compile(code, "user_script"), shebang.flags()));
                cachedBytes += body.length + SCRIPT_OVERHEAD;
            } catch (LuaError e) {
                throw new CommandError("ERR Error compiling script (new function): " + e.getMessage());
            }
        }
        return sha;
    }

    boolean exists(String sha) {
        return scripts.containsKey(sha);
    }

    void flush() {
        scripts.clear();
        cachedBytes = 0;
    }

    /** A cached script's bookkeeping besides its body: the dict entry, its key and value objects. */
    private static final int SCRIPT_OVERHEAD = 96;
    /**
     * Redis's two script clients (EVAL's lua_client and the Lua engine's), each a client struct
     * with its 16 KB reply buffer, allocated at start-up and counted in used_memory from then on.
     */
    private static final int SCRIPT_CLIENTS = 2 * (16 * 1024 + 1024);

    /**
     * The script clients, the scripts cache and the function libraries' code, as Redis's
     * allocator counts them in used_memory (so even an empty shard is above "maxmemory 1").
     */
    private long scriptsMemory() {
        long bytes = SCRIPT_CLIENTS + cachedBytes;
        for (byte[] code : functions.codes()) {
            bytes += code.length + SCRIPT_OVERHEAD;
        }
        return bytes;
    }

    /** The script now running (paused past busy-reply-threshold), or null (FUNCTION STATS, KILL). */
    ScriptRun running() {
        return running;
    }

    /**
     * scriptKill: SCRIPT KILL (eval) or FUNCTION KILL stops the paused script at its next hook, unless
     * it already wrote (UNKILLABLE) or is the other kind (BUSY, as Redis answers).
     */
    void kill(boolean eval) {
        ScriptRun run = running;
        if (run == null) {
            throw new CommandError("NOTBUSY No scripts in execution right now.");
        }
        if (run.caller.kind() == ClientSession.Kind.MASTER) {
            throw new CommandError("UNKILLABLE The busy script was sent by a master instance in the context of "
                    + "replication and cannot be killed.");
        }
        if (run.wrote) {
            throw new CommandError("UNKILLABLE Sorry the script already executed write commands against the "
                    + "dataset. You can either wait the script termination or kill the server in a hard way using "
                    + "the SHUTDOWN NOSAVE command.");
        }
        if (eval != run.eval) {
            throw new CommandError(run.eval ? ScriptBusy.BUSY_EVAL : ScriptBusy.BUSY_FUNCTION);
        }
        run.killRequested = true;
    }

    /** Runs a cached script with its KEYS/ARGV and writes its result, or Redis's error, as the reply. */
    void eval(String sha, ClientSession session, byte[][] argv, int firstKey, int numKeys, boolean readOnly,
              Reply reply) {
        Cached cached = scripts.get(sha);
        LuaValue script = cached.function();
        if (cached.flags() != null) {
            boolean noWrites = cached.flags().contains(ScriptFlag.NO_WRITES);
            if (readOnly && !noWrites) {
                throw new CommandError("ERR Can not execute a script with write flag using *_ro command.");
            }
            readOnly |= noWrites;
        }
        ScriptRun run = new ScriptRun(session, sha, readOnly, true, argv);
        run.oomAtStart = outOfMemory(session, cached.flags());
        run(run, lua, reply, () -> lua.run(script, argv, firstKey, numKeys));
    }

    /** FCALL / FCALL_RO: the function gets KEYS and ARGV as its two arguments. */
    void fcall(FunctionLibrary.Function f, ClientSession session, byte[][] argv, int numKeys, boolean readOnly,
               Reply reply) {
        LuaEnvironment env = functionEngine.lua();
        ScriptRun run = new ScriptRun(session, f.name(), readOnly, false, argv);
        run.oomAtStart = outOfMemory(session, f.flags());
        run(run, env, reply, () -> env.call(f.callback(), argv, 3, numKeys));
    }

    /** pre_command_oom_state for a script without allow-oom (the primary's stream is never refused). */
    private boolean outOfMemory(ClientSession session, java.util.Set<ScriptFlag> flags) {
        return (flags == null || !flags.contains(ScriptFlag.ALLOW_OOM)) && session.kind() != ClientSession.Kind.MASTER
                && shard.config().getLong("maxmemory") > 0 && !shard.eviction().performEvictions();
    }

    private void run(ScriptRun run, LuaEnvironment env, Reply reply, Supplier<LuaValue> body) {
        ClientSession session = run.caller;
        int db = session.db();
        running = run;
        caller.running(run);
        env.hook().interrupt(busy::interrupt);
        try {
            LuaReplies.write(body.get(), reply, run.resp, 0);
        } catch (ScriptHook.ScriptTimeout e) {
            reply.error("ERR Error running script (call to " + run.name + "): killed after busy-reply-threshold ("
                    + limitMillis.getAsLong() + " ms); its writes so far stay");
        } catch (ScriptHook.ScriptKilled e) {
            String where = env.hook().position();
            reply.error("ERR " + e.getMessage() + (where == null ? "" : " script: " + run.name + ", on @" + where + "."));
        } catch (LuaError e) {
            reply.error(ScriptError.replyText(e, run.name, env.hook().position()));
        } catch (StackOverflowError e) {
            reply.error("ERR Error running script (call to " + run.name + "): stack overflow");
        } catch (ScriptHook.ScriptOutOfMemory | OutOfMemoryError e) {
            // the memory cap: Lua's own "not enough memory"; what the script held is garbage now
            reply.error("ERR Error running script (call to " + run.name + "): not enough memory");
        } finally {
            running = null;
            busy.ended();
            session.select(db); // a SELECT inside the script does not change the caller's database
        }
    }

    long limitMillis() {
        return limitMillis.getAsLong();
    }
}
