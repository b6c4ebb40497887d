package dev.syncer.engine.lab;

import dev.syncer.engine.replication.roles.Replication;
import dev.syncer.engine.replication.SyncProgress;
import dev.syncer.engine.server.Shard;
import dev.syncer.engine.server.Transport;
import dev.syncer.engine.syncer.Syncer;
import dev.syncer.engine.syncer.SyncerSpec;
import dev.syncer.engine.syncer.SyncerStatus;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The lab's Active-Active syncers: for each Active-Active database, one syncer per ordered pair of
 * its clusters, reading the source instance's primary's stream through a link proxy of its own
 * (where the lab cuts or delays it) and writing into the target instance through its database proxy. Their
 * sync events go to the target instance's current primary's SYNCEVENTS log; their status to INFO
 * Syncers on every shard of the target instance. Checkpoint files live under the lab directory, so
 * a stopped syncer resumes where it was.
 */
public final class LabSyncers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LabSyncers.class);

    /** A syncer and the link proxy in front of its source. */
    public record Entry(Syncer syncer, Proxy link) {
    }

    private final Lab lab;
    private final Path dir;
    private final EventLoopGroup group;
    private final ExecutorService background;
    private final Map<String, Entry> syncers = new LinkedHashMap<>();

    LabSyncers(Lab lab, Path dir) {
        this.lab = lab;
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.group = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("lab-syncer", true),
                Transport.ioHandlerFactory());
        this.background = Executors.newCachedThreadPool(new DefaultThreadFactory("lab-syncer-load", true));
    }

    /** Creates and starts one syncer per ordered pair of the database's clusters. */
    void startAll(Topology.DatabaseSpec db, EventLoopGroup proxyGroup) throws InterruptedException {
        for (String source : db.clusters()) {
            for (String target : db.clusters()) {
                if (!source.equals(target)) {
                    start(db.name(), source, target, proxyGroup);
                }
            }
        }
    }

    private void start(String database, String source, String target, EventLoopGroup proxyGroup)
            throws InterruptedException {
        DatabaseInstance from = lab.instance(source, database);
        DatabaseInstance into = lab.instance(target, database);
        String id = database + ":" + source + "->" + target;
        // The link goes to the source's current primary itself, not through its database proxy as
        // well: the whole stream crossed two relays on its way to every syncer (a third of the lab's
        // relaying, and a hop of every delta's lag). A connection picks the primary when it opens;
        // a failover drops the source's syncer links (LabOperations.promote), as it drops the
        // database proxy's connections. Encrypted, it goes to the primary's TLS port.
        SslContext tls = lab.syncerTls();
        Proxy link = new Proxy("syncer " + id, proxyGroup, tls == null
                ? () -> from.primary().address()
                : () -> from.primary().tlsAddress());
        link.start("127.0.0.1", 0);
        SyncerSpec spec = new SyncerSpec(database, source, target, new InetSocketAddress("127.0.0.1", link.port()),
                new InetSocketAddress("127.0.0.1", into.proxy().port()), null,
                LabIdentities.user(source), lab.identities().password(database, source),
                dir.resolve(id.replaceAll("[^A-Za-z0-9.-]", "_") + ".checkpoint"), dir, tls);
        launch(spec, link);
    }

    private void launch(SyncerSpec spec, Proxy link) {
        DatabaseInstance into = lab.instance(spec.target(), spec.database());
        Syncer syncer = new Syncer(spec, group.next(), background, (p, outcome, now) -> record(into, p, outcome, now));
        synchronized (this) {
            syncers.put(spec.id(), new Entry(syncer, link));
        }
        syncer.start();
    }

    /**
     * Replaces a syncer with a brand-new one in its place (same source link, same checkpoint path):
     * the old one stops, its checkpoint file is deleted, and the new one — which holds its
     * checkpoints in memory, so only a new instance forgets them — asks {@code PSYNC ? -1}, as a
     * syncer added to a database that already holds data does.
     */
    void renew(String id) {
        Entry old = get(id);
        old.syncer().stop();
        try {
            Files.deleteIfExists(old.syncer().spec().checkpointFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        launch(old.syncer().spec(), old.link());
    }

    /** Logs a syncer's finished sync in the target instance's current primary (SYNCEVENTS, side syncer). */
    private static void record(DatabaseInstance into, SyncProgress progress, String outcome, long now) {
        try {
            LabShard primary = into.primary();
            Shard shard = primary.shard();
            Replication repl = primary.replication();
            if (shard != null && repl != null) {
                shard.execute(() -> repl.events().record(progress, outcome, now));
            }
        } catch (RuntimeException e) {
            log.debug("sync event of a syncer into {} not logged: {}", into.name(), e.toString());
        }
    }

    public synchronized List<Entry> all() {
        return List.copyOf(syncers.values());
    }

    /** The syncer with this id ("database:source->target"). */
    public synchronized Entry get(String id) {
        Entry e = syncers.get(id);
        if (e == null) {
            throw new IllegalArgumentException("no syncer " + id);
        }
        return e;
    }

    /** The statuses of the syncers writing into one instance (INFO Syncers). */
    public synchronized List<SyncerStatus> into(String cluster, String database) {
        List<SyncerStatus> out = new ArrayList<>();
        for (Entry e : syncers.values()) {
            SyncerSpec s = e.syncer().spec();
            if (s.target().equals(cluster) && s.database().equals(database)) {
                out.add(e.syncer().status());
            }
        }
        return out;
    }

    /** The syncers of one database. */
    public synchronized List<Entry> of(String database) {
        return syncers.values().stream().filter(e -> e.syncer().spec().database().equals(database)).toList();
    }

    @Override
    public void close() {
        for (Entry e : all()) {
            e.syncer().close();
            e.link().close();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        background.shutdownNow();
    }
}
