package dev.syncer.engine.replication.primary;

import dev.syncer.engine.command.Args;
import dev.syncer.engine.command.CommandContext;
import dev.syncer.engine.command.CommandError;
import dev.syncer.engine.command.CommandSpec;
import dev.syncer.engine.command.CommandTable;
import dev.syncer.engine.keyspace.Numbers;
import dev.syncer.engine.replication.ReplBufReference;
import dev.syncer.engine.replication.ReplicationContext;
import dev.syncer.engine.replication.ReplicationId;
import dev.syncer.engine.replication.SyncCause;
import dev.syncer.engine.replication.SyncProgress;
import dev.syncer.engine.server.ClientSession;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static dev.syncer.engine.command.CommandFlag.ADMIN;
import static dev.syncer.engine.command.CommandFlag.NO_QUEUE;
import static dev.syncer.engine.command.CommandFlag.STALE;

/**
 * The primary's side of the handshake: REPLCONF, PSYNC and SYNC, as Redis's replconfCommand,
 * syncCommand and masterTryPartialResynchronization.
 *
 * <pre>
 * REPLCONF listening-port &lt;port&gt; | ip-address &lt;ip&gt; | capa eof|psync2 ... -&gt; +OK
 * REPLCONF ACK &lt;offset&gt;                      (from a replica; no reply)
 * REPLCONF GETACK *                           (on a replica: makes it ACK its own primary; no reply)
 * PSYNC &lt;replid&gt; &lt;offset&gt; [FAILOVER]    -&gt; +CONTINUE [&lt;replid&gt;] + backlog | +FULLRESYNC &lt;replid&gt; &lt;offset&gt; + RDB
 * SYNC                                        -&gt; $&lt;len&gt; RDB (legacy, no +FULLRESYNC line)
 * REPLCONF capa dual-channel | rdb-channel 1 | set-rdb-client-id &lt;id&gt;   (Valkey 8, see {@link RdbChannelSync})
 * </pre>
 */
public final class SyncCommands {

    private static final Logger log = LoggerFactory.getLogger(SyncCommands.class);

    private final PrimaryContext repl;

    public SyncCommands(PrimaryContext repl) {
        this.repl = repl;
    }

    public void register(CommandTable table) {
        table.add(CommandSpec.of("replconf", -1, 0, 0, 0, this::replconf, ADMIN, STALE, NO_QUEUE));
        table.add(CommandSpec.of("psync", -3, 0, 0, 0, this::psync, ADMIN, STALE, NO_QUEUE));
        table.add(CommandSpec.of("sync", 1, 0, 0, 0, this::psync, ADMIN, STALE, NO_QUEUE));
    }

    private void replconf(CommandContext ctx) {
        Args a = ctx.args();
        if (a.count() % 2 == 0) {
            throw CommandError.syntax();
        }
        ReplicaSet replicas = repl.replicas();
        for (int j = 1; j < a.count(); j += 2) {
            String option = a.option(j);
            switch (option) {
                case "LISTENING-PORT" -> replicas.linkFor(ctx.session()).listeningPort((int) a.longValue(j + 1));
                case "IP-ADDRESS" -> {
                    String ip = a.string(j + 1);
                    if (ip.length() >= 256) { // NET_HOST_STR_LEN
                        throw new CommandError("ERR REPLCONF ip-address provided by replica instance is too long: "
                                + ip.length() + " bytes");
                    }
                    replicas.linkFor(ctx.session()).announcedIp(ip);
                }
                case "CAPA" -> {
                    ReplicaLink link = replicas.linkFor(ctx.session());
                    link.capa(a.string(j + 1));
                    if (a.is(j + 1, "DUAL-CHANNEL") && repl.fullSync().rdbChannels().accepts()) {
                        link.capaDualChannel(true); // else ignored, as an unknown capa
                    }
                }
                case "ACK" -> {
                    ack(ctx.session(), a.bytes(j + 1));
                    return; // no reply, as to any ACK
                }
                case "GETACK" -> {
                    repl.link().sendAckNow(); // a replica answers its own primary; no reply here
                    return;
                }
                case "RDB-ONLY" -> {
                    long v = a.longValue(j + 1);
                    if (v != 0 && v != 1) {
                        throw new CommandError("ERR value is out of range, must be positive");
                    }
                    replicas.linkFor(ctx.session()).rdbOnly(v == 1);
                }
                case "RDB-CHANNEL" -> replicas.linkFor(ctx.session()).rdbChannel(zeroOrOne(a.longValue(j + 1)));
                case "SET-RDB-CLIENT-ID" -> {
                    Long id = Numbers.parseLong(a.bytes(j + 1));
                    if (id == null) {
                        throw new CommandError(CommandError.NOT_INTEGER);
                    }
                    repl.fullSync().rdbChannels().associate(replicas.linkFor(ctx.session()), id);
                }
                default -> throw new CommandError("ERR Unrecognized REPLCONF option: " + a.string(j));
            }
        }
        ctx.reply().ok();
    }

    private static boolean zeroOrOne(long v) {
        if (v != 0 && v != 1) {
            throw new CommandError("ERR value is out of range, must be positive");
        }
        return v == 1;
    }

    /** REPLCONF ACK: only from a replica; anything else is ignored silently, as Redis does. */
    private void ack(ClientSession session, byte[] offsetArg) {
        ReplicaLink link = repl.replicas().replicaOf(session);
        Long offset = Numbers.parseLong(offsetArg);
        if (link == null || offset == null) {
            return;
        }
        link.ack(offset, repl.now());
        repl.fullSync().rdbChannels().acked(link);
        if (link.streamOnAck() && link.state() == ReplicaLink.State.ONLINE) {
            repl.fullSync().startStream(link);
        }
        repl.acknowledged();
    }

    /** Redis's clientHasPendingReplies: replies of earlier commands not yet written to the socket. */
    private static boolean hasPendingReplies(CommandContext ctx) {
        if (ctx.reply().pending()) {
            return true;
        }
        Channel channel = ctx.session().channel();
        ChannelOutboundBuffer unsent = channel == null ? null : channel.unsafe().outboundBuffer();
        return unsent != null && unsent.totalPendingWriteBytes() > 0;
    }

    private void psync(CommandContext ctx) {
        ClientSession session = ctx.session();
        if (session.kind() == ClientSession.Kind.REPLICA) {
            return; // already a replica: Redis ignores a second PSYNC
        }
        Args a = ctx.args();
        boolean isPsync = a.is(0, "PSYNC");
        if (isPsync && a.count() > 3 && a.is(3, "FAILOVER")) {
            failoverRequest(ctx, a.string(1));
        }
        if (repl.failover().inProgress()) {
            throw new CommandError("NOMASTERLINK Can't SYNC while failing over");
        }
        if (repl.isReplica() && !repl.link().connected()) {
            throw new CommandError("NOMASTERLINK Can't SYNC while not connected with my master");
        }
        if (hasPendingReplies(ctx)) {
            // Redis's syncCommand: the replica's stream must start on a fresh output buffer (a PSYNC
            // pipelined behind REPLCONFs whose +OKs are unsent is refused, by Redis and so here too)
            throw new CommandError("ERR SYNC and PSYNC are invalid with pending output");
        }
        long offset = -1;
        if (isPsync) {
            Long parsed = Numbers.parseLong(a.bytes(2));
            if (parsed == null) { // Redis replies this too; we also skip the full sync it would start
                log.warn("Replica {} asks for synchronization but with a wrong offset", session.address());
                throw new CommandError(CommandError.NOT_INTEGER);
            }
            offset = parsed;
        }
        ReplicaLink link = repl.replicas().linkFor(session);
        log.info("Replica {} asks for synchronization", link.name());
        String replid = isPsync ? a.string(1) : "?";
        if (isPsync && link.rdbClientId() >= 0 && repl.fullSync().rdbChannels().continueOnMain(ctx, link, replid, offset)) {
            return; // a dual-channel main channel: the stream flows while the replica loads
        }
        PsyncDecision decision = PsyncDecision.decide(replid, offset, link.name(), repl.stream().history(),
                repl.stream().backlog(), repl.stream().masterReplOffset());
        SyncCause cause = isPsync && a.count() > 3 && a.is(3, "FAILOVER") ? SyncCause.FAILOVER : decision.cause().syncCause();
        SyncProgress progress = link.rdbChannel() ? repl.fullSync().rdbChannels().progressFor(link) : null;
        if (progress == null) {
            progress = repl.events().start("primary", cause, link.ip() + ":" + link.listeningPort(), repl.now());
            progress.detail(decision.detail(repl.stream().backlog()));
            progress.phase("psync", repl.now());
        }
        link.progress(progress);
        if (decision.partial()) {
            continuePartial(ctx, link, decision.offset());
            repl.stats().syncPartialOk++;
            return;
        }
        if (isPsync) {
            log.info(decision.log());
            if (!"?".equals(replid)) {
                repl.stats().syncPartialErr++;
            }
            if (link.capaDualChannel()) {
                repl.fullSync().rdbChannels().offer(ctx, link);
                return;
            }
        }
        repl.stats().syncFull++;
        if (repl.shard().config().getBoolean("repl-disable-tcp-nodelay")) {
            // Redis's syncCommand: fewer, larger packets for the replica's stream after a full sync
            // (its partial resyncs keep the setting); not critical if the transport has no such option
            session.channel().config().setOption(ChannelOption.TCP_NODELAY, false);
        }
        link.legacySync(!isPsync);
        link.state(ReplicaLink.State.WAIT_BGSAVE_START);
        link.syncRequestedMs(repl.now());
        repl.replicas().attach(link);
        progress.phase("wait-bgsave", repl.now());
        if (repl.replicas().size() == 1 && repl.stream().backlog() == null) {
            repl.stream().history().reset(ReplicationId.random());
            repl.stream().createBacklog(repl.config().backlogSize());
            log.info("Replication backlog created, my new replication IDs are '{}' and '{}'",
                    repl.stream().history().current(), repl.stream().history().replid2());
        }
        // After this turn's replies are flushed, so +FULLRESYNC follows whatever was answered before.
        repl.shard().loop().execute(() -> {
            if (session.channel().isActive()) {
                repl.fullSync().request(link);
            }
        });
    }

    /** The target of a FAILOVER promotes itself when the old primary names our own replid. */
    private void failoverRequest(CommandContext ctx, String replid) {
        log.warn("Failover request received for replid {}.", replid);
        if (!repl.isReplica()) {
            throw new CommandError("ERR PSYNC FAILOVER can't be sent to a master.");
        }
        if (!repl.stream().history().current().matches(replid)) {
            throw new CommandError("ERR PSYNC FAILOVER replid must match my replid.");
        }
        repl.promote("failover request from '" + ctx.session().address() + "'");
    }

    /** +CONTINUE, then the backlog from the requested offset; the replica is online at once. */
    private void continuePartial(CommandContext ctx, ReplicaLink link, long offset) {
        repl.replicas().attach(link);
        link.state(ReplicaLink.State.ONLINE);
        link.ack(link.ackOffset(), repl.now());
        String id = repl.stream().history().current().hex();
        ctx.reply().simple(link.capaPsync2() ? "CONTINUE " + id : "CONTINUE");
        ReplBufReference from = repl.stream().backlog().referenceAt(offset);
        long sent = from == null ? 0 : from.pendingBytes();
        link.reference(from);
        log.info("Partial resynchronization request from {} accepted. Sending {} bytes of backlog starting from offset {}.",
                link.name(), sent, offset);
        SyncProgress p = link.progress();
        p.type("partial");
        p.target(id, offset);
        p.addBytes(sent);
        link.startStreamAfterReply();
        repl.events().finish(p, "ok", repl.now());
        link.progress(null);
    }
}
