package dev.syncer.engine.scripting;

import dev.syncer.engine.command.CommandDispatcher;
import dev.syncer.engine.command.CommandError;
import dev.syncer.engine.resp.Reply;
import dev.syncer.engine.server.ClientSession;
import dev.syncer.engine.server.Shard;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A shard's scripting: the Lua environment, the EVAL script cache (by SHA1 of the body, as
 * Redis's lctx.lua_scripts), and running one script at a time on the shard's event loop.
 */
public final class Scripting {

    private final ScriptCaller caller;
    private final java.util.function.LongSupplier limitMillis;
    private final LuaEnvironment lua;
    private final Map<String, LuaValue> scripts = new HashMap<>();
    private ScriptRun running;

    private Scripting(Shard shard, CommandDispatcher commands) {
        this.limitMillis = () -> shard.config().getLong("busy-reply-threshold");
        this.caller = new ScriptCaller(shard, commands);
        this.lua = new LuaEnvironment(new RedisLib(caller));
    }

    /** Adds scripting to a shard: the EVAL and SCRIPT commands. */
    public static Scripting attach(Shard shard, CommandDispatcher commands) {
        Scripting scripting = new Scripting(shard, commands);
        ScriptCommands.register(commands.table(), scripting);
        return scripting;
    }

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

    /** Runs a cached script with its KEYS/ARGV and writes its result, or Redis's error, as the reply. */
    void eval(String sha, ClientSession session, byte[][] argv, int firstKey, int numKeys, boolean readOnly,
              Reply reply) {
        LuaValue script = scripts.get(sha);
        ScriptRun run = new ScriptRun(session, sha, readOnly);
        int db = session.db();
        running = run;
        caller.running(run);
        try {
            lua.hook().limit(limitMillis.getAsLong());
            LuaReplies.write(lua.run(script, argv, firstKey, numKeys), reply);
        } catch (ScriptHook.ScriptTimeout e) {
            reply.error("ERR Error running script (call to " + sha + "): killed after busy-reply-threshold ("
                    + limitMillis.getAsLong() + " ms); its writes so far stay");
        } catch (LuaError e) {
            reply.error(ScriptError.replyText(e, sha, lua.hook().position()));
        } catch (StackOverflowError e) {
            reply.error("ERR Error running script (call to " + sha + "): stack overflow");
        } finally {
            running = null;
            session.select(db); // a SELECT inside the script does not change the caller's database
        }
    }
}
