package dev.syncer.engine.scripting;

import dev.syncer.engine.command.CommandDispatcher;
import dev.syncer.engine.command.CommandError;
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
    private final Map<String, LuaValue> scripts = new HashMap<>();
    private ScriptRun running;

    private Scripting(Shard shard, CommandDispatcher commands) {
        this.shard = shard;
        this.limitMillis = () -> shard.config().getLong("busy-reply-threshold");
        this.caller = new ScriptCaller(shard, commands);
        this.lua = new LuaEnvironment(new RedisLib(caller));
        this.functionEngine = new FunctionEngine(new RedisLib(caller));
        this.functions = new Functions(functionEngine);
    }

    /** Adds scripting to a shard: the EVAL, SCRIPT, FUNCTION and FCALL commands. */
    public static Scripting attach(Shard shard, CommandDispatcher commands) {
        Scripting scripting = new Scripting(shard, commands);
        ScriptCommands.register(commands.table(), scripting);
        FunctionCommands.register(commands.table(), scripting);
        return scripting;
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
            try {
                scripts.put(sha, lua.compile(new String(body, StandardCharsets.ISO_8859_1), "user_script"));
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
    }

    boolean busy() {
        return running != null;
    }

    /** The script now running, or null (FUNCTION STATS). */
    ScriptRun running() {
        return running;
    }

    /** Runs a cached script with its KEYS/ARGV and writes its result, or Redis's error, as the reply. */
    void eval(String sha, ClientSession session, byte[][] argv, int firstKey, int numKeys, boolean readOnly,
              Reply reply) {
        LuaValue script = scripts.get(sha);
        run(new ScriptRun(session, sha, readOnly), lua, reply, () -> lua.run(script, argv, firstKey, numKeys));
    }

    /** FCALL / FCALL_RO: the function gets KEYS and ARGV as its two arguments. */
    void fcall(FunctionLibrary.Function f, ClientSession session, byte[][] argv, int numKeys, boolean readOnly,
               Reply reply) {
        LuaEnvironment env = functionEngine.lua();
        run(new ScriptRun(session, f.name(), readOnly), env, reply, () -> env.call(f.callback(), argv, 3, numKeys));
    }

    private void run(ScriptRun run, LuaEnvironment env, Reply reply, Supplier<LuaValue> body) {
        ClientSession session = run.caller;
        int db = session.db();
        running = run;
        caller.running(run);
        try {
            env.hook().limit(limitMillis.getAsLong());
            LuaReplies.write(body.get(), reply);
        } catch (ScriptHook.ScriptTimeout e) {
            reply.error("ERR Error running script (call to " + run.name + "): killed after busy-reply-threshold ("
                    + limitMillis.getAsLong() + " ms); its writes so far stay");
        } catch (LuaError e) {
            reply.error(ScriptError.replyText(e, run.name, env.hook().position()));
        } catch (StackOverflowError e) {
            reply.error("ERR Error running script (call to " + run.name + "): stack overflow");
        } finally {
            running = null;
            session.select(db); // a SELECT inside the script does not change the caller's database
        }
    }
}
