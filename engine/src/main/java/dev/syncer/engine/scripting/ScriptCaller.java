package dev.syncer.engine.scripting;

import dev.syncer.engine.command.CommandDispatcher;
import dev.syncer.engine.command.CommandFlag;
import dev.syncer.engine.command.CommandSpec;
import dev.syncer.engine.resp.Reply;
import org.luaj.vm2.LuaValue;
import dev.syncer.engine.server.ClientSession;
import dev.syncer.engine.server.Shard;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.util.Set;

/**
 * Runs a script's redis.call through the shard's dispatcher, after the checks Redis's
 * scriptCall makes: known command, arity, allowed from scripts, writes allowed. What the
 * command propagates joins the caller's pending effects, so the script's effects go out together.
 */
final class ScriptCaller implements RedisLib.Caller {

    /** Commands flagged noscript in Redis 7.0's command table. */
    private static final Set<String> NOT_FROM_SCRIPTS = Set.of("eval", "evalsha", "eval_ro", "evalsha_ro", "script",
            "function", "fcall", "fcall_ro", "multi", "exec", "discard", "watch", "unwatch", "subscribe",
            "psubscribe", "ssubscribe", "unsubscribe", "punsubscribe", "sunsubscribe", "monitor", "sync", "psync",
            "replconf", "client", "auth", "hello", "quit", "reset", "wait", "save", "bgsave", "bgrewriteaof",
            "shutdown", "failover", "replicaof", "slaveof", "debug", "sentinel", "config", "acl", "cluster",
            "blpop", "brpop", "brpoplpush", "blmove", "blmpop", "bzpopmin", "bzpopmax", "bzmpop");

    private final Shard shard;
    private final CommandDispatcher dispatcher;
    private final ByteBuf scratch = Unpooled.buffer(256);
    private final Reply reply = new Reply(scratch);
    private ScriptRun run;
    /** DEBUG SET-DISABLE-DENY-SCRIPTS: Redis's test hook letting scripts call any command. */
    private boolean denyDisabled;
    private java.util.function.BiFunction<CommandSpec, ClientSession, String> writeCheck = (spec, session) -> null;

    ScriptCaller(Shard shard, CommandDispatcher dispatcher) {
        this.shard = shard;
        this.dispatcher = dispatcher;
    }

    void writeCheck(java.util.function.BiFunction<CommandSpec, ClientSession, String> check) {
        this.writeCheck = check;
    }

    void running(ScriptRun run) {
        this.run = run;
    }

    void denyDisabled(boolean disabled) {
        this.denyDisabled = disabled;
    }

    @Override
    public void resp(int protocol) {
        run.resp = protocol;
    }

    @Override
    public void replication(int flags) {
        run.replication = flags;
    }

    /** redis.acl_check_cmd (luaRedisAclCheckCmdPermissionsCommand): may the script's user run it? */
    @Override
    public boolean permitted(byte[][] argv) {
        CommandSpec spec = dispatcher.table().lookup(argv[0]);
        if (spec == null) {
            throw new org.luaj.vm2.LuaError(LuaReplies.errorTable("-ERR Invalid command passed to redis.acl_check_cmd()"));
        }
        return dispatcher.authenticator() == null
                || dispatcher.authenticator().scriptDenial(run.caller, spec, argv, false) == null;
    }

    @Override
    public LuaValue call(byte[][] argv) {
        CommandSpec spec = dispatcher.table().lookup(argv[0]);
        if (spec == null && !denyDisabled
                && NOT_FROM_SCRIPTS.contains(new String(argv[0], java.nio.charset.StandardCharsets.US_ASCII)
                .toLowerCase(java.util.Locale.ROOT))) {
            return error("ERR This Redis command is not allowed from script");
        }
        if (spec == null) {
            return error("ERR Unknown Redis command called from script");
        }
        if (!spec.arityAccepts(argv.length)) {
            return error("ERR Wrong number of args calling Redis command from script");
        }
        if (!denyDisabled && NOT_FROM_SCRIPTS.contains(spec.name())) {
            return error("ERR This Redis command is not allowed from script");
        }
        if (blockingRead(spec, argv)) {
            return error("ERR " + spec.name() + " command is not allowed with BLOCK option from scripts");
        }
        ClientSession caller = run.caller;
        String denied = dispatcher.authenticator() == null ? null : dispatcher.authenticator().scriptDenial(caller, spec, argv, true);
        if (denied != null) {
            return error("ERR The user executing the script " + denied); // scriptVerifyACL
        }
        if (run.oomAtStart && !run.wrote && spec.has(CommandFlag.DENYOOM)) {
            return error("OOM command not allowed when used memory > 'maxmemory'."); // scriptVerifyOOM
        }
        if (run.readOnly && (spec.has(CommandFlag.WRITE) || spec.has(CommandFlag.MAY_REPLICATE))) {
            // scriptVerifyWriteCommandAllow: may-replicate counts as a write (PUBLISH), so a read-only
            // script may run during CLIENT PAUSE WRITE
            return error("ERR Write commands are not allowed from read-only scripts.");
        }
        if (spec.has(CommandFlag.WRITE)) {
            if (shard.readOnlyReplica() && caller.kind() != ClientSession.Kind.MASTER) {
                return error("READONLY You can't write against a read only replica.");
            }
            String refused = writeCheck.apply(spec, caller);
            if (refused != null) {
                return error(refused);
            }
        }
        scratch.clear();
        reply.protocol(run.resp);
        int before = dispatcher.pendingCount();
        int changes = dispatcher.run(spec, caller, argv, reply);
        if (run.replication != 3) {
            dispatcher.restrictPending(before, (run.replication & 2) != 0, (run.replication & 1) != 0);
        }
        if (changes > 0 && spec.has(CommandFlag.WRITE)) {
            run.wrote = true;
        }
        LuaValue parsed = LuaReplies.read(scratch);
        if (scratch.capacity() > 64 * 1024) {
            scratch.capacity(256); // a large reply's buffer is not kept for the next call
        }
        return parsed;
    }

    /** XREAD / XREADGROUP with BLOCK: refused in scripts (Redis's xreadCommand check). */
    private static boolean blockingRead(CommandSpec spec, byte[][] argv) {
        if (!spec.name().equals("xread") && !spec.name().equals("xreadgroup")) {
            return false;
        }
        for (int i = 1; i < argv.length; i++) {
            String word = new String(argv[i], java.nio.charset.StandardCharsets.US_ASCII);
            if (word.equalsIgnoreCase("streams")) {
                return false;
            }
            if (word.equalsIgnoreCase("block")) {
                return true;
            }
        }
        return false;
    }

    private static LuaValue error(String text) {
        return LuaReplies.errorTable("-" + text);
    }
}
