package dev.syncer.engine.activeactive;

import dev.syncer.engine.command.CommandContext;
import dev.syncer.engine.command.CommandError;
import dev.syncer.engine.command.CommandSpec;
import dev.syncer.engine.command.CommandTable;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.server.ClientSession;
import dev.syncer.engine.keyspace.Numbers;
import dev.syncer.engine.activeactive.crdt.Delta;
import dev.syncer.engine.activeactive.crdt.DeltaCodec;
import dev.syncer.engine.activeactive.crdt.MalformedStateException;
import dev.syncer.engine.activeactive.crdt.OriginNames;
import dev.syncer.engine.activeactive.crdt.KeyState;
import dev.syncer.engine.activeactive.crdt.StateCodec;
import dev.syncer.engine.activeactive.crdt.Tag;

import java.nio.charset.StandardCharsets;

import static dev.syncer.engine.command.CommandFlag.DENYOOM;
import static dev.syncer.engine.command.CommandFlag.WRITE;

/**
 * The commands deltas and states travel as.
 * <ul>
 *   <li>{@code CRDT.APPLY <origin> <ts> <delta>}: joins a delta made by cluster {@code origin} at
 *   HLC timestamp {@code ts} (encoding in {@link DeltaCodec}) into the selected database. A
 *   primary's stream carries its local writes this way; a replica applies them from its master
 *   link; the local syncer writes remote clusters' deltas into the primary with it (the primary's
 *   stream then carries them with their remote origin, which other syncers skip).</li>
 *   <li>{@code CRDT.MERGE <key> <state>}: joins a complete key state (a full sync between
 *   clusters, through the primary so its replicas get it too). Syncers do not forward it.</li>
 * </ul>
 * Both reply +OK, propagate as received when they changed something, and answer garbage with
 * "ERR CRDT.APPLY: ..." without touching the data.
 */
public final class ApplyCommands {

    public static final String APPLY = "CRDT.APPLY";
    public static final String MERGE = "CRDT.MERGE";
    private static final byte[] APPLY_NAME = APPLY.getBytes(StandardCharsets.US_ASCII);
    /** Timestamps are positive and leave room above them (2^62 is far beyond any clock's reach). */
    private static final long MAX_TS = 1L << 62;

    private ApplyCommands() {
    }

    static void register(CommandTable t, ActiveActive aa) {
        t.add(CommandSpec.of(APPLY.toLowerCase(java.util.Locale.ROOT), 4, 0, 0, 0, ctx -> apply(aa, ctx), WRITE, DENYOOM));
        t.add(CommandSpec.of(MERGE.toLowerCase(java.util.Locale.ROOT), 3, 1, 1, 1, ctx -> merge(aa, ctx), WRITE, DENYOOM));
    }

    /** The command a delta propagates as. */
    static byte[][] argv(Delta delta) {
        return new byte[][] {APPLY_NAME, delta.tag().origin().getBytes(StandardCharsets.UTF_8),
            Long.toString(delta.tag().ts()).getBytes(StandardCharsets.US_ASCII), DeltaCodec.encode(delta)};
    }

    /**
     * The origin of a command seen in a replication stream if it is a well-formed CRDT.APPLY, else
     * null: what a syncer checks to forward only the source cluster's own writes.
     */
    public static String originOf(byte[][] argv) {
        if (argv.length != 4 || !new String(argv[0], StandardCharsets.ISO_8859_1).equalsIgnoreCase(APPLY)) {
            return null;
        }
        String origin = new String(argv[1], StandardCharsets.UTF_8);
        return ActiveActive.validClusterId(origin) ? origin : null;
    }

    /** Decodes a CRDT.APPLY's arguments (the origin as {@link ClusterIds#of} found it); {@link CommandError} with the reason if they are not valid. */
    static Delta parse(String cluster, byte[] ts, byte[] encoded, OriginNames known) {
        if (cluster == null) {
            throw new CommandError("ERR " + APPLY + ": invalid origin cluster id");
        }
        Long t = Numbers.parseLong(ts);
        if (t == null || t <= 0 || t >= MAX_TS) {
            throw new CommandError("ERR " + APPLY + ": invalid timestamp");
        }
        try {
            return DeltaCodec.decode(new Tag(t, cluster), encoded, known);
        } catch (MalformedStateException e) {
            throw new CommandError("ERR " + APPLY + ": malformed delta: " + e.getMessage());
        }
    }

    private static void apply(ActiveActive aa, CommandContext ctx) {
        String cluster = aa.clusterIds().of(ctx.args().bytes(1));
        String refusal = aa.refusal(ctx.session(), APPLY, cluster != null ? cluster : ctx.args().string(1));
        if (refusal != null) {
            throw new CommandError(refusal);
        }
        Delta delta;
        try {
            delta = parse(cluster, ctx.args().bytes(2), ctx.args().bytes(3), aa.clusterIds());
        } catch (CommandError e) {
            aa.rejected();
            throw e;
        }
        long maxTimestamp = delta.maxTimestamp(); // walks every state: once per delta
        if (fromOutside(ctx) && aa.quarantined(APPLY, delta.tag().origin(), maxTimestamp)) {
            ctx.reply().ok();
            return;
        }
        for (int i = 0; i < delta.size(); i++) {
            Key key = delta.keyAt(i);
            aa.adoptIfPlain(ctx, key, aa.store().live(ctx.session().db(), key));
        }
        if (aa.applyDelta(ctx.session().db(), delta, maxTimestamp)) {
            ctx.propagateAs(ctx.args().argv()); // as received, after any adoption it caused
        }
        ctx.reply().ok();
    }

    /** Not from this shard's primary: a replica applies what its primary accepted, as it is. */
    private static boolean fromOutside(CommandContext ctx) {
        return ctx.session().kind() != ClientSession.Kind.MASTER;
    }

    private static void merge(ActiveActive aa, CommandContext ctx) {
        String refusal = aa.refusal(ctx.session(), MERGE, null);
        if (refusal != null) {
            throw new CommandError(refusal);
        }
        KeyState state;
        try {
            state = StateCodec.decode(ctx.args().bytes(2));
        } catch (MalformedStateException e) {
            aa.rejected();
            throw new CommandError("ERR " + MERGE + ": malformed state: " + e.getMessage());
        }
        if (fromOutside(ctx) && aa.quarantined(MERGE, ctx.args().string(1), state.maxTimestamp())) {
            ctx.reply().ok();
            return;
        }
        if (aa.mergeState(ctx.session().db(), ctx.args().key(1), state)) {
            ctx.changed();
        }
        ctx.reply().ok();
    }
}
