package dev.syncer.app.redis;

import dev.syncer.app.adapter.Backoff;
import dev.syncer.app.adapter.Hub;
import dev.syncer.app.adapter.Poller;
import dev.syncer.app.adapter.ProbePool;
import dev.syncer.app.adapter.SyncEvents;
import dev.syncer.app.monitor.InfoFields;
import dev.syncer.app.attach.Deployment;
import dev.syncer.app.attach.DeploymentKind;
import dev.syncer.app.attach.DeploymentSnapshots;
import dev.syncer.app.attach.Discovery;
import dev.syncer.app.attach.PrimaryChanges;
import dev.syncer.app.attach.SentinelEvents;
import dev.syncer.app.attach.SentinelFailovers;
import dev.syncer.app.attach.SyncInference;
import dev.syncer.app.monitor.RedisProbe;
import dev.syncer.app.monitor.Target;
import dev.syncer.views.model.port.ConsoleEvent;
import dev.syncer.views.model.port.ConsolePorts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The console attached to real Redis, however it is deployed: from one address the discovery
 * finds every replication tree (standalone, Sentinel, Cluster) and the poller keeps their servers'
 * INFO coming with Lettuce. The timeline is made of the syncs inferred from consecutive polls,
 * Sentinel's failovers and the cluster's, and whatever sync events a server logs itself.
 */
public final class RedisConsole implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisConsole.class);

    public static final Duration POLL_PERIOD = Duration.ofMillis(250);
    private static final int ROUNDS_PER_DISCOVERY = 8;

    private final Target seed;
    private final ProbePool probes = ProbePool.overNetwork();
    private final Hub hub = new Hub();
    private final Discovery discovery;
    private final DeploymentSnapshots snapshots = new DeploymentSnapshots();
    private final SyncInference inference;
    private final SentinelFailovers sentinelFailovers = new SentinelFailovers();
    private final SentinelEvents sentinelEvents;
    private final List<Consumer<SentinelEvents.Event>> sentinelListeners = new CopyOnWriteArrayList<>();
    private final RedisOperationsPort operations;
    private final Poller poller;
    private volatile Deployment deployment;
    private int round;
    private int discoveryFailures;
    private long nextDiscoveryNanos = System.nanoTime();

    /**
     * Attaches to whatever answers at {@code seed}.
     *
     * @throws IllegalStateException when it does not answer
     */
    public RedisConsole(Target seed) {
        this(seed, POLL_PERIOD);
    }

    public RedisConsole(Target seed, Duration pollPeriod) {
        this.seed = seed;
        try {
            this.discovery = Discovery.at(seed, probes);
        } catch (RuntimeException e) {
            probes.close(); // a failed attach is tried again: leave no client threads behind
            throw e;
        }
        this.inference = new SyncInference(discovery.kind() == DeploymentKind.STANDALONE);
        this.sentinelEvents = new SentinelEvents(probes.resources(), this::sentinelEvent);
        this.operations = new RedisOperationsPort(probes, hub, seed, () -> deployment);
        this.poller = new Poller("redis-poller", pollPeriod, this::round);
    }

    public ConsolePorts ports() {
        String scheme = discovery.kind() == DeploymentKind.STANDALONE ? "redis" : discovery.kind().word();
        return new ConsolePorts(scheme + "://" + seed.id(), hub, hub.events(), operations);
    }

    /** What answered at the seed: a standalone server, a Sentinel or a cluster node. */
    public DeploymentKind kind() {
        return discovery.kind();
    }

    /** What the last discovery found; null before the first round. */
    public Deployment deployment() {
        return deployment;
    }

    /** Every message the sentinels publish, as they arrive. */
    public void onSentinelEvent(Consumer<SentinelEvents.Event> listener) {
        sentinelListeners.add(listener);
    }

    private void round() {
        boolean due = round++ % ROUNDS_PER_DISCOVERY == 0 || deployment == null;
        if (due && System.nanoTime() - nextDiscoveryNanos >= 0) {
            rediscover();
        }
        Deployment d = deployment;
        if (d == null) {
            return;
        }
        List<RedisProbe.Sample> samples = probes.poll(d.servers());
        hub.publish(snapshots.snapshot(d, samples));
        for (RedisProbe.Sample sample : samples) {
            for (InfoFields e : sample.events()) {
                hub.publish(SyncEvents.from(e, sample.target().id(), Optional::of, Optional.empty()));
            }
        }
        inference.observe(samples, Instant.now()).forEach(hub::publish);
    }

    private void rediscover() {
        Deployment before = deployment;
        try {
            Deployment now = discovery.discover();
            deployment = now;
            if (now.kind() == DeploymentKind.CLUSTER) {
                PrimaryChanges.between(before, now, Instant.now()).forEach(hub::publish);
            }
            if (now.kind() == DeploymentKind.SENTINEL) {
                sentinelEvents.watch(now.sentinels().stream().map(Deployment.Member::target).toList());
            }
            discoveryFailures = 0;
        } catch (RuntimeException e) {
            // a deployment still starting (a cluster not formed) or down: ask again, less and less often
            Duration wait = Backoff.ATTACH.delay(++discoveryFailures);
            nextDiscoveryNanos = System.nanoTime() + wait.toNanos();
            log.warn("discovery from {} failed ({} in a row), next try in {} ms: {}", seed.id(), discoveryFailures,
                    wait.toMillis(), e.getMessage());
        }
    }

    private void sentinelEvent(SentinelEvents.Event e) {
        sentinelListeners.forEach(l -> l.accept(e));
        for (ConsoleEvent row : sentinelFailovers.accept(e)) {
            hub.publish(row);
        }
    }

    @Override
    public void close() {
        poller.close();
        sentinelEvents.close();
        operations.close();
        probes.close();
    }
}
