package dev.syncer.views.model.topology;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** What every edge of the graph shows: a link state, a short label and a sentence for hovering. */
public abstract sealed class EdgeModel implements Selectable permits ReplicationEdgeModel, SyncerEdgeModel {

    private final ReadOnlyObjectWrapper<LinkState> state = new ReadOnlyObjectWrapper<>(this, "state", LinkState.UP);
    private final ReadOnlyStringWrapper label = new ReadOnlyStringWrapper(this, "label", "");
    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper(this, "description", "");

    void show(LinkState linkState, String labelText, String descriptionText) {
        state.set(linkState);
        label.set(labelText);
        description.set(descriptionText);
    }

    public ReadOnlyObjectProperty<LinkState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public LinkState getState() {
        return state.get();
    }

    /**
     * The short text drawn on the edge: "120 B · ack 0 s", "full sync 45%", "db1 · in-sync · 12 ms";
     * empty for a replication link that is up and caught up.
     */
    public ReadOnlyStringProperty labelProperty() {
        return label.getReadOnlyProperty();
    }

    /** A sentence for the tooltip. */
    public ReadOnlyStringProperty descriptionProperty() {
        return description.getReadOnlyProperty();
    }
}
