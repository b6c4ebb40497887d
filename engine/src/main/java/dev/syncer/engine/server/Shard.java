package dev.syncer.engine.server;

import dev.syncer.engine.keyspace.Keyspace;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * One Redis-compatible server: a keyspace, its settings and clients, and the single event-loop
 * thread that owns them all, as Redis's main thread does. Client connections, replication links
 * and timers all run on that loop, so the data path needs no locks and offsets are deterministic.
 * Other threads reach in only through {@link #call} / {@link #execute}.
 */
public final class Shard implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Shard.class);
    private static final long CRON_PERIOD_MILLIS = 100; // hz 10, like Redis's default

    private final Config config;
    private final Keyspace keyspace;
    private final Stats stats = new Stats();
    private final Dispatcher dispatcher;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final String runId;
    private final long startMillis;
    private final CommandClock clock;
    private final Map<Long, ClientSession> clients = new LinkedHashMap<>();
    private final Map<String, InfoSection> infoSections = new LinkedHashMap<>();
    private final List<Runnable> cronJobs = new ArrayList<>();
    private final List<Runnable> shutdownHooks = new ArrayList<>();
    private final List<Runnable> releases = new ArrayList<>();
    private final List<Runnable> flushAllHooks = new ArrayList<>();
    private long nextClientId = 1;
    private ReplicationFeed feed = ReplicationFeed.NONE;
    private ReplicationFeed appendFeed = ReplicationFeed.NONE;
    private ReplyBarrier replyBarrier = ReplyBarrier.NONE;
    private boolean readOnlyReplica;
    private Loading loading = Loading.NONE;
    private boolean activeExpire = true;
    private volatile boolean cronPausedForDebug;
    private volatile boolean closed;
    private final ClientLimits clientLimits;
    private final ClientEviction clientEviction;
    private final Eviction eviction;
    private final ClientPause clientPause;
    private final Tls tls;
    private final Listeners listeners;
    private final HeapRelease heapRelease = HeapRelease.of(this);
    private java.util.function.Consumer<ClientSession> admission = session -> { };

    /** A shard whose commands run through {@code dispatcher} (the command layer's). */
    public Shard(Config config, Clock clock, Dispatcher dispatcher) {
        this.config = config;
        this.clock = new CommandClock(clock);
        this.keyspace = new Keyspace((int) config.getLong("databases"), this.clock);
        this.group = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("shard-" + config.get("port"), true),
                Transport.ioHandlerFactory());
        this.loop = group.next();
        byte[] id = new byte[20];
        new SecureRandom().nextBytes(id);
        this.runId = HexFormat.of().formatHex(id);
        this.startMillis = clock.millis();
        this.dispatcher = dispatcher;
        this.clientPause = new ClientPause(clock::millis, dispatcher, loop);
        keyspace.setExpiryPaused(clientPause::paused); // expireIfNeeded and the active cycle wait out a pause
        ServerInfo.register(this); // the core sections first, INFO's order; the dispatcher adds its own
        dispatcher.attach(this);
        keyspace.setExpiryListener(new ExpiredKeyPropagation(config, stats, dispatcher));
        for (String name : new String[] {"maxmemory-policy", "lfu-log-factor", "lfu-decay-time"}) {
            config.watch(name, v -> keyspace.access().policy(config.get("maxmemory-policy").contains("lfu"),
                    config.getLong("lfu-log-factor"), config.getLong("lfu-decay-time")));
        }
        ClientLimits limits = new ClientLimits(this);
        this.clientLimits = limits;
        addCron(limits::cron);
        this.eviction = new Eviction(this);
        addCron(eviction::measureClients);
        this.clientEviction = new ClientEviction(this);
        addCron(clientEviction::evictClients);
        addCron(keyspace::settleMemory); // writes made outside commands (a syncer's writer, a loader)
        addCron(heapRelease::cron); // the heap a large delete freed, back to the OS
        addFlushAllHook(() -> {
            heapRelease.flushed();
            loop.execute(heapRelease::settleFlush); // a FLUSHALL no client waits on (a primary's stream): after its hooks
        });
        // CONFIG SET maxmemory lower: evict right after the command, as Redis's eviction time
        // proc does, so the DELs follow it in the stream instead of joining it (or its MULTI)
        config.watch("maxmemory", v -> loop.execute(eviction::performEvictions));
        this.tls = new Tls(config);
        this.listeners = new Listeners(this);
    }

    /** TLS settings and contexts (the TLS port's, and outgoing links' when tls-replication is on). */
    public Tls tls() {
        return tls;
    }

    /** Before a client's replies are written: a FLUSHALL among the commands they answer gives its heap back first. */
    public void beforeReplies() {
        heapRelease.settleFlushBeforeReplies();
    }

    /** MEMORY PURGE: the heap freed so far back to the OS now (a full collection, bounded: see HeapRelease). */
    public void purgeMemory() {
        heapRelease.purge();
    }

    /** maxmemory: used memory and eviction. */
    public Eviction eviction() {
        return eviction;
    }

    /**
     * Checks a client's pending output against its class's client-output-buffer-limit after
     * something was written to it outside a reply (a pub/sub message); closes it if over.
     */
    public void enforceOutputLimit(ClientSession session) {
        if (clientLimits.outputLimitReached(session)) {
            session.closeAfterReply(true);
            session.channel().close();
        }
        clientEviction.evictClients();
    }

    /** Client eviction now, as Redis before it sleeps: after output was queued outside a client's replies. */
    public void evictClients() {
        clientEviction.evictClients();
    }

    /** maxmemory-clients: client eviction. */
    ClientEviction clientEviction() {
        return clientEviction;
    }

    ClientLimits clientLimits() {
        return clientLimits;
    }

    /** Binds the listening socket(s) and starts the cron; returns the bound port (useful with port 0). */
    public int start() throws InterruptedException {
        int port;
        try {
            if (tls.needed()) {
                tls.reconfigure(); // as redis-server, refuse to start with TLS settings that do not load
            }
            port = listeners.start();
        } catch (RuntimeException e) {
            crash(); // a shard that cannot listen lets go of its event loop and of what it did bind
            throw e;
        }
        loop.scheduleAtFixedRate(this::cron, CRON_PERIOD_MILLIS, CRON_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        log.info("Ready to accept connections tcp (port {}, run id {})", port, runId);
        return port;
    }

    /**
     * Listens for TLS clients on the first bind address at {@code port} (0: a free one, which
     * tls-port then names, for tests and the lab); returns the bound port. Not on the loop.
     */
    public int listenTls(int port) throws InterruptedException {
        return listeners.listenTls(port);
    }

    /** The port TLS clients are accepted on, 0 when none. */
    public int tlsPort() {
        return listeners.tlsPort();
    }

    private void cron() {
        if (cronPaused.getAsBoolean() || cronPausedForDebug) {
            return; // a script paused past busy-reply-threshold: nothing may change the data under it
        }
        try {
            long now = clock.millis();
            clientPause.paused(); // a pause whose time is up ends here, its parked clients resumed
            stats.sample(now);
            long expireStart = System.nanoTime();
            for (int db = 0; activeExpire && db < keyspace.databaseCount(); db++) {
                keyspace.db(db).activeExpireCycle(200);
            }
            if (activeExpire) { // activeExpireCycle's own measure, LATENCY's expire-cycle event when slow
                latencySampler.accept("expire-cycle", (System.nanoTime() - expireStart) / 1_000_000);
            }
            stats.expiredKeys += keyspace.expireReplicaKeys();
            for (Runnable job : cronJobs) {
                job.run();
            }
        } catch (RuntimeException e) {
            log.warn("cron failed", e);
        }
    }

    private java.util.function.ObjLongConsumer<String> latencySampler = (event, millis) -> { };
    /** Where the cron's timed steps go (latencyAddSampleIfNeeded: an event when at least latency-monitor-threshold). */
    public void sampleLatencyWith(java.util.function.ObjLongConsumer<String> sampler) {
        this.latencySampler = sampler;
    }

    private java.util.function.BooleanSupplier cronPaused = () -> false;
    /** The cron (expiry, eviction, the jobs added) is skipped while {@code paused} holds. */
    public void pauseCronWhile(java.util.function.BooleanSupplier paused) {
        this.cronPaused = paused;
    }

    /** Runs job on the loop every 100 ms, after expiry and stats sampling. */
    public void addCron(Runnable job) {
        cronJobs.add(job);
    }

    public void addShutdownHook(Runnable hook) {
        shutdownHooks.add(hook);
    }

    /** Frees what a process's exit would (direct buffers), on close and crash: a lab restarts shards in one JVM. */
    public void addRelease(Runnable release) {
        releases.add(release);
    }

    /** Run after FLUSHALL emptied every database (persistence saves the empty dataset, as Redis does). */
    public void addFlushAllHook(Runnable hook) {
        flushAllHooks.add(hook);
    }

    /** FLUSHALL emptied every database: tells whoever asked. */
    public void flushedAll() {
        for (Runnable hook : flushAllHooks) {
            hook.run();
        }
    }

    public int port() {
        return (int) config.getLong("port");
    }

    public String host() {
        String first = config.get("bind").trim().split("\\s+")[0];
        return first.startsWith("-") ? first.substring(1) : first;
    }

    public Config config() {
        return config;
    }

    /** CLIENT PAUSE's state. */
    public ClientPause clientPause() {
        return clientPause;
    }

    public Keyspace keyspace() {
        return keyspace;
    }

    public Stats stats() {
        return stats;
    }

    public CommandClock clock() {
        return clock;
    }

    public EventLoop loop() {
        return loop;
    }

    public EventLoopGroup group() {
        return group;
    }

    public String runId() {
        return runId;
    }

    public long startMillis() {
        return startMillis;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public ReplicationFeed feed() {
        return feed;
    }

    public void setFeed(ReplicationFeed feed) {
        this.feed = feed;
    }

    /** Redis's active_expire_enabled (DEBUG SET-ACTIVE-EXPIRE): off, keys expire only when touched. */
    public void setActiveExpire(boolean enabled) {
        this.activeExpire = enabled;
    }

    /** Redis's pause_cron (DEBUG PAUSE-CRON): the cron's work is skipped while set. */
    public void setCronPausedForDebug(boolean paused) {
        this.cronPausedForDebug = paused;
    }

    /** Where every change goes to be persisted (the AOF), including what a replica applies from its primary. */
    public ReplicationFeed appendFeed() {
        return appendFeed;
    }

    public void setAppendFeed(ReplicationFeed appendFeed) {
        this.appendFeed = appendFeed;
    }

    public ReplyBarrier replyBarrier() {
        return replyBarrier;
    }

    public void setReplyBarrier(ReplyBarrier barrier) {
        this.replyBarrier = barrier;
    }

    /** True while this shard is a replica refusing writes from normal clients (replica-read-only). */
    public boolean readOnlyReplica() {
        return readOnlyReplica;
    }

    /** Whether a full sync's load is replacing the dataset (INFO's loading / async_loading, the LOADING gate). */
    public Loading loading() {
        return loading;
    }

    public void setLoading(Loading loading) {
        this.loading = loading;
    }

    public void setReadOnlyReplica(boolean readOnly) {
        this.readOnlyReplica = readOnly;
    }

    // ---- clients ----------------------------------------------------------------------------

    ClientSession connect(Channel channel) {
        boolean noPassword = config.get("requirepass").isEmpty();
        ClientSession session = new ClientSession(nextClientId++, channel, noPassword, clock.millis());
        admission.accept(session);
        clients.put(session.id(), session);
        stats.connectionsReceived++;
        return session;
    }

    /** RESET's clientSetDefaultAuth: the client is again who a new connection starts as. */
    public void readmit(ClientSession session) {
        session.startAs(null, config.get("requirepass").isEmpty());
        admission.accept(session);
    }

    /** Decides who a new connection starts as (the ACL's default user); set once by the ACL component. */
    public void setAdmission(java.util.function.Consumer<ClientSession> admission) {
        this.admission = admission;
    }

    /** An internal client with no socket (e.g. the replica's master link, the syncer's writer). */
    public ClientSession internalClient(ClientSession.Kind kind) {
        return internalClient(kind, null);
    }

    /**
     * An internal client over a connection this shard opened itself (a replica's link to its
     * primary): authenticated, and listed by CLIENT LIST / killable by CLIENT KILL once registered.
     */
    public ClientSession internalClient(ClientSession.Kind kind, Channel channel) {
        ClientSession session = new ClientSession(nextClientId++, channel, true, clock.millis());
        session.kind(kind);
        return session;
    }

    void disconnect(ClientSession session) {
        clients.remove(session.id());
        dispatcher.disconnected(session);
    }

    /** Connected clients, in connection order; loop thread only. */
    public Iterable<ClientSession> clients() {
        return clients.values();
    }

    /** The connected client with this id (CLIENT ID), or null. */
    public ClientSession client(long id) {
        return clients.get(id);
    }

    public int clientCount() {
        return clients.size();
    }

    public void registerClient(ClientSession session) {
        clients.put(session.id(), session);
    }

    public void unregisterClient(ClientSession session) {
        clients.remove(session.id());
    }

    // ---- INFO -------------------------------------------------------------------------------

    public void addInfoSection(InfoSection section) {
        infoSections.put(section.name().toLowerCase(java.util.Locale.ROOT), section);
    }

    public Map<String, InfoSection> infoSections() {
        return infoSections;
    }

    // ---- access from other threads ----------------------------------------------------------

    /** Runs task on the shard's loop and waits for its result (tests, lab, launchers). */
    public <T> T call(Callable<T> task) {
        return LoopCall.call(loop, task);
    }

    public void execute(Runnable task) {
        loop.execute(task);
    }

    public boolean isClosed() {
        return closed;
    }

    /** Stops as SHUTDOWN does: runs the shutdown hooks (e.g. save), then closes everything. */
    @Override
    public void close() {
        stop(true);
    }

    /** Stops as a crash would: no hooks, nothing saved; connections simply drop. */
    public void crash() {
        stop(false);
    }

    private void stop(boolean runHooks) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            call(() -> {
                if (runHooks) {
                    for (Runnable hook : shutdownHooks) {
                        try {
                            hook.run();
                        } catch (RuntimeException e) {
                            log.warn("shutdown hook failed", e);
                        }
                    }
                }
                listeners.close();
                for (ClientSession c : new ArrayList<>(clients.values())) {
                    if (c.channel() != null) {
                        c.channel().close();
                    }
                }
                releases.forEach(Runnable::run);
                return null;
            });
        } catch (IllegalStateException e) {
            log.debug("loop already gone", e);
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
