package dev.syncer.views.model.topology;

import dev.syncer.views.model.port.NodeInfo;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** A node box: its name and the shards it hosts, ordered by shard name. */
public final class NodeModel {

    private final String id;
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper(this, "name", "");
    private final ReadOnlyStringWrapper address = new ReadOnlyStringWrapper(this, "address", "");
    private final ReadOnlyBooleanWrapper up = new ReadOnlyBooleanWrapper(this, "up", true);
    private final ObservableList<ShardModel> shards = FXCollections.observableArrayList();
    private final ObservableList<ShardModel> readOnlyShards = FXCollections.unmodifiableObservableList(shards);

    NodeModel(String id) {
        this.id = Objects.requireNonNull(id);
    }

    public String id() {
        return id;
    }

    void update(NodeInfo node) {
        name.set(node.name());
        address.set(node.address());
        up.set(node.up());
    }

    ObservableList<ShardModel> mutableShards() {
        return shards;
    }

    public ObservableList<ShardModel> getShards() {
        return readOnlyShards;
    }

    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty addressProperty() {
        return address.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty upProperty() {
        return up.getReadOnlyProperty();
    }

    @Override
    public String toString() {
        return "NodeModel[" + id + "]";
    }
}
