package dev.syncer.engine.replication.primary;

import dev.syncer.engine.replication.Backlog;
import dev.syncer.engine.replication.ReplicationContext;
import dev.syncer.engine.replication.ReplicationStream;
import dev.syncer.engine.server.ClientSession;
import dev.syncer.engine.server.OutputBufferLimit;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The replicas connected to this shard (Redis's server.slaves) and the connections that announced
 * themselves with REPLCONF but have not asked to sync yet. Told when the stream fed the backlog, it
 * gives new replicas their place in the shared replication buffer and writes and flushes each
 * replica once per event-loop turn; it enforces the replica output buffer limits and repl-timeout. Loop-confined.
 */
public final class ReplicaSet implements ReplicationStream.Sink, ReplicationContext.Replicas {

    private static final Logger log = LoggerFactory.getLogger(ReplicaSet.class);
    private static final ByteBuf NEWLINE = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(new byte[] {'\n'}));

    private final Map<Long, ReplicaLink> announced = new LinkedHashMap<>();
    private final Map<Long, ReplicaLink> replicas = new LinkedHashMap<>();
    /** The replicas as an array, rebuilt when one joins or leaves: writing or flushing to a channel
     * may close it, and closing removes its replica, so loops never iterate the map itself. */
    private ReplicaLink[] current = new ReplicaLink[0];
    private final LongSupplier clock;
    private final Supplier<OutputBufferLimit> limit;
    private final Consumer<ReplicaLink> onGone;
    private boolean flushScheduled;
    private long noReplicasSinceMs;

    /**
     * @param clock  milliseconds now
     * @param limit  the current replica output buffer limits
     * @param onGone told when a replica's connection closed (after it left the set)
     */
    public ReplicaSet(LongSupplier clock, Supplier<OutputBufferLimit> limit, Consumer<ReplicaLink> onGone) {
        this.clock = clock;
        this.limit = limit;
        this.onGone = onGone;
        this.noReplicasSinceMs = clock.getAsLong();
    }

    /** The link state of a connection that sent REPLCONF or PSYNC, created on first use. */
    ReplicaLink linkFor(ClientSession session) {
        ReplicaLink link = replicas.get(session.id());
        if (link == null) {
            link = announced.get(session.id());
        }
        if (link == null) {
            ReplicaLink created = new ReplicaLink(session, clock.getAsLong());
            announced.put(session.id(), created);
            session.channel().closeFuture().addListener(f -> gone(created));
            link = created;
        }
        return link;
    }

    /** The replica behind a connection, or null if it is not (yet) one. */
    public ReplicaLink replicaOf(ClientSession session) {
        return replicas.get(session.id());
    }

    /** Makes the connection a replica (it sent PSYNC or SYNC). */
    void attach(ReplicaLink link) {
        // processInlineBuffer: a replica's newline while it loads refreshes its ACK time, not its offset
        link.session().onKeepalive(() -> link.ack(link.ackOffset(), clock.getAsLong()));
        announced.remove(link.session().id());
        replicas.put(link.session().id(), link);
        current = replicas.values().toArray(new ReplicaLink[0]);
        link.session().kind(ClientSession.Kind.REPLICA);
    }

    public List<ReplicaLink> all() {
        return List.of(current);
    }

    public int size() {
        return replicas.size();
    }

    public long noReplicasSinceMs() {
        return noReplicasSinceMs;
    }

    private void gone(ReplicaLink link) {
        announced.remove(link.session().id());
        link.release();
        if (replicas.remove(link.session().id()) != null) {
            current = replicas.values().toArray(new ReplicaLink[0]);
            log.info("Connection with replica {} lost.", link.name());
            if (replicas.isEmpty()) {
                noReplicasSinceMs = clock.getAsLong();
            }
            onGone.accept(link);
        }
    }

    /** Closes a replica's connection; cleanup follows when it has closed. */
    public void drop(ReplicaLink link, String why) {
        log.warn("{}: {}", why, link.name());
        link.channel().close();
    }

    /** Closes every replica (promotion, a full sync from our own primary, a changed replid). */
    public void dropAll(String why) {
        for (ReplicaLink link : all()) {
            log.info("{}: closing replica {}", why, link.name());
            link.channel().close();
        }
    }

    /**
     * Bytes were appended to the backlog: replicas that take the stream and have no place in the
     * buffer yet get theirs where the bytes begin (feedReplicationBuffer); the hard output buffer
     * limit is checked; the writes wait for the end of this loop turn.
     */
    @Override
    public void fed(Backlog backlog) {
        long hard = hardLimit(limit.get(), backlog.size());
        List<ReplicaLink> over = null;
        for (ReplicaLink link : current) {
            if (!link.wantsStream()) {
                continue;
            }
            if (!link.hasReference(backlog)) {
                link.reference(backlog.referenceAtLastAppend());
            }
            if (hard > 0 && link.outputBufferBytes() >= hard) {
                over = over == null ? new ArrayList<>() : over;
                over.add(link);
            }
        }
        if (over != null) {
            over.forEach(link -> drop(link,
                    "Client scheduled to be closed ASAP for overcoming of output buffer limits (hard limit)"));
        }
        scheduleFlush();
    }

    /**
     * checkClientOutputBufferLimits' hard limit for replicas: never below repl-backlog-size (a
     * replica resuming from the backlog must not be dropped for it; it shares those bytes anyway).
     */
    static long hardLimit(OutputBufferLimit l, long backlogSize) {
        return l.hard() > 0 ? Math.max(l.hard(), backlogSize) : 0;
    }

    private void scheduleFlush() {
        if (flushScheduled || current.length == 0) {
            return;
        }
        flushScheduled = true;
        Channel any = current[0].channel();
        any.eventLoop().execute(this::flush); // once per loop turn, as Redis writes in beforeSleep
    }

    private void flush() {
        flushScheduled = false;
        for (ReplicaLink link : current) {
            if (link.writeStream()) {
                link.channel().flush();
            }
        }
    }

    /** Replicas whose last ACK is at most maxLagSeconds old (min-replicas-to-write's "good"). */
    public int goodReplicas(long maxLagSeconds) {
        long now = clock.getAsLong();
        int good = 0;
        for (ReplicaLink link : current) {
            if (link.state() == ReplicaLink.State.ONLINE && (now - link.ackTimeMs()) / 1000 <= maxLagSeconds) {
                good++;
            }
        }
        return good;
    }

    /** Online replicas that acknowledged at least offset (WAIT). */
    public int acknowledged(long offset) {
        int n = 0;
        for (ReplicaLink link : current) {
            if (link.state() == ReplicaLink.State.ONLINE && link.ackOffset() >= offset) {
                n++;
            }
        }
        return n;
    }

    /**
     * Once a second (Redis's replicationCron): a newline to replicas waiting for their snapshot
     * (diskDump: a disk snapshot is being written), drop replicas silent for repl-timeout or not
     * reading a diskless dump's chunks for as long, and
     * enforce the soft output buffer limit.
     */
    public void cron(boolean diskDump, long timeoutMs) {
        long now = clock.getAsLong();
        OutputBufferLimit l = limit.get();
        for (ReplicaLink link : all()) {
            boolean presync = link.state() == ReplicaLink.State.WAIT_BGSAVE_START
                    || (link.state() == ReplicaLink.State.WAIT_BGSAVE_END && diskDump);
            if (presync) {
                link.channel().writeAndFlush(NEWLINE.duplicate(), link.channel().voidPromise());
            }
            long stalled = link.state() == ReplicaLink.State.WAIT_BGSAVE_END ? link.socketDumpStalledSinceMs() : 0;
            if (stalled != 0 && System.currentTimeMillis() - stalled > timeoutMs) {
                drop(link, "Disconnecting timedout replica (full sync)");
                continue;
            }
            if (link.state() == ReplicaLink.State.ONLINE && !link.legacySync() && now - link.ackTimeMs() > timeoutMs) {
                drop(link, "Disconnecting timedout replica (streaming sync)");
                continue;
            }
            if (l.soft() > 0 && link.outputBufferBytes() > l.soft()) {
                if (link.overSoftLimitSinceMs() == 0) {
                    link.overSoftLimitSinceMs(now);
                } else if ((now - link.overSoftLimitSinceMs()) / 1000 >= l.softSeconds()) {
                    drop(link, "Client scheduled to be closed ASAP for overcoming of output buffer limits (soft limit)");
                }
            } else {
                link.overSoftLimitSinceMs(0);
            }
        }
    }
}
