package dev.syncer.app.attach;

import dev.syncer.app.adapter.ProbePool;
import dev.syncer.app.monitor.RedisProbe;
import dev.syncer.app.monitor.Target;

/**
 * Finds every replication tree from one address. One implementation per way Redis is deployed;
 * the console and {@code --print} call {@link #at} and never learn which one they got.
 */
public interface Discovery {

    /** Looks again: roles change, replicas come and go. Never throws for an unreachable member. */
    Deployment discover();

    DeploymentKind kind();

    /**
     * The discovery for whatever answers at {@code seed}, told apart by {@code redis_mode}.
     *
     * @throws IllegalStateException when the seed does not answer (its error as the message)
     */
    static Discovery at(Target seed, ProbePool probes) {
        RedisProbe.Sample sample = probes.probe(seed).poll();
        if (!sample.reachable()) {
            throw new IllegalStateException("cannot reach " + seed.id() + ": " + sample.error());
        }
        return switch (DeploymentKind.of(sample.info())) {
            case STANDALONE -> new StandaloneDiscovery(seed, probes);
            case SENTINEL -> new SentinelDiscovery(seed, probes);
            case CLUSTER -> new ClusterDiscovery(seed, probes);
        };
    }
}
