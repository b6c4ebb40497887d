package dev.syncer.views.model.topology;

import java.util.Objects;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * A replica's link to its upstream (primary, or another replica when chained). Its identity is the
 * replica's id: when the replica is re-pointed the same edge moves to the new upstream.
 */
public final class ReplicationEdgeModel extends EdgeModel {

    private final String replicaId;
    private final ReadOnlyStringWrapper upstreamId = new ReadOnlyStringWrapper(this, "upstreamId", "");
    private final ReadOnlyLongWrapper lagBytes = new ReadOnlyLongWrapper(this, "lagBytes");

    ReplicationEdgeModel(String replicaId) {
        this.replicaId = Objects.requireNonNull(replicaId);
    }

    /** The edge's identity: {@code "link:" + replica id}. */
    @Override
    public String id() {
        return "link:" + replicaId;
    }

    public String replicaId() {
        return replicaId;
    }

    void update(String upstream, LinkState linkState, long lag, String labelText, String descriptionText) {
        upstreamId.set(upstream);
        lagBytes.set(lag);
        show(linkState, labelText, descriptionText);
    }

    /** The shard it streams from; changes when the replica is re-pointed. */
    public String getUpstreamId() {
        return upstreamId.get();
    }

    /** Upstream {@code master_repl_offset} minus the replica's {@code slave_repl_offset}. */
    public ReadOnlyLongProperty lagBytesProperty() {
        return lagBytes.getReadOnlyProperty();
    }

    @Override
    public String toString() {
        return "ReplicationEdgeModel[" + replicaId + "]";
    }
}
