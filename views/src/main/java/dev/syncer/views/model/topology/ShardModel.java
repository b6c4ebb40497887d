package dev.syncer.views.model.topology;

import dev.syncer.views.model.Format;
import dev.syncer.views.model.port.Role;
import dev.syncer.views.model.port.ShardInfo;
import dev.syncer.views.model.port.ShardState;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One shard as its card shows it. The instance lives as long as the shard id does: snapshots update
 * its properties in place, so a card bound to it never rebuilds or jumps.
 */
public final class ShardModel implements Selectable {

    private final String id;
    private final ReadOnlyObjectWrapper<ShardInfo> info = new ReadOnlyObjectWrapper<>(this, "info");
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper(this, "name", "");
    private final ReadOnlyObjectWrapper<Role> role = new ReadOnlyObjectWrapper<>(this, "role", Role.PRIMARY);
    private final ReadOnlyObjectWrapper<ShardState> state = new ReadOnlyObjectWrapper<>(this, "state", ShardState.RUNNING);
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper(this, "headline", "");
    private final ReadOnlyStringWrapper replid = new ReadOnlyStringWrapper(this, "replid", "");
    private final ReadOnlyStringWrapper replidLine = new ReadOnlyStringWrapper(this, "replidLine", "");
    private final ReadOnlyStringWrapper statusLine = new ReadOnlyStringWrapper(this, "statusLine", "");
    private final ReadOnlyStringWrapper tooltip = new ReadOnlyStringWrapper(this, "tooltip", "");
    private final ReadOnlyDoubleWrapper syncProgress = new ReadOnlyDoubleWrapper(this, "syncProgress", Double.NaN);
    private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper(this, "stale", false);
    private final ReadOnlyStringWrapper staleNote = new ReadOnlyStringWrapper(this, "staleNote", "");
    /** When a snapshot last found it answering; null until one did. */
    private Instant lastSeen;

    ShardModel(String id) {
        this.id = Objects.requireNonNull(id);
    }

    @Override
    public String id() {
        return id;
    }

    /**
     * Copies what changed from the snapshot taken {@code at}; {@code databaseName} and
     * {@code upstreamName} label it.
     */
    void update(ShardInfo shard, String databaseName, String upstreamName, long lagBytes, Instant at) {
        if (shard.state().isUp()) {
            lastSeen = at;
        }
        stale.set(!shard.state().isUp());
        staleNote.set(shard.state().isUp() ? "" : shard.state().word() + " · " + lastSeenText(lastSeen, at));
        info.set(shard);
        name.set(shard.name());
        role.set(shard.replication().role());
        state.set(shard.state());
        // Lab names already start with the database ("shop/1"): then the port alone says the rest.
        headline.set((shard.name().startsWith(databaseName) ? "" : databaseName + " ") + ":" + port(shard.endpoint()));
        replid.set(shard.replication().replid());
        replidLine.set(Format.shortReplid(shard.replication().replid()) + " @ "
                + Format.offset(shard.replication().masterReplOffset()));
        statusLine.set(status(shard, upstreamName, lagBytes, at));
        tooltip.set((shard.state().isUp() ? "" : staleNote.get() + " — its last INFO:\n") + tooltipText(shard));
        syncProgress.set(shard.fullSync().map(p -> p.fraction() < 0 ? -1.0 : p.fraction()).orElse(Double.NaN));
    }

    /** "last seen 12 s ago", counted from the last snapshot in which it answered. */
    static String lastSeenText(Instant lastSeen, Instant now) {
        if (lastSeen == null) {
            return "not seen since the console started";
        }
        long s = Math.max(0, Duration.between(lastSeen, now).toSeconds());
        return s < 120 ? "last seen " + s + " s ago" : s < 7200 ? "last seen " + s / 60 + " min ago"
                : "last seen " + s / 3600 + " h ago";
    }

    private String status(ShardInfo shard, String upstreamName, long lagBytes, Instant at) {
        if (!shard.state().isUp()) {
            return lastSeenText(lastSeen, at);
        }
        if (shard.fullSync().isPresent()) {
            return "full sync · " + shard.fullSync().get().phase();
        }
        if (shard.isPrimary()) {
            int n = shard.replication().replicas().size();
            long refused = shard.stats().refused().total();
            // refused effects are writes some cluster did not get: they take the rate's place, which
            // the card has no width for beside them (the rate stays in the detail panel)
            return n + (n == 1 ? " replica · " : " replicas · ") + (refused > 0 ? refused + " refused"
                    : Format.rate(shard.stats().opsPerSec()) + " ops/s");
        }
        return shard.replication().upstream()
                .map(u -> u.linkUp() ? "← " + upstreamName + " · lag " + Format.bytes(lagBytes)
                        : "← " + upstreamName + " · link down")
                .orElse("replica");
    }

    private static String tooltipText(ShardInfo shard) {
        var r = shard.replication();
        StringBuilder sb = new StringBuilder();
        sb.append(shard.name()).append(" (").append(shard.endpoint()).append(") role:").append(r.role().infoValue());
        sb.append("\nmaster_replid:").append(r.replid());
        sb.append("\nmaster_replid2:").append(r.replid2());
        sb.append("\nmaster_repl_offset:").append(r.masterReplOffset());
        sb.append("\nsecond_repl_offset:").append(r.secondReplOffset());
        sb.append("\nrepl_backlog_first_byte_offset:").append(r.backlog().firstByteOffset());
        sb.append("\nrepl_backlog_histlen:").append(r.backlog().histlen());
        var refused = shard.stats().refused();
        if (refused.total() > 0) {
            sb.append("\ndeltas_rejected:").append(refused.rejected()).append("\ndeltas_quarantined:")
                    .append(refused.quarantined()).append("\neffects_noperm:").append(refused.noperm());
        }
        return sb.toString();
    }

    /** The port of a {@code host:port} endpoint, as the cards show it. */
    static String port(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        return colon < 0 ? endpoint : endpoint.substring(colon + 1);
    }

    /** The latest INFO as the snapshot gave it. */
    public ReadOnlyObjectProperty<ShardInfo> infoProperty() {
        return info.getReadOnlyProperty();
    }

    public ShardInfo getInfo() {
        return info.get();
    }

    public String getName() {
        return name.get();
    }

    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Role> roleProperty() {
        return role.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ShardState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Its database and port: "db1 :7001". */
    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    /** "replid 8f3a12… @ 10 234": the history and the offset in it. */
    /** The full replid, for its colour chip. */
    public ReadOnlyStringProperty replidProperty() {
        return replid.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty replidLineProperty() {
        return replidLine.getReadOnlyProperty();
    }

    /** What it is doing: "2 replicas · 1.2k ops/s", "← s1 · lag 120 B"; "last seen 12 s ago" when it does not answer. */
    public ReadOnlyStringProperty statusLineProperty() {
        return statusLine.getReadOnlyProperty();
    }

    /** The full replids and offsets, INFO-style, for hovering. */
    public ReadOnlyStringProperty tooltipProperty() {
        return tooltip.getReadOnlyProperty();
    }

    /**
     * True while it does not answer (crashed, stopped, unreachable): what it shows is its last
     * INFO, not live.
     */
    public ReadOnlyBooleanProperty staleProperty() {
        return stale.getReadOnlyProperty();
    }

    /** "crashed · last seen 12 s ago" while stale, updated with every snapshot; else empty. */
    public ReadOnlyStringProperty staleNoteProperty() {
        return staleNote.getReadOnlyProperty();
    }

    /** NaN when no full sync runs; -1 while its size is unknown; else 0…1. */
    public ReadOnlyDoubleProperty syncProgressProperty() {
        return syncProgress.getReadOnlyProperty();
    }

    @Override
    public String toString() {
        return "ShardModel[" + id + "]";
    }
}
