package dev.syncer.views.model.topology;

import dev.syncer.views.model.port.SyncerInfo;
import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** An Active-Active syncer drawn as an edge from its source cluster to its target cluster. */
public final class SyncerEdgeModel extends EdgeModel {

    private final String id;
    private final ReadOnlyObjectWrapper<SyncerInfo> info = new ReadOnlyObjectWrapper<>(this, "info");
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper(this, "name", "");

    SyncerEdgeModel(String id) {
        this.id = Objects.requireNonNull(id);
    }

    @Override
    public String id() {
        return id;
    }

    void update(SyncerInfo syncer, String nameText, LinkState linkState, String labelText, String descriptionText) {
        info.set(syncer);
        name.set(nameText);
        show(linkState, labelText, descriptionText);
    }

    public ReadOnlyObjectProperty<SyncerInfo> infoProperty() {
        return info.getReadOnlyProperty();
    }

    public SyncerInfo getInfo() {
        return info.get();
    }

    public String sourceClusterId() {
        return info.get().sourceClusterId();
    }

    public String targetClusterId() {
        return info.get().targetClusterId();
    }

    /** "syncer c1→c2". */
    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    @Override
    public String toString() {
        return "SyncerEdgeModel[" + id + "]";
    }
}
