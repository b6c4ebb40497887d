package dev.syncer.engine.server;

import dev.syncer.engine.resp.Reply;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One client connection's state, as Redis's {@code client} struct: selected db, auth, name, MULTI
 * queue, and its kind (normal, replica, or the master link a replica applies its stream from).
 * Only the shard's event loop touches it.
 */
public final class ClientSession {

    /** CLIENT LIST's and CLIENT KILL TYPE's kinds. */
    public enum Kind { NORMAL, REPLICA, MASTER }

    private final long id;
    private final Channel channel;
    private final long createdMillis;
    private long lastInteractionMillis;
    private Runnable onKeepalive = () -> { };
    private int db;
    private boolean authenticated;
    private Principal principal;
    private String name = "";
    private Kind kind = Kind.NORMAL;
    private String lastCommand = "NULL";
    private long overSoftLimitSinceMillis;
    /** Redis's c->woff: the replication offset right after this client's last propagated write. */
    private long writeOffset;
    private boolean pubsub;
    private int protocol = 2;

    private List<byte[][]> multiQueue; // null when not in MULTI
    /** Redis's mstate.argv_len_sums: the queued commands' argument lengths plus a pointer per argument. */
    private long multiArgvBytes;
    private boolean multiFailed;
    private boolean closeAfterReply;
    private boolean blocked;
    private Consumer<Consumer<Reply>> resumer = late -> { };
    private LongSupplier heldOutput = () -> 0; // a replica's stream held back during its full sync
    private Consumer<byte[]> pusher = this::writeNow;
    private boolean replyOff;
    private boolean replySkipNext;
    private boolean replySkip;
    private long requestBytes;
    private String unixSocket; // null: a TCP client

    public ClientSession(long id, Channel channel, boolean authenticated, long nowMillis) {
        this.id = id;
        this.channel = channel;
        this.authenticated = authenticated;
        this.createdMillis = nowMillis;
        this.lastInteractionMillis = nowMillis;
    }

    /**
     * Bytes of replies written but not yet taken by the socket (CLIENT LIST's omem), plus what a
     * replica's link holds back for it during a full sync (Redis counts that as the replica's
     * output buffer too). Loop thread.
     */
    public long outputBufferBytes() {
        ChannelOutboundBuffer out = channel == null ? null : channel.unsafe().outboundBuffer();
        return (out == null ? 0 : out.totalPendingWriteBytes()) + heldOutput.getAsLong();
    }

    /** Bytes of replies written but not yet taken by the socket, without what a replica's link holds. */
    public long socketOutputBytes() {
        ChannelOutboundBuffer out = channel == null ? null : channel.unsafe().outboundBuffer();
        return out == null ? 0 : out.totalPendingWriteBytes();
    }

    /** What a replica's link holds back for this connection (not yet written to it). */
    public void heldOutput(LongSupplier held) {
        this.heldOutput = held;
    }

    /** Since when (ms) the output has been above the soft limit; 0 when it is not. */
    long overSoftLimitSinceMillis() {
        return overSoftLimitSinceMillis;
    }

    void overSoftLimitSinceMillis(long since) {
        this.overSoftLimitSinceMillis = since;
    }

    /** CLIENT NO-EVICT ON: never disconnected by client eviction. */
    public boolean noEvict() {
        return noEvict;
    }

    public void noEvict(boolean on) {
        this.noEvict = on;
    }

    private boolean noEvict;

    /** Redis's CLIENT_PUBSUB: subscribed to something, so of the pubsub output-buffer class. */
    public boolean pubsub() {
        return pubsub;
    }

    public void pubsub(boolean subscribed) {
        this.pubsub = subscribed;
    }

    /** Bytes arrived from the client, even half a request: it is not idle (Redis's lastinteraction). */
    void interacted(long nowMillis) {
        this.lastInteractionMillis = nowMillis;
    }

    /** The replication offset WAIT waits for: the end of this client's last propagated write. */
    public long writeOffset() {
        return writeOffset;
    }

    public void writeOffset(long offset) {
        this.writeOffset = offset;
    }

    public long id() {
        return id;
    }

    /** The connection, or null for an internal client (a replica's master link applies commands this way too). */
    public Channel channel() {
        return channel;
    }

    public int db() {
        return db;
    }

    public void select(int db) {
        this.db = db;
    }

    public boolean authenticated() {
        return authenticated;
    }

    public void authenticate() {
        this.authenticated = true;
    }

    /** Authenticated as {@code user} (AUTH, HELLO AUTH, or the default user on connect). */
    public void authenticate(Principal user) {
        this.principal = user;
        this.authenticated = true;
    }

    /** The user a connection starts as, before AUTH: it may not yet be authenticated. */
    public void startAs(Principal user, boolean authenticated) {
        this.principal = user;
        this.authenticated = authenticated;
    }

    /** The user this client runs as; null for an in-process client (unrestricted). */
    public Principal principal() {
        return principal;
    }

    /** CLIENT LIST's user field. */
    public String userName() {
        return principal == null ? "default" : principal.name();
    }

    public String name() {
        return name;
    }

    public void name(String name) {
        this.name = name;
    }

    /** The RESP version HELLO chose (Redis's client->resp): 2 until HELLO 3. */
    public int protocol() {
        return protocol;
    }

    public void protocol(int protocol) {
        this.protocol = protocol;
    }

    public Kind kind() {
        return kind;
    }

    public void kind(Kind kind) {
        this.kind = kind;
    }

    public long createdMillis() {
        return createdMillis;
    }

    /** What an empty line from this client means: nothing, or for a replica's connection, that it is alive. */
    public void onKeepalive(Runnable action) {
        this.onKeepalive = action;
    }

    /** The client sent an empty line (see {@link dev.syncer.engine.resp.RespKeepalive}). */
    public void keepalive() {
        onKeepalive.run();
    }

    public long lastInteractionMillis() {
        return lastInteractionMillis;
    }

    public void touch(long nowMillis, String command) {
        this.lastInteractionMillis = nowMillis;
        this.lastCommand = command;
    }

    public String lastCommand() {
        return lastCommand;
    }

    public boolean inMulti() {
        return multiQueue != null;
    }

    public void beginMulti() {
        multiQueue = new ArrayList<>();
        multiArgvBytes = 0;
        multiFailed = false;
    }

    public void queue(byte[][] argv) {
        multiQueue.add(argv);
        multiArgvBytes += ClientMemory.argvLength(argv) + (long) ClientMemory.POINTER * argv.length;
    }

    /** CLIENT LIST's multi-mem: what the queued commands' arguments take. */
    public long multiArgvBytes() {
        return multiArgvBytes;
    }

    /** A command failed to queue (unknown, wrong arity): EXEC will answer EXECABORT. */
    public void failMulti() {
        multiFailed = true;
    }

    public boolean multiFailed() {
        return multiFailed;
    }

    /** Ends MULTI and hands back the queued commands. */
    public List<byte[][]> endMulti() {
        List<byte[][]> q = multiQueue;
        multiQueue = null;
        multiArgvBytes = 0;
        multiFailed = false;
        return q;
    }

    /** The commands queued so far in MULTI (empty outside it); read-only. */
    public List<byte[][]> queued() {
        return multiQueue == null ? List.of() : java.util.Collections.unmodifiableList(multiQueue);
    }

    public int multiQueueSize() {
        return multiQueue == null ? -1 : multiQueue.size();
    }

    public boolean closeAfterReply() {
        return closeAfterReply;
    }

    public void closeAfterReply(boolean close) {
        this.closeAfterReply = close;
    }

    /**
     * Parks the client, as Redis's blockClient: the current command replies later (WAIT) or runs
     * again later (a write during CLIENT PAUSE or a FAILOVER); requests arriving meanwhile wait their turn.
     */
    public void block() {
        blocked = true;
    }

    public boolean blocked() {
        return blocked;
    }

    /**
     * Resumes a parked client on the loop: {@code lateReply} writes the parked command's reply (or
     * re-runs it) in order, then the requests that arrived meanwhile run. A no-op if not parked.
     */
    public void unblock(Consumer<Reply> lateReply) {
        if (!blocked) {
            return;
        }
        blocked = false;
        resumer.accept(lateReply);
    }

    /**
     * Sends a message the client did not ask for (an invalidation, a tracking-redir-broken) in
     * order with its replies: after what its current batch has answered so far. CLIENT REPLY OFF
     * does not silence it, as Redis's CLIENT_PUSHING.
     */
    public void push(byte[] message) {
        pusher.accept(message);
    }

    void pusher(Consumer<byte[]> pusher) {
        this.pusher = pusher;
    }

    private void writeNow(byte[] message) {
        if (channel != null && channel.isActive()) {
            channel.writeAndFlush(io.netty.buffer.Unpooled.wrappedBuffer(message), channel.voidPromise());
        }
    }

    /** The query buffer: the request being executed (CLIENT LIST's qbuf), 0 between requests. */
    public long requestBytes() {
        return requestBytes;
    }

    /** The arguments of the command being executed (argv-mem, argc), none between requests. */
    public long argvLength() {
        byte[][] a = runningArgv;
        return a == null ? 0 : ClientMemory.argvLength(a);
    }

    public int argc() {
        byte[][] a = runningArgv;
        return a == null ? 0 : a.length;
    }

    /**
     * The request about to run (its wire bytes and arguments), or none (0, null) once it ran. The
     * arguments are summed only when asked (CLIENT LIST, eviction), not per request.
     */
    void running(long wireBytes, byte[][] argv) {
        this.requestBytes = wireBytes;
        this.runningArgv = argv;
    }

    private byte[][] runningArgv;

    /** CLIENT REPLY ON | OFF | SKIP (SKIP is ignored while OFF, as Redis). */
    public void replyMode(String mode) {
        switch (mode) {
            case "ON" -> {
                replyOff = false;
                replySkip = false;
            }
            case "OFF" -> replyOff = true;
            case "SKIP" -> replySkipNext = !replyOff;
            default -> throw new IllegalArgumentException(mode);
        }
    }

    /** The reply of the command about to run is dropped (CLIENT REPLY OFF, or SKIP before it). */
    public boolean repliesSilenced() {
        return replyOff || replySkip;
    }

    /** resetClient: a SKIP given by the previous command applies to the next one only. */
    public void requestDone() {
        replySkip = replySkipNext;
        replySkipNext = false;
    }

    /** The connection's way to resume this client (set by the connection handler). */
    void resumer(Consumer<Consumer<Reply>> resumer) {
        this.resumer = resumer;
    }

    /** The client came in through the unix socket at this path (Redis's CLIENT_UNIX_SOCKET). */
    void unixSocket(String path) {
        this.unixSocket = path;
    }

    public boolean isUnixSocket() {
        return unixSocket != null;
    }

    /** genClientAddrString: ip:port, or {@code <unixsocket>:0} for a unix socket client. */
    public String address() {
        if (unixSocket != null) {
            return unixSocket + ":0";
        }
        return channel != null && channel.remoteAddress() instanceof InetSocketAddress a
                ? a.getAddress().getHostAddress() + ":" + a.getPort() : "";
    }

    /** islocalClient: a unix socket, or connected from 127.0.0.1 or ::1 (an in-process client counts as local). */
    public boolean isLocal() {
        if (unixSocket != null) {
            return true;
        }
        if (channel == null || !(channel.remoteAddress() instanceof InetSocketAddress a)) {
            return true;
        }
        String ip = a.getAddress().getHostAddress();
        return ip.equals("127.0.0.1") || ip.equals("0:0:0:0:0:0:0:1");
    }

    public String localAddress() {
        if (unixSocket != null) {
            return unixSocket + ":0";
        }
        return channel != null && channel.localAddress() instanceof InetSocketAddress a
                ? a.getAddress().getHostAddress() + ":" + a.getPort() : "";
    }
}
