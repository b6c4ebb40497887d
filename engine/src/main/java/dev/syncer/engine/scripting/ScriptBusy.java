package dev.syncer.engine.scripting;

import dev.syncer.engine.command.CommandDispatcher;
import dev.syncer.engine.command.Pausable;
import dev.syncer.engine.command.CommandSpec;
import dev.syncer.engine.resp.Reply;
import dev.syncer.engine.server.ClientSession;
import dev.syncer.engine.server.Shard;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Scripts past busy-reply-threshold, as Redis 7.0: the script keeps running, other clients get
 * BUSY for everything but the commands Redis flags allow-busy, SCRIPT KILL / FUNCTION KILL stop a
 * script that has not written, SHUTDOWN NOSAVE ends the server. A client's EVAL / FCALL runs as a
 * {@link ScriptCoroutine}; the hook pauses it every {@link #SLICE_NANOS} once it is past the
 * threshold, and a loop task resumes it after the loop has served the other connections.
 */
final class ScriptBusy {

    private static final Logger log = LoggerFactory.getLogger(ScriptBusy.class);

    static final String BUSY_EVAL = "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.";
    static final String BUSY_FUNCTION = "BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.";
    private static final Set<String> SCRIPT_COMMANDS = Set.of("eval", "evalsha", "eval_ro", "evalsha_ro", "fcall", "fcall_ro");
    /** Commands flagged allow-busy in Redis 7.0 (SCRIPT KILL, FUNCTION KILL / STATS and SHUTDOWN checked below). */
    private static final Set<String> ALLOWED = Set.of("auth", "hello", "quit", "reset", "replconf", "discard", "multi",
            "unwatch", "watch");
    /** How long the script runs between two pauses once past the threshold. */
    private static final long SLICE_NANOS = 10_000_000;

    private final Scripting scripting;
    private final Shard shard;
    private ScriptCoroutine coroutine;
    private ClientSession pausedClient;
    private ByteBuf pausedReply;
    private boolean timedOut;
    private long lastPause;
    private long checks;

    ScriptBusy(Scripting scripting, Shard shard) {
        this.scripting = scripting;
        this.shard = shard;
    }

    void attach(CommandDispatcher commands) {
        commands.addGate(this::verdict);
        commands.pausable(new Pausable() {
            @Override
            public boolean wants(CommandSpec spec, ClientSession session) {
                return ScriptCoroutine.AVAILABLE && coroutine == null && SCRIPT_COMMANDS.contains(spec.name())
                        && session.channel() != null && session.kind() == ClientSession.Kind.NORMAL;
            }

            @Override
            public void run(ClientSession session, Reply reply, Consumer<Reply> body) {
                start(session, reply, body);
            }
        });
        shard.pauseCronWhile(() -> timedOut);
    }

    /** processCommand's busy check: null lets the command run, else the BUSY error. */
    private String verdict(CommandSpec spec, ClientSession session, byte[][] argv) {
        if (!timedOut || session.kind() == ClientSession.Kind.MASTER || allowed(spec.name(), argv)) {
            return null;
        }
        ScriptRun run = scripting.running();
        return run != null && !run.eval ? BUSY_FUNCTION : BUSY_EVAL;
    }

    private static boolean allowed(String name, byte[][] argv) {
        if (ALLOWED.contains(name)) {
            return true;
        }
        String sub = argv.length > 1 ? new String(argv[1], java.nio.charset.StandardCharsets.US_ASCII) : "";
        return switch (name) {
            case "script" -> sub.equalsIgnoreCase("kill");
            case "function" -> sub.equalsIgnoreCase("kill") || sub.equalsIgnoreCase("stats");
            case "shutdown" -> {
                for (int i = 1; i < argv.length; i++) {
                    if (new String(argv[i], java.nio.charset.StandardCharsets.US_ASCII).equalsIgnoreCase("nosave")) {
                        yield true; // only SHUTDOWN NOSAVE may end a server whose script is busy
                    }
                }
                yield false;
            }
            default -> false;
        };
    }

    private void start(ClientSession session, Reply reply, Consumer<Reply> body) {
        ByteBuf out = Unpooled.buffer(64);
        Reply own = new Reply(out, reply.protocol());
        ScriptCoroutine c = new ScriptCoroutine(() -> body.accept(own));
        coroutine = c;
        lastPause = 0;
        boolean done;
        try {
            done = c.resume();
        } catch (RuntimeException | Error e) {
            coroutine = null;
            throw e;
        }
        if (done) {
            coroutine = null;
            reply.raw(out);
            return;
        }
        pausedClient = session;
        pausedReply = out;
        session.block(); // its next requests wait for the script's reply
        carryOnLater();
    }

    /** A scheduled task, not a plain one: Netty polls the sockets before it runs. */
    private void carryOnLater() {
        shard.loop().schedule(this::carryOn, 0, TimeUnit.MILLISECONDS);
    }

    private void carryOn() {
        boolean done;
        try {
            done = coroutine.resume();
        } catch (RuntimeException | Error e) {
            log.warn("Script ended with an unexpected error", e);
            done = true;
        }
        if (!done) {
            carryOnLater();
            return;
        }
        coroutine = null;
        ClientSession client = pausedClient;
        ByteBuf out = pausedReply;
        pausedClient = null;
        pausedReply = null;
        client.unblock(r -> r.raw(out));
    }

    /**
     * The hook's check every few thousand instructions (luaMaskCountHook / scriptInterrupt): a kill
     * ends the script; past the threshold the script is marked timed out and pauses now and then.
     */
    void interrupt() {
        ScriptRun run = scripting.running();
        if (run == null) {
            return;
        }
        if ((++checks & 0x3F) == 0 && ScriptMemory.nearlyFull()) {
            log.warn("Script {} stopped: the heap is nearly full after a collection", run.name);
            throw new ScriptHook.ScriptOutOfMemory();
        }
        if (run.killRequested) {
            log.warn("Lua script killed by user with SCRIPT KILL.");
            throw new ScriptHook.ScriptKilled();
        }
        long threshold = scripting.limitMillis();
        long now = System.nanoTime();
        if (!timedOut) {
            if (threshold <= 0 || now - run.startedNanos < threshold * 1_000_000) {
                return;
            }
            if (coroutine == null || !coroutine.inside()) {
                throw new ScriptHook.ScriptTimeout(); // inside MULTI/EXEC or a replayed AOF: cannot pause
            }
            timedOut = true;
            log.warn("Slow script detected: still in execution after {} milliseconds. You can try killing the script "
                    + "using the {} command. Script name is: {}.", (now - run.startedNanos) / 1_000_000,
                    run.eval ? "SCRIPT KILL" : "FUNCTION KILL", run.name);
        }
        if (now - lastPause >= SLICE_NANOS && coroutine != null && coroutine.inside()) {
            ScriptCoroutine.pause();
            lastPause = System.nanoTime();
        }
    }

    /** The script ended (normally, by an error or killed). */
    void ended() {
        if (timedOut) {
            log.warn("Slow script finished.");
        }
        timedOut = false;
    }
}
