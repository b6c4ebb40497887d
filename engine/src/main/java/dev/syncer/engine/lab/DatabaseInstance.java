package dev.syncer.engine.lab;

import java.util.ArrayList;
import java.util.List;

/**
 * One database in one cluster: its shards (one primary, the rest replicas, possibly chained) and
 * the proxy that clients and remote syncers connect to, which always forwards to the primary.
 */
public final class DatabaseInstance {

    private final String cluster;
    private final String database;
    private final boolean activeActive;
    private final List<LabShard> shards = new ArrayList<>();
    private volatile Proxy proxy;

    DatabaseInstance(String cluster, String database, boolean activeActive) {
        this.cluster = cluster;
        this.database = database;
        this.activeActive = activeActive;
    }

    public String cluster() {
        return cluster;
    }

    public String database() {
        return database;
    }

    public boolean activeActive() {
        return activeActive;
    }

    /** All shards, primary first as of the last change. */
    public synchronized List<LabShard> shards() {
        return List.copyOf(shards);
    }

    public synchronized LabShard primary() {
        for (LabShard s : shards) {
            if (s.isPrimary()) {
                return s;
            }
        }
        throw new IllegalStateException("database " + database + " in " + cluster + " has no primary");
    }

    public synchronized List<LabShard> replicas() {
        return shards.stream().filter(s -> !s.isPrimary()).toList();
    }

    /** Replicas that replicate from {@code of} directly. */
    public synchronized List<LabShard> replicasOf(LabShard of) {
        return shards.stream().filter(s -> s.upstream() == of).toList();
    }

    public Proxy proxy() {
        return proxy;
    }

    void proxy(Proxy proxy) {
        this.proxy = proxy;
    }

    synchronized void add(LabShard shard) {
        shards.add(shard);
    }

    public String name() {
        return cluster + "/" + database;
    }
}
