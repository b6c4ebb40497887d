package dev.syncer.engine.activeactive;

import dev.syncer.engine.command.CommandDispatcher;
import dev.syncer.engine.command.CommandContext;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.Keyspace;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.server.ClientSession;
import dev.syncer.engine.server.Config;
import dev.syncer.engine.server.Shard;
import dev.syncer.engine.activeactive.crdt.Delta;
import dev.syncer.engine.activeactive.crdt.Hlc;
import dev.syncer.engine.activeactive.crdt.KeyState;
import dev.syncer.engine.activeactive.crdt.MalformedStateException;
import dev.syncer.engine.activeactive.crdt.StateCodec;
import dev.syncer.engine.activeactive.crdt.Tag;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Active-Active mode of a shard. With {@code active-active-origin <cluster-id>} set, the write
 * commands of strings, hashes, sets, sorted sets, lists and keys run in their conflict-free form
 * (each computes a delta with the shard's hybrid logical clock, joins it locally, replies as Redis
 * would, and propagates the delta as {@code CRDT.APPLY}); write commands whose effect cannot be
 * merged are refused. Whatever the mode, the shard accepts {@code CRDT.APPLY} and
 * {@code CRDT.MERGE} (from its primary's stream, from the local syncer) and keeps the states.
 *
 * <p>What the network syncer and persistence build on: {@link #originOf} (which stream commands
 * to forward), {@link #applyDelta} (the delta path, also behind CRDT.APPLY),
 * {@link #encodeState}/{@link #encodeTombstones}/{@link #mergeState} (complete states for full
 * syncs and the RDB), {@link #status()} (what INFO shows). Everything runs on the shard's event
 * loop, except {@link #originOf} and {@link #encodeState(RedisValue)}, which reads a snapshot's
 * value from any thread.
 */
public final class ActiveActive {

    /** The setting naming this cluster; empty leaves the shard a plain Redis. */
    public static final String ORIGIN_CONFIG = "active-active-origin";
    /** How far ahead of the local clock (ms) a remote effect's timestamp may be before it is quarantined. */
    public static final String CLOCK_DRIFT_CONFIG = "crdt-max-clock-drift";

    private static final Logger log = LoggerFactory.getLogger(ActiveActive.class);

    private final Shard shard;
    private final String origin;
    private final Hlc hlc;
    private final CrdtStore store;
    private final ClusterIds clusterIds = new ClusterIds();
    private long deltasLocal;
    private long deltasRemote;
    private long deltasReplicated;
    private long deltasRejected;
    private long deltasQuarantined;
    private long effectsNoperm;
    private Map<String, String> identities = Map.of();

    private ActiveActive(Shard shard, String origin) {
        this.shard = shard;
        this.origin = origin;
        this.hlc = new Hlc(() -> shard.clock().millis());
        this.store = new CrdtStore(shard.keyspace());
    }

    /** Defines {@value #ORIGIN_CONFIG} (set at start-up: a shard is Active-Active for its lifetime). */
    public static void define(Config config) {
        config.define(ORIGIN_CONFIG, "", ActiveActive::clusterId, false);
        config.markHidden(ORIGIN_CONFIG); // immutable and not Redis's: CONFIG GET * lists Redis's settings
        config.define(CLOCK_DRIFT_CONFIG, "60000", ActiveActive::nonNegative, true);
        config.define(SyncerIdentities.CONFIG, "", SyncerIdentities::normalise, true);
        config.markHidden(SyncerIdentities.CONFIG); // protected and not Redis's, as active-active-origin
        config.markProtected(SyncerIdentities.CONFIG); // who may write other clusters' effects: not for any client to change
    }

    /** Attaches the component: CRDT commands, INFO section, and in A-A mode the command forms and expiry. */
    public static ActiveActive attach(Shard shard, CommandDispatcher commands) {
        ActiveActive aa = new ActiveActive(shard, shard.config().get(ORIGIN_CONFIG));
        aa.identities = SyncerIdentities.parse(shard.config().get(SyncerIdentities.CONFIG));
        shard.config().watch(SyncerIdentities.CONFIG, v -> aa.identities = SyncerIdentities.parse(v));
        ApplyCommands.register(commands.table(), aa);
        shard.addInfoSection(new ActiveActiveInfo(aa));
        if (aa.enabled()) {
            ActiveActiveCommands.install(commands.table(), aa);
            shard.keyspace().setExpiryListener(new ExpiryTombstones(aa));
        }
        return aa;
    }

    static String clusterId(String value) {
        String v = value.trim();
        if (!v.isEmpty() && !validClusterId(v)) {
            throw new IllegalArgumentException("cluster id must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        return v;
    }

    private static String nonNegative(String value) {
        long v;
        try {
            v = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("argument couldn't be parsed into an integer");
        }
        if (v < 0) {
            throw new IllegalArgumentException("argument must be between 0 and 9223372036854775807 inclusive");
        }
        return Long.toString(v);
    }

    /**
     * 1 to 64 of {@code [A-Za-z0-9._-]}. Checked on every CRDT.APPLY, so a loop over the chars
     * rather than a regex (a Matcher per delta).
     */
    static boolean validClusterId(String value) {
        int n = value.length();
        if (n == 0 || n > 64) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    public boolean enabled() {
        return !origin.isEmpty();
    }

    /** This cluster's id, the origin of every delta this shard makes; empty when not Active-Active. */
    public String origin() {
        return origin;
    }

    public Shard shard() {
        return shard;
    }

    /** The hybrid logical clock's current value. */
    public long hlc() {
        return hlc.current();
    }

    CrdtStore store() {
        return store;
    }

    ClusterIds clusterIds() {
        return clusterIds;
    }

    Keyspace keyspace() {
        return shard.keyspace();
    }

    Tag nextTag() {
        return new Tag(hlc.next(), origin);
    }

    void observe(long ts) {
        hlc.observe(ts);
    }

    // ---- the delta path ---------------------------------------------------------------------

    /** A local command's delta: joined here, propagated as CRDT.APPLY instead of the command. */
    void commit(CommandContext ctx, Delta delta) {
        int db = ctx.session().db();
        for (int i = 0; i < delta.size(); i++) {
            store.apply(db, delta.keyAt(i), delta.stateAt(i));
        }
        ctx.propagateAs(ApplyCommands.argv(delta));
        deltasLocal++;
    }

    /** A delta made elsewhere (CRDT.APPLY): joined; true if it changed anything. */
    public boolean applyDelta(int db, Delta delta) {
        return applyDelta(db, delta, delta.maxTimestamp());
    }

    /** {@link #applyDelta(int, Delta)} with the delta's {@link Delta#maxTimestamp()} already known. */
    boolean applyDelta(int db, Delta delta, long maxTimestamp) {
        hlc.observe(maxTimestamp);
        boolean changed = false;
        for (int i = 0; i < delta.size(); i++) {
            changed |= store.apply(db, delta.keyAt(i), delta.stateAt(i)).any();
        }
        if (delta.tag().origin().equals(origin)) {
            deltasReplicated++;
        } else {
            deltasRemote++;
        }
        return changed;
    }

    /**
     * The origin of a command read from a replication stream if it is a CRDT.APPLY, else null:
     * a syncer forwards a CRDT.APPLY only when this is the cluster it reads from.
     */
    public static String originOf(byte[][] argv) {
        return ApplyCommands.originOf(argv);
    }

    /**
     * Clock sanity for an effect made elsewhere: if its latest timestamp is beyond
     * crdt-max-clock-drift ahead of the local clock it is quarantined (counted, logged, neither
     * applied nor observed by the clock) and this returns true. The caller still answers +OK, so a
     * syncer's stream moves on past it instead of failing and resyncing forever.
     */
    boolean quarantined(String command, String from, long maxTimestamp) {
        long now = shard.clock().millis();
        long maxDrift = shard.config().getLong(CLOCK_DRIFT_CONFIG);
        if (!Hlc.isBeyondDrift(maxTimestamp, now, maxDrift)) {
            return false;
        }
        deltasQuarantined++;
        log.warn("{} from {} quarantined: its timestamp ({} ms) is {} ms ahead of the local clock, more than {} {} ms",
                command, from, Hlc.millisOf(maxTimestamp), Hlc.millisOf(maxTimestamp) - now, CLOCK_DRIFT_CONFIG, maxDrift);
        return true;
    }

    void rejected() {
        deltasRejected++;
    }

    /**
     * Null if this client may bring in an effect claiming {@code origin} (null for a state), else
     * the NOPERM error, counted in INFO's effects_noperm.
     */
    String refusal(ClientSession session, String command, String origin) {
        String error = SyncerIdentities.refusal(identities, session, command, origin);
        if (error != null) {
            effectsNoperm++;
            log.debug("{} from client {} ({}) refused: {}", command, session.id(), session.address(), error);
        }
        return error;
    }

    void expiredLocally() {
        deltasLocal++;
    }

    /**
     * A value written before the database was Active-Active (or loaded without its state) gets a
     * state: its content as one local write, applied and propagated like any delta. On a replica, or
     * with the mode off, values are left as they are.
     */
    RedisValue adoptIfPlain(CommandContext ctx, Key key, RedisValue value) {
        if (value == null || value.meta() instanceof KeyState || !enabled()
                || ctx.session().kind() == ClientSession.Kind.MASTER) {
            return value;
        }
        Tag tag = nextTag();
        Delta delta = new Delta(tag);
        delta.key(key).join(KeyState.adopt(value, ctx.db().expireAt(key), tag));
        commit(ctx, delta);
        return store.live(ctx.session().db(), key);
    }

    // ---- full states (full syncs, persistence) --------------------------------------------

    /** The complete state of a key, live or deleted; null if it has none. Event loop. */
    public byte[] encodeState(int db, Key key) {
        KeyState s = store.state(db, key);
        return s == null ? null : StateCodec.encode(s);
    }

    /** The state carried by a value (a snapshot's, from any thread); null for a plain value. */
    public static byte[] encodeState(RedisValue value) {
        return value.meta() instanceof KeyState s ? StateCodec.encode(s) : null;
    }

    /** The states of a database's deleted keys (its tombstones), encoded. Event loop. */
    public Map<Key, byte[]> encodeTombstones(int db) {
        Map<Key, byte[]> out = new LinkedHashMap<>();
        store.tombstones(db).forEach((k, s) -> out.put(k, StateCodec.encode(s)));
        return out;
    }

    /**
     * Joins a complete state into a key; true if that changed anything. {@link MalformedStateException}
     * if the bytes are not a state. Event loop.
     */
    public boolean mergeState(int db, Key key, byte[] encoded) {
        return mergeState(db, key, StateCodec.decode(encoded));
    }

    /** Joins a decoded complete state into a key; true if that changed anything. Event loop. */
    boolean mergeState(int db, Key key, KeyState s) {
        hlc.observe(s.maxTimestamp());
        return store.apply(db, key, s).any();
    }

    // ---- status ---------------------------------------------------------------------------

    /** What INFO's ActiveActive section shows. */
    public record Status(String origin, long hlc, long crdtKeys, long tombstones, long deltasLocal,
                         long deltasRemote, long deltasReplicated, long deltasRejected, long deltasQuarantined,
                         long effectsNoperm) {
    }

    /** Counts keys carrying a state: O(keys). Event loop. */
    public Status status() {
        long[] keys = {0};
        for (int db = 0; db < shard.keyspace().databaseCount(); db++) {
            shard.keyspace().db(db).forEach((k, v, at) -> {
                if (v.meta() instanceof KeyState) {
                    keys[0]++;
                }
            });
        }
        return new Status(origin, hlc.current(), keys[0], store.tombstoneCount(), deltasLocal, deltasRemote,
                deltasReplicated, deltasRejected, deltasQuarantined, effectsNoperm);
    }
}
