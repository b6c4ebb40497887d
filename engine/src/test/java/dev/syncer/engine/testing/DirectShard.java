package dev.syncer.engine.testing;

import dev.syncer.engine.command.CommandDispatcher;
import dev.syncer.engine.Shards;
import dev.syncer.engine.keyspace.Keyspace;
import dev.syncer.engine.resp.Reply;
import dev.syncer.engine.server.ClientSession;
import dev.syncer.engine.server.Config;
import dev.syncer.engine.server.ProtectedActions;
import dev.syncer.engine.server.Shard;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A shard that never listens: commands go straight to its dispatcher on the test's thread (its
 * loop has nothing else to run, as start() was not called), replies are parsed, and everything the
 * shard propagates to replicas is captured. Its clock is a {@link TestClock}, so expiry is exact.
 *
 * <p>Replies come back as in {@link RespClient}, except bulk strings, which are decoded as UTF-8
 * text for readable assertions ({@link #callRaw} keeps the bytes).
 */
public final class DirectShard implements AutoCloseable {

    /** Something propagated: the db it applies to and the command, as text. */
    public record Propagated(int db, List<String> argv) {
        @Override
        public String toString() {
            return db + ":" + String.join(" ", argv);
        }
    }

    public static final long START_MILLIS = 1_700_000_000_000L;

    private final Shard shard;
    private final TestClock clock = new TestClock(START_MILLIS);
    private final ClientSession session;
    private final List<Propagated> propagated = new ArrayList<>();

    public DirectShard(String... settings) {
        Config config = Shards.config();
        config.setInitial(ProtectedActions.DEBUG_COMMAND, "local"); // DEBUG DIGEST/POPULATE in tests
        for (int i = 0; i + 1 < settings.length; i += 2) {
            config.setInitial(settings[i], settings[i + 1]);
        }
        this.shard = new Shard(config, clock, CommandDispatcher.standard());
        this.session = shard.internalClient(ClientSession.Kind.NORMAL);
        shard.setFeed((db, argv) -> propagated.add(new Propagated(db, text(argv))));
    }

    public Shard shard() {
        return shard;
    }

    public Keyspace keyspace() {
        return shard.keyspace();
    }

    public TestClock clock() {
        return clock;
    }

    public ClientSession session() {
        return session;
    }

    /** Runs a command and returns its reply (several replies, e.g. EXEC's, come back as one array). */
    public Object call(String... args) {
        return textual(RespClient.parse(new ByteArrayInputStream(callRaw(args))));
    }

    /** Runs a command whose reply is an array of bulk strings (nil elements stay null). */
    public List<String> callStrings(String... args) {
        Object reply = call(args);
        if (!(reply instanceof List<?> list)) {
            throw new AssertionError("expected an array reply to " + String.join(" ", args) + " but got " + reply);
        }
        return list.stream().map(String.class::cast).toList();
    }

    /** Runs a command and returns the exact reply bytes. */
    public byte[] callRaw(String... args) {
        byte[][] argv = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            argv[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return callRaw(argv);
    }

    public byte[] callRaw(byte[][] argv) {
        return callRaw(session, argv);
    }

    /** Runs a command as another client, e.g. {@code shard().internalClient(Kind.MASTER)}. */
    public Object callAs(ClientSession client, String... args) {
        byte[][] argv = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            argv[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return textual(RespClient.parse(new ByteArrayInputStream(callRaw(client, argv))));
    }

    private byte[] callRaw(ClientSession client, byte[][] argv) {
        ByteBuf out = Unpooled.buffer();
        try {
            shard.dispatcher().execute(client, argv, new Reply(out));
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            return bytes;
        } finally {
            out.release();
        }
    }

    /** What was propagated since the last call to this method, in order. */
    public List<Propagated> takePropagated() {
        List<Propagated> out = new ArrayList<>(propagated);
        propagated.clear();
        return out;
    }

    /** The propagated commands as "db:ARGS" strings, consumed. */
    public List<String> takePropagatedText() {
        return takePropagated().stream().map(Propagated::toString).toList();
    }

    private static List<String> text(byte[][] argv) {
        return Arrays.stream(argv).map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    private static Object textual(Object reply) {
        if (reply instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (reply instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(textual(o));
            }
            return out;
        }
        return reply;
    }

    /** An error reply with this message, for assertions: {@code isEqualTo(DirectShard.error("ERR ..."))}. */
    public static RespClient.Error error(String message) {
        return new RespClient.Error(message);
    }

    @Override
    public void close() {
        shard.crash();
    }
}
