package dev.syncer.engine.lab;

import dev.syncer.engine.server.Transport;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The embedded lab: clusters of nodes hosting shards, all in this JVM on loopback, shaped by a
 * {@link Topology}. Each database instance gets a primary, its replicas (chained ones replicate
 * from the first replica) and a proxy; every replication link goes through a proxy of its own so
 * that the lab can cut, delay or throttle it. An Active-Active database's instances run with their
 * cluster as {@code active-active-origin} and are kept convergent by {@link LabSyncers}.
 * {@link LabOperations} drives it.
 *
 * <p>Thread-safe for readers: a console polls it while operations change it.
 */
public final class Lab implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Lab.class);

    /** One line of the launcher's output: what listens where. */
    public record Endpoint(String cluster, String database, String role, String host, int port) {
        @Override
        public String toString() {
            return "endpoint " + cluster + " " + database + " " + role + " " + host + ":" + port;
        }
    }

    private final Topology topology;
    private final Path root;
    private final boolean ownsRoot;
    private final EventLoopGroup proxyGroup;
    private final Map<String, DatabaseInstance> instances = new LinkedHashMap<>();
    private final Map<String, LabShard> shards = new LinkedHashMap<>();
    private final Map<String, List<String>> nodes = new LinkedHashMap<>();
    private final LabOperations operations;
    private final Map<String, List<WriteLoad>> writeLoads = new LinkedHashMap<>();
    private final LabSyncers syncers;
    private final LabIdentities identities = new LabIdentities();
    /** appendfsync for every shard's AOF, or null for a lab that keeps nothing (no AOF). */
    private final String appendfsync;
    /** The shards' TLS settings and the syncers' context, with encrypted syncer links; else empty and null. */
    private List<String> tlsSettings = List.of();
    private io.netty.handler.ssl.SslContext syncerTls;

    public Lab(Topology topology, Path root) {
        this(topology, root, null);
    }

    /**
     * A lab that keeps its data in {@code dataDir} (each shard its own directory under it, with
     * the AOF on) and comes back with it after a restart or a kill.
     */
    public static Lab persistent(Topology topology, Path dataDir, String appendfsync) {
        return new Lab(topology, dataDir, appendfsync == null ? "everysec" : appendfsync);
    }

    private Lab(Topology topology, Path root, String appendfsync) {
        this.topology = topology;
        this.appendfsync = appendfsync;
        this.ownsRoot = root == null;
        try {
            this.root = root != null ? Files.createDirectories(root) : Files.createTempDirectory("syncer-lab");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.proxyGroup = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("lab-proxy", true),
                Transport.ioHandlerFactory());
        this.operations = new LabOperations(this);
        this.syncers = new LabSyncers(this, this.root.resolve("syncers"));
    }

    /**
     * Runs the syncer links encrypted (call before {@link #start()}): every shard also listens for
     * TLS with {@code certDir}'s certificates, and each syncer reaches its source's primary on that
     * port, presenting the same certificate. The layout is that of Redis's utils/gen-test-certs.sh:
     * ca.crt, redis.crt, redis.key. Links inside a cluster stay plain TCP.
     */
    public Lab encryptSyncerLinks(Path certDir) {
        List<String> settings = List.of("tls-cert-file", certDir.resolve("redis.crt").toString(),
                "tls-key-file", certDir.resolve("redis.key").toString(),
                "tls-ca-cert-file", certDir.resolve("ca.crt").toString());
        dev.syncer.engine.server.Config config = new dev.syncer.engine.server.Config();
        for (int i = 0; i < settings.size(); i += 2) {
            config.setInitial(settings.get(i), settings.get(i + 1));
        }
        this.syncerTls = dev.syncer.engine.server.Tls.client(config); // fails now on files that do not load
        this.tlsSettings = settings;
        return this;
    }

    /** The syncers' client context when their links are encrypted, else null. */
    io.netty.handler.ssl.SslContext syncerTls() {
        return syncerTls;
    }

    public Topology topology() {
        return topology;
    }

    public LabOperations operations() {
        return operations;
    }

    /** Starts every shard, link and proxy, and waits until every replica's link is up. */
    public Lab start() throws InterruptedException {
        for (Topology.ClusterSpec c : topology.clusters()) {
            List<String> names = new ArrayList<>();
            for (int n = 1; n <= c.nodes(); n++) {
                names.add(c.name() + "-node" + n);
            }
            nodes.put(c.name(), names);
        }
        for (Topology.DatabaseSpec db : topology.databases()) {
            for (String cluster : db.clusters()) {
                createInstance(db, cluster);
            }
        }
        for (DatabaseInstance instance : instances.values()) {
            operations.awaitLinksUp(instance, 20_000);
        }
        for (Topology.DatabaseSpec db : topology.databases()) {
            if (db.activeActive()) {
                syncers.startAll(db, proxyGroup);
            }
        }
        for (Topology.DatabaseSpec db : topology.databases()) {
            if (db.activeActive()) {
                operations.awaitSyncersStreaming(db.name(), 20_000);
            }
        }
        log.info("lab ready: {} clusters, {} shards", nodes.size(), shards.size());
        return this;
    }

    private void createInstance(Topology.DatabaseSpec db, String cluster) throws InterruptedException {
        DatabaseInstance instance = new DatabaseInstance(cluster, db.name(), db.activeActive());
        instances.put(instance.name(), instance);
        List<String> clusterNodes = nodes.get(cluster);
        LabShard primary = newShard(instance, clusterNodes.get(0), 1);
        primary.start(0);
        LabShard firstReplica = null;
        for (int r = 1; r <= db.replicas(); r++) {
            LabShard replica = newShard(instance, clusterNodes.get(r % clusterNodes.size()), r + 1);
            replica.start(0);
            boolean chained = r > db.replicas() - db.chained() && firstReplica != null;
            if (chained) {
                // A replica refuses SYNC (NOMASTERLINK) until its own link is up: wait, or the
                // chained replica's first sync fails at every start and is only then retried.
                operations.awaitLinksUp(instance, 20_000);
            }
            operations.replicate(replica, chained ? firstReplica : primary);
            if (firstReplica == null) {
                firstReplica = replica;
            }
        }
        Proxy proxy = new Proxy(instance.name(), proxyGroup, () -> instance.primary().address());
        proxy.start("127.0.0.1", 0);
        instance.proxy(proxy);
    }

    synchronized LabShard newShard(DatabaseInstance instance, String node, int ordinal) {
        String id;
        int n = ordinal;
        do {
            id = instance.cluster() + "/" + instance.database() + "/" + n++;
        } while (shards.containsKey(id));
        LabShard shard = new LabShard(id, instance.cluster(), instance.database(), node, shardDir(node, id),
                instance.activeActive(), () -> syncers.into(instance.cluster(), instance.database()), appendfsync,
                identities, clustersOf(instance.database()));
        shard.tls(tlsSettings);
        shards.put(id, shard);
        instance.add(shard);
        return shard;
    }

    /** The clusters a database spans (its Active-Active peers). */
    private List<String> clustersOf(String database) {
        return topology.databases().stream().filter(d -> d.name().equals(database)).findFirst()
                .map(Topology.DatabaseSpec::clusters).orElse(List.of());
    }

    LabIdentities identities() {
        return identities;
    }

    Path shardDir(String node, String id) {
        try {
            return Files.createDirectories(root.resolve(node).resolve(id.replace('/', '-')));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Proxy newLinkProxy(LabShard replica) throws InterruptedException {
        Proxy link = new Proxy("link " + replica.id(), proxyGroup, () -> {
            LabShard up = replica.upstream();
            return up == null ? null : up.address();
        });
        link.start("127.0.0.1", 0);
        return link;
    }

    /** Every endpoint, as the launcher prints them: proxies, primaries, replicas. */
    public synchronized List<Endpoint> endpoints() {
        List<Endpoint> out = new ArrayList<>();
        for (DatabaseInstance i : instances.values()) {
            out.add(new Endpoint(i.cluster(), i.database(), "proxy", "127.0.0.1", i.proxy().port()));
            for (LabShard s : i.shards()) {
                InetSocketAddress a = s.address();
                if (a != null) {
                    out.add(new Endpoint(i.cluster(), i.database(), s.isPrimary() ? "primary" : "replica",
                            a.getAddress().getHostAddress(), a.getPort()));
                }
            }
        }
        out.sort(Comparator.comparing(Endpoint::cluster).thenComparing(Endpoint::database)
                .thenComparing(e -> switch (e.role()) {
                    case "proxy" -> 0;
                    case "primary" -> 1;
                    default -> 2;
                }));
        return out;
    }

    /** The Active-Active syncers (one per database and ordered pair of its clusters). */
    public List<LabSyncers.Entry> syncers() {
        return syncers.all();
    }

    LabSyncers syncerSet() {
        return syncers;
    }

    /** The instances of a database, one per cluster it lives in. */
    public synchronized List<DatabaseInstance> instancesOf(String database) {
        return instances.values().stream().filter(i -> i.database().equals(database)).toList();
    }

    public synchronized List<String> clusters() {
        return List.copyOf(nodes.keySet());
    }

    public synchronized List<String> nodes(String cluster) {
        return nodes.getOrDefault(cluster, List.of());
    }

    public synchronized List<DatabaseInstance> instances() {
        return List.copyOf(instances.values());
    }

    public synchronized DatabaseInstance instance(String cluster, String database) {
        DatabaseInstance i = instances.get(cluster + "/" + database);
        if (i == null) {
            throw new IllegalArgumentException("no database " + database + " in cluster " + cluster);
        }
        return i;
    }

    public DatabaseInstance instanceOf(LabShard shard) {
        return instance(shard.cluster(), shard.database());
    }

    public synchronized List<LabShard> shards() {
        return List.copyOf(shards.values());
    }

    public synchronized LabShard shard(String id) {
        LabShard s = shards.get(id);
        if (s == null) {
            throw new IllegalArgumentException("no shard " + id);
        }
        return s;
    }

    /**
     * Starts (or retunes) a write load on a database: one generator per instance, writing through
     * that cluster's proxy, so an Active-Active database takes writes in every cluster at once.
     */
    public synchronized void startWriteLoad(String database, WriteLoad.Settings settings) {
        List<WriteLoad> running = writeLoads.get(database);
        if (running != null) {
            running.forEach(w -> w.tune(settings));
            return;
        }
        List<WriteLoad> loads = new ArrayList<>();
        for (DatabaseInstance i : instances.values()) {
            if (i.database().equals(database)) {
                loads.add(new WriteLoad(new InetSocketAddress("127.0.0.1", i.proxy().port()),
                        "load:" + i.cluster() + ":", settings));
            }
        }
        if (loads.isEmpty()) {
            throw new IllegalArgumentException("no database " + database);
        }
        writeLoads.put(database, loads);
    }

    public synchronized void stopWriteLoad(String database) {
        List<WriteLoad> loads = writeLoads.remove(database);
        if (loads != null) {
            loads.forEach(WriteLoad::close);
        }
    }

    /** The rate of the write load on a database per instance, 0 when none runs. */
    public synchronized int writeLoadRate(String database) {
        List<WriteLoad> loads = writeLoads.get(database);
        return loads == null ? 0 : loads.get(0).settings().ratePerSecond();
    }

    /** Stops every shard and proxy; leaves no thread or port behind. */
    @Override
    public void close() {
        for (String db : List.copyOf(writeLoads.keySet())) {
            stopWriteLoad(db);
        }
        syncers.close();
        for (DatabaseInstance i : instances.values()) {
            if (i.proxy() != null) {
                i.proxy().close();
            }
        }
        for (LabShard s : shards.values()) {
            if (s.link() != null) {
                s.link().close();
            }
            s.stop(true);
        }
        proxyGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        if (ownsRoot) {
            deleteQuietly(root);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.debug("could not delete {}", dir, e);
        }
    }
}
