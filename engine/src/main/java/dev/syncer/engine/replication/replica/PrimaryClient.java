package dev.syncer.engine.replication.replica;

import dev.syncer.engine.replication.ReplicationContext;
import dev.syncer.engine.resp.RespEncoding;
import dev.syncer.engine.resp.Reply;
import dev.syncer.engine.server.ClientPause;
import dev.syncer.engine.server.ClientSession;
import dev.syncer.engine.server.Shard;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * The primary as a client of this replica (Redis's server.master): it runs the stream's commands
 * through the dispatcher as a MASTER client whose replies are discarded, counts the bytes it read
 * and applied, relays applied bytes to our own replicas, and answers with REPLCONF ACK.
 * Listed by CLIENT LIST (flags=M) and killable with CLIENT KILL TYPE master. Loop-confined.
 */
final class PrimaryClient implements StreamApplier.Target {

    private static final Logger log = LoggerFactory.getLogger(PrimaryClient.class);

    private final ReplicationContext repl;
    private final Shard shard;
    private final Channel channel;
    private final ClientSession session;
    private final Reply discarded = new Reply(Unpooled.buffer(256));
    private final boolean acks;
    private long reploff;
    private long readReploff;
    private long lastIoMs;
    private boolean protocolError;
    private Divergence divergence; // set at the first command that could not be applied
    private boolean closed; // the link let go of it: whatever is left of a read in progress is dropped

    /**
     * @param offset the offset of the last byte we have (the sync's starting point)
     * @param db     the database the stream has selected (repl-stream-db, or the cached one)
     * @param acks   false after a legacy SYNC, which gets no offsets to acknowledge
     */
    PrimaryClient(ReplicationContext repl, Channel channel, long offset, int db, boolean acks) {
        this.repl = repl;
        this.shard = repl.shard();
        this.channel = channel;
        this.reploff = offset;
        this.readReploff = offset;
        this.acks = acks;
        this.lastIoMs = repl.now();
        this.session = shard.internalClient(ClientSession.Kind.MASTER, channel);
        session.select(db);
        shard.registerClient(session);
    }

    /** The stream's handlers, applying from where this client starts. */
    StreamApplier applier() {
        return new StreamApplier(this, channel.alloc(), reploff);
    }

    /** The stream's pause gate: CLIENT PAUSE (and FAILOVER's) holds what it would hold of a client's. */
    PrimaryPause pauseGate() {
        ClientPause pause = shard.clientPause();
        return new PrimaryPause(new PrimaryPause.Pause() {
            @Override
            public boolean holds(byte[][] argv) {
                return pause.paused() && pause.holds(shard.dispatcher().mayReplicate(session, argv));
            }

            @Override
            public void whenLessRestrictive(Runnable resume) {
                pause.whenLessRestrictive(resume);
            }
        });
    }

    long reploff() {
        return reploff;
    }

    long readReploff() {
        return readReploff;
    }

    long lastIoMs() {
        return lastIoMs;
    }

    int db() {
        return session.db();
    }

    boolean protocolError() {
        return protocolError;
    }

    /** The command this replica could not apply, or null while it applies everything. */
    Divergence divergence() {
        return divergence;
    }

    /** REPLCONF ACK with what we applied (cron, or asked by our own replicas' GETACK). */
    void sendAck() {
        if (acks) {
            sendAck(reploff);
        }
    }

    private void sendAck(long offset) {
        if (channel.isActive()) {
            channel.writeAndFlush(RespEncoding.encode(channel.alloc(),
                    RespEncoding.argv("REPLCONF", "ACK", Long.toString(offset))));
        }
    }

    void close() {
        closed = true;
        shard.unregisterClient(session);
    }

    @Override
    public void read(int bytes) {
        readReploff += bytes;
        lastIoMs = repl.now();
    }

    @Override
    public boolean apply(byte[][] argv, long offsetBefore) {
        if (closed) {
            // The link closed inside this read (an ACK that could not be written) and cached its
            // offset there: a command applied now would be resent from that offset and applied twice.
            return false;
        }
        if (argv.length >= 2 && eq(argv[0], "REPLCONF") && eq(argv[1], "GETACK")) {
            if (acks) {
                sendAck(offsetBefore); // the offset before this GETACK, as Redis answers
            }
            return false;
        }
        if (divergence != null) {
            return false; // stopped: nothing after the refused command is applied or acknowledged
        }
        long errorsBefore = shard.stats().errorReplies;
        shard.dispatcher().execute(session, argv, discarded);
        ByteBuf out = discarded.buffer();
        boolean errorReply = out.isReadable() && out.getByte(out.readerIndex()) == '-';
        if (!errorReply && shard.stats().errorReplies == errorsBefore) {
            out.clear(); // the usual case: applied, and the reply is not looked at
            return session.inMulti();
        }
        byte[] reply = new byte[out.readableBytes()];
        out.readBytes(reply);
        out.clear();
        String error = Divergence.errorIn(reply);
        if (error == null && shard.stats().errorReplies > errorsBefore) {
            error = "an error inside the transaction: " + new String(reply, StandardCharsets.UTF_8).strip();
        }
        if (error != null) {
            Divergence d = new Divergence(new String(argv[0], StandardCharsets.UTF_8), offsetBefore, error);
            String behavior = Divergence.behavior(shard.config().get("propagation-error-behavior"),
                    shard.config().getBoolean("replica-read-only"));
            if (behavior.equals("ignore")) {
                ignore(d);
                return session.inMulti();
            }
            diverge(d);
            if (behavior.startsWith("panic")) {
                log.error("Guru Meditation: Replica was asked to panic on a command its MASTER sent "
                        + "(propagation-error-behavior {}). Stopping.", behavior);
                // as Redis's serverPanic: this shard ends here (from another thread: a loop cannot await its own end)
                Thread.ofPlatform().name("replica-panic").start(shard::crash);
            }
            return false;
        }
        return session.inMulti();
    }

    /**
     * propagation-error-behavior ignore, as Redis's afterErrorReply: still an alarm (logged,
     * counted, a failed sync event), but the link goes on and the offset moves past the command.
     */
    private void ignore(Divergence d) {
        shard.stats().unexpectedErrorReplies++;
        log.error("== CRITICAL == This replica is sending an error to its master: {}. The dataset has diverged "
                + "from the MASTER's; the link goes on (propagation-error-behavior ignore).", d.describe());
        String peer = channel.remoteAddress() instanceof java.net.InetSocketAddress a ? a.getHostString() + ":" + a.getPort() : "?";
        d.record(repl.events(), peer, repl.stream().history().current().hex(), repl.now());
    }

    /**
     * The primary's command failed here, so the datasets differ from this byte on. Redis's replica
     * logs it and carries on (afterErrorReply); this one stops acknowledging and ends the link, so
     * nothing downstream believes it is in sync.
     */
    private void diverge(Divergence d) {
        divergence = d;
        shard.stats().unexpectedErrorReplies++;
        log.error("== CRITICAL == This replica cannot apply a command from its MASTER: {}. The dataset has "
                + "diverged from the MASTER's; the link stays down until REPLICAOF is given again.", d.describe());
        channel.close();
    }

    @Override
    public boolean applied(int bytes) {
        if (divergence != null || closed) {
            return false; // a refused command's bytes (and any after it, or after the link closed): neither counted nor relayed
        }
        reploff += bytes;
        return true;
    }

    @Override
    public void relay(ByteBuf bytes) {
        repl.stream().relay(bytes);
    }

    @Override
    public void protocolError(String reason) {
        log.warn("Protocol error from MASTER: {}; dropping the link and the cached master", reason);
        protocolError = true;
        channel.close();
    }

    /** Case-insensitive ASCII comparison without a String per streamed command. */
    private static boolean eq(byte[] arg, String word) {
        if (arg.length != word.length()) {
            return false;
        }
        for (int i = 0; i < arg.length; i++) {
            if (Character.toUpperCase((char) (arg[i] & 0xff)) != Character.toUpperCase(word.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
