package dev.syncer.engine.scripting;

import dev.syncer.engine.command.CommandDispatcher;
import dev.syncer.engine.command.CommandFlag;
import dev.syncer.engine.command.CommandSpec;
import dev.syncer.engine.resp.Reply;
import dev.syncer.engine.resp.RespReplyParser;
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
            "shutdown", "failover", "replicaof", "slaveof", "debug", "sentinel", "config", "acl");

    private final Shard shard;
    private final CommandDispatcher dispatcher;
    private final ByteBuf scratch = Unpooled.buffer(256);
    private final Reply reply = new Reply(scratch);
    private ScriptRun run;
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

    @Override
    public Object call(byte[][] argv) {
        CommandSpec spec = dispatcher.table().lookup(argv[0]);
        if (spec == null) {
            return error("ERR Unknown Redis command called from script");
        }
        if (!spec.arityAccepts(argv.length)) {
            return error("ERR Wrong number of args calling Redis command from script");
        }
        if (NOT_FROM_SCRIPTS.contains(spec.name().toLowerCase(java.util.Locale.ROOT))) {
            return error("ERR This Redis command is not allowed from script");
        }
        ClientSession caller = run.caller;
        if (spec.has(CommandFlag.WRITE)) {
            if (run.readOnly) {
                return error("ERR Write commands are not allowed from read-only scripts.");
            }
            if (shard.readOnlyReplica() && caller.kind() != ClientSession.Kind.MASTER) {
                return error("READONLY You can't write against a read only replica.");
            }
            String refused = writeCheck.apply(spec, caller);
            if (refused != null) {
                return error(refused);
            }
        }
        scratch.clear();
        int changes = dispatcher.run(spec, caller, argv, reply);
        if (changes > 0 && spec.has(CommandFlag.WRITE)) {
            run.wrote = true;
        }
        Object parsed = RespReplyParser.parse(scratch);
        if (scratch.capacity() > 64 * 1024) {
            scratch.capacity(256); // a large reply's buffer is not kept for the next call
        }
        return parsed;
    }

    private static RespReplyParser.Error error(String text) {
        return new RespReplyParser.Error(text);
    }
}
