package dev.syncer.engine.lab;

import dev.syncer.engine.Shards;
import dev.syncer.engine.server.Config;
import dev.syncer.engine.server.ProtectedActions;
import dev.syncer.engine.server.Shard;

import dev.syncer.engine.replication.roles.Replication;
import dev.syncer.engine.activeactive.ActiveActive;
import dev.syncer.engine.syncer.SyncerStatus;
import dev.syncer.engine.syncer.SyncersInfo;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Supplier;
import java.nio.file.Path;

/**
 * One shard of the lab: a Redis-compatible server placed on a node, serving one database in one
 * cluster. It survives restarts and migrations — its {@link #shard()} is the running incarnation,
 * null while stopped — and owns the proxy its replication link goes through, where faults on that
 * link are injected.
 */
public final class LabShard {

    /** Why a shard is not running, or that it is. */
    public enum State { RUNNING, STOPPED, CRASHED }

    private final String id;
    private final String cluster;
    private final String database;
    // Changed by operations, read by a console's poller.
    private volatile String node;
    private volatile Path dir;
    private volatile Shard shard;
    private volatile State state = State.STOPPED;
    private volatile LabShard upstream;
    private volatile Proxy link;
    private volatile Replication replication;
    private final boolean activeActive;
    private final Supplier<List<SyncerStatus>> syncers;
    /** With an AOF (a lab with a data directory): its appendfsync; null without. */
    private final String appendfsync;
    private final LabIdentities identities;
    private final List<String> clusters; // the database's clusters (A-A)
    private volatile List<String> tls = List.of(); // tls-* settings, with encrypted syncer links

    /**
     * @param activeActive the shard runs in Active-Active mode with its cluster as origin
     * @param syncers      the syncers writing into its instance, for INFO's Syncers section (A-A only)
     */
    LabShard(String id, String cluster, String database, String node, Path dir, boolean activeActive,
             Supplier<List<SyncerStatus>> syncers, String appendfsync, LabIdentities identities, List<String> clusters) {
        this.activeActive = activeActive;
        this.identities = identities;
        this.clusters = clusters;
        this.appendfsync = appendfsync;
        this.syncers = syncers;
        this.id = id;
        this.cluster = cluster;
        this.database = database;
        this.node = node;
        this.dir = dir;
    }

    public String id() {
        return id;
    }

    public String cluster() {
        return cluster;
    }

    public String database() {
        return database;
    }

    public String node() {
        return node;
    }

    public Path dir() {
        return dir;
    }

    /** The running shard, or null while stopped or crashed. */
    public Shard shard() {
        return shard;
    }

    /** The running shard's replication (where syncers' sync events are logged), or null. */
    public Replication replication() {
        return shard == null ? null : replication;
    }

    public boolean activeActive() {
        return activeActive;
    }

    public State state() {
        return state;
    }

    /** The shard this one replicates from (through {@link #link()}), or null for a primary. */
    public LabShard upstream() {
        return upstream;
    }

    public boolean isPrimary() {
        return upstream == null;
    }

    /** The proxy carrying this shard's replication link, or null for a primary. */
    public Proxy link() {
        return link;
    }

    /** Listens for TLS too, with these tls-* settings (name/value pairs), from the next start on. */
    void tls(List<String> settings) {
        this.tls = List.copyOf(settings);
    }

    /** host:tls-port of the running shard, or null when stopped or not listening for TLS. */
    public InetSocketAddress tlsAddress() {
        Shard s = shard;
        return s == null || s.tlsPort() == 0 ? null : new InetSocketAddress(s.host(), s.tlsPort());
    }

    /** host:port of the running shard, or null. */
    public InetSocketAddress address() {
        Shard s = shard; // read once: a stop on another thread clears it
        return s == null ? null : new InetSocketAddress(s.host(), s.port());
    }

    Shard start(int port) throws InterruptedException {
        return start(port, 0);
    }

    /**
     * Starts the shard; with {@code replicaOfPort} it starts as a replica of that loopback port
     * (redis-server's --replicaof), so the replication ID and offset in its RDB become its cached
     * primary and a restart resumes with a partial sync.
     */
    Shard start(int port, int replicaOfPort) throws InterruptedException {
        Config config = Shards.config();
        config.setInitial("bind", "127.0.0.1");
        config.setInitial("port", Integer.toString(port));
        config.setInitial("dir", dir.toString());
        config.setInitial("save", "");
        // Lab syncs start at once: no waiting for more replicas to share a diskless snapshot.
        config.setInitial("repl-diskless-sync-delay", "0");
        // The lab checks convergence with DEBUG DIGEST; its shards listen on loopback only.
        config.setInitial(ProtectedActions.DEBUG_COMMAND, "local");
        if (appendfsync != null) {
            config.setInitial("appendonly", "yes");
            config.setInitial("appendfsync", appendfsync);
        }
        if (replicaOfPort > 0) {
            config.setInitial("replicaof", "127.0.0.1 " + replicaOfPort);
        }
        for (int i = 0; i + 1 < tls.size(); i += 2) {
            config.setInitial(tls.get(i), tls.get(i + 1));
        }
        if (activeActive) {
            config.setInitial(ActiveActive.ORIGIN_CONFIG, cluster);
            config.setInitial("active-active-syncers", LabIdentities.setting(clusters, cluster));
        }
        Shards.Assembled assembled = Shards.assemble(config);
        if (activeActive) {
            identities.install(assembled.acl(), database, clusters, cluster);
            assembled.shard().addInfoSection(new SyncersInfo(syncers));
        }
        replication = assembled.replication();
        shard = assembled.shard();
        shard.start();
        if (!tls.isEmpty()) {
            shard.listenTls(0); // a fresh port each start: syncers' link proxies look it up per connection
        }
        state = State.RUNNING;
        return shard;
    }

    /** Stops the shard; a clean stop first saves its dataset and replication state (SAVE), a crash does not. */
    void stop(boolean crash) {
        if (shard != null) {
            if (!crash) {
                LocalClient.callOk(shard, "SAVE");
            }
            if (crash) {
                shard.crash();
            } else {
                shard.close();
            }
        }
        shard = null;
        state = crash ? State.CRASHED : State.STOPPED;
    }

    void upstream(LabShard upstream) {
        this.upstream = upstream;
    }

    void link(Proxy link) {
        this.link = link;
    }

    void moveTo(String node, Path dir) {
        this.node = node;
        this.dir = dir;
    }

    @Override
    public String toString() {
        Shard s = shard;
        return id + (s == null ? " (" + state.name().toLowerCase() + ")" : " @" + s.port());
    }
}
