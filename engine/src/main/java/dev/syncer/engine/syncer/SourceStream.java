package dev.syncer.engine.syncer;

import dev.syncer.engine.activeactive.ActiveActive;
import dev.syncer.engine.activeactive.ApplyCommands;
import dev.syncer.engine.keyspace.Numbers;
import dev.syncer.engine.replication.replica.StreamApplier;
import dev.syncer.engine.resp.RespReplyParser;
import dev.syncer.engine.activeactive.crdt.Hlc;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The source's stream while a syncer follows it: which commands go on to the local primary (only
 * the source's own {@code CRDT.APPLY}s), and the offsets — bytes read, bytes parsed, and bytes
 * whose effects the local primary acknowledged. The acknowledged offset moves only once every
 * forwarded command before it was answered: it is what the syncer ACKs and checkpoints.
 */
final class SourceStream implements StreamApplier.Target {

    private static final Logger log = LoggerFactory.getLogger(SourceStream.class);

    /** Forwarded commands waiting for a reply above which the source is not read. */
    static final int PAUSE_SOURCE_ABOVE = 20_000;

    /** What the stream needs from the syncer that follows it. */
    interface Owner {
        /** Whether this connection attempt is still the syncer's current one. */
        boolean current(long attempt);

        /** Bytes arrived from the source. */
        void ingress(int bytes);

        void sendAck(long offset);

        /** The local primary refused a forwarded command: the attempt must end. */
        void refused(String error);

        /** The local primary applied a delta made {@code lagMillis} ago at the source. */
        void applied(long lagMillis);

        Channel source();

        LocalSink sink();
    }

    private final Owner owner;
    private final long attempt;
    private final String syncerId;
    private int db;
    private long readOffset;    // bytes of the stream received
    private long streamOffset;  // bytes of the stream parsed and dispatched
    private long ackedOffset;   // bytes whose effects the local primary acknowledged
    private final InFlight inFlight = new InFlight(); // forwarded commands without a reply yet
    private final Consumer<Object> onReply = this::replied; // one callback for every forwarded command
    private final byte[] originBytes; // the source cluster's id, as CRDT.APPLY's second argument carries it
    private byte[][] forward;   // the command being dispatched, if it is to be forwarded
    private boolean sourcePaused;

    SourceStream(Owner owner, long attempt, String origin, String syncerId, long offset) {
        this.owner = owner;
        this.attempt = attempt;
        this.originBytes = origin.getBytes(StandardCharsets.UTF_8);
        this.syncerId = syncerId;
        this.readOffset = offset;
        this.streamOffset = offset;
        this.ackedOffset = offset;
    }

    long readOffset() {
        return readOffset;
    }

    long ackedOffset() {
        return ackedOffset;
    }

    int inFlight() {
        return inFlight.size();
    }

    @Override
    public void read(int bytes) {
        readOffset += bytes;
        owner.ingress(bytes);
    }

    @Override
    public boolean apply(byte[][] argv, long offsetBefore) {
        forward = null;
        if (argv.length >= 2 && is(argv[0], "REPLCONF") && is(argv[1], "GETACK")) {
            owner.sendAck(ackedOffset);
        } else if (argv.length == 2 && is(argv[0], "SELECT")) {
            db = Integer.parseInt(new String(argv[1], StandardCharsets.US_ASCII));
        } else if (isOwnDelta(argv)) {
            forward = argv;
        }
        return false; // never hold bytes for a MULTI block: each delta stands on its own
    }

    @Override
    public boolean applied(int bytes) {
        if (!owner.current(attempt)) {
            return false;
        }
        long end = streamOffset + bytes;
        streamOffset = end;
        if (forward == null) {
            if (inFlight.size() == 0) {
                ackedOffset = end;
            }
            return true;
        }
        Long ts = Numbers.parseLong(forward[2]); // the source applied it, so it is a valid timestamp
        byte[][] argv = forward;
        forward = null;
        inFlight.add(end, ts == null ? 0 : ts);
        owner.sink().send(db, argv, onReply);
        if (inFlight.size() > PAUSE_SOURCE_ABOVE && !sourcePaused) {
            sourcePaused = true;
            owner.source().config().setAutoRead(false);
        }
        return true;
    }

    @Override
    public void protocolError(String reason) {
        log.warn("Syncer {}: protocol error from the source: {}", syncerId, reason);
        owner.source().close();
    }

    /** The local primary's reply to the oldest forwarded command. */
    private void replied(Object reply) {
        if (!owner.current(attempt)) {
            return;
        }
        long end = inFlight.oldestEnd();
        long ts = inFlight.oldestTimestamp();
        inFlight.removeOldest(); // a refused one too: the next reply belongs to the next command
        if (reply instanceof RespReplyParser.Error err) {
            owner.refused(err.message());
            return;
        }
        ackedOffset = inFlight.size() == 0 ? streamOffset : end;
        owner.applied(Hlc.millisOf(ts));
        if (sourcePaused && inFlight.size() < PAUSE_SOURCE_ABOVE / 4) {
            sourcePaused = false;
            owner.source().config().setAutoRead(true);
        }
    }

    /**
     * The source cluster's own delta: {@code CRDT.APPLY <origin> <ts> <effect>} with this syncer's
     * origin (what {@link ActiveActive#originOf} finds, without a String per streamed command).
     */
    private boolean isOwnDelta(byte[][] argv) {
        return argv.length == 4 && is(argv[0], ApplyCommands.APPLY) && Arrays.equals(argv[1], originBytes);
    }

    /** Case-insensitive ASCII comparison without a String per streamed command. */
    static boolean is(byte[] arg, String word) {
        if (arg.length != word.length()) {
            return false;
        }
        for (int i = 0; i < arg.length; i++) {
            int a = arg[i] & 0xff;
            char w = word.charAt(i);
            if (a != w && Character.toUpperCase((char) a) != Character.toUpperCase(w)) {
                return false;
            }
        }
        return true;
    }
}
