package dev.syncer.app.adapter;

import dev.syncer.app.monitor.RedisProbe;
import dev.syncer.app.monitor.Target;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One Lettuce probe per server address, kept across rounds (a restarted shard on a new port gets a
 * new one, a vanished address is closed), polled in parallel.
 */
public final class ProbePool implements AutoCloseable {

    private final ClientResources resources = DefaultClientResources.builder().ioThreadPoolSize(2)
            .computationThreadPoolSize(2).build();
    private final Map<Target, RedisProbe> probes = new HashMap<>();
    private final ExecutorService workers = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "probe");
        t.setDaemon(true);
        return t;
    });

    /** Polls every target at once; the samples come back in the targets' order. */
    public synchronized List<RedisProbe.Sample> poll(List<Target> targets) {
        Set<Target> wanted = new HashSet<>(targets);
        probes.entrySet().removeIf(e -> {
            if (!wanted.contains(e.getKey())) {
                e.getValue().close();
                return true;
            }
            return false;
        });
        List<CompletableFuture<RedisProbe.Sample>> futures = new ArrayList<>();
        for (Target t : targets) {
            RedisProbe probe = probes.computeIfAbsent(t, k -> new RedisProbe(resources, k));
            futures.add(CompletableFuture.supplyAsync(probe::poll, workers));
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }

    /** The probe for a target, for commands (REPLICAOF, FAILOVER...). */
    public synchronized RedisProbe probe(Target target) {
        return probes.computeIfAbsent(target, k -> new RedisProbe(resources, k));
    }

    public ClientResources resources() {
        return resources;
    }

    @Override
    public synchronized void close() {
        probes.values().forEach(RedisProbe::close);
        probes.clear();
        workers.shutdownNow();
        resources.shutdown();
    }
}
