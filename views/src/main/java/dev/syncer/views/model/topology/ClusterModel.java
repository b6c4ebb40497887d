package dev.syncer.views.model.topology;

import java.util.List;
import java.util.Objects;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** A cluster box: its name, its proxies and its nodes in snapshot order. */
public final class ClusterModel {

    private final String id;
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper(this, "name", "");
    private final ObservableList<NodeModel> nodes = FXCollections.observableArrayList();
    private final ObservableList<NodeModel> readOnlyNodes = FXCollections.unmodifiableObservableList(nodes);
    private final ObservableList<String> proxies = FXCollections.observableArrayList();
    private final ObservableList<String> readOnlyProxies = FXCollections.unmodifiableObservableList(proxies);

    ClusterModel(String id) {
        this.id = Objects.requireNonNull(id);
    }

    public String id() {
        return id;
    }

    void update(String nameText, List<String> proxyLines) {
        name.set(nameText);
        if (!proxies.equals(proxyLines)) {
            proxies.setAll(proxyLines);
        }
    }

    ObservableList<NodeModel> mutableNodes() {
        return nodes;
    }

    public ObservableList<NodeModel> getNodes() {
        return readOnlyNodes;
    }

    /** One line per database proxy: "db1 proxy :12000 → s1". */
    public ObservableList<String> getProxies() {
        return readOnlyProxies;
    }

    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    @Override
    public String toString() {
        return "ClusterModel[" + id + "]";
    }
}
