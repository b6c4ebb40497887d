package dev.syncer.app.adapter;

import dev.syncer.app.monitor.RedisClients;
import dev.syncer.app.monitor.RedisProbe;
import dev.syncer.app.monitor.Target;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Lettuce probe per server address, kept across rounds (a restarted shard on a new port gets a
 * new one, a vanished address is closed), polled in parallel. Over a real deployment
 * ({@link #overNetwork()}) a round waits for an answer at most {@link #ROUND_WAIT}: a server slower
 * than that (still connecting, black-holed) shows as not answering while its poll goes on, and its
 * answer comes with the next round. Everywhere a server that failed is asked again with
 * {@link PollBackoff}. The lab's shards live in the console's own process: a slow answer there
 * means a busy machine, not a lost server, so a lab round waits for every answer.
 */
public final class ProbePool implements AutoCloseable {

    private final ClientResources resources = DefaultClientResources.builder().ioThreadPoolSize(2)
            .computationThreadPoolSize(2).build();
    /** A command's timeout and a little more: the longest a round waits for any one server. */
    static final Duration ROUND_WAIT = RedisClients.TIMEOUT.plusMillis(500);

    private final Map<Target, RedisProbe> probes = new HashMap<>();
    /** Polls started and not yet delivered in a round's samples. */
    private final Map<Target, CompletableFuture<RedisProbe.Sample>> pending = new HashMap<>();
    private final PollBackoff backoff = new PollBackoff(PollBackoff.POLL);
    private final Duration roundWait; // null: wait for every answer

    /** A pool for the lab's own shards: each round waits for every answer. */
    public ProbePool() {
        this(null);
    }

    private ProbePool(Duration roundWait) {
        this.roundWait = roundWait;
    }

    /** A pool for a real deployment: no server slower than {@link #ROUND_WAIT} holds up a round. */
    public static ProbePool overNetwork() {
        return new ProbePool(ROUND_WAIT);
    }
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
        pending.keySet().retainAll(wanted);
        backoff.retain(wanted);
        long now = System.nanoTime();
        List<CompletableFuture<RedisProbe.Sample>> futures = new ArrayList<>();
        for (Target t : targets) {
            CompletableFuture<RedisProbe.Sample> undelivered = pending.get(t);
            if (undelivered != null) {
                futures.add(undelivered); // a poll that outlasted its round: never asked twice, never lost
            } else if (backoff.due(t, now)) {
                RedisProbe probe = probes.computeIfAbsent(t, k -> new RedisProbe(resources, k));
                long started = System.nanoTime();
                CompletableFuture<RedisProbe.Sample> f = CompletableFuture.supplyAsync(probe::poll, workers);
                f.thenAccept(sample -> backoff.record(sample, started, System.nanoTime()));
                pending.put(t, f);
                futures.add(f);
            } else {
                futures.add(CompletableFuture.completedFuture(backoff.waiting(t, now)));
            }
        }
        try {
            CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
            if (roundWait == null) {
                all.get();
            } else {
                all.get(roundWait.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (TimeoutException e) {
            // the slow ones are shown as not answering below; their polls go on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause()); // a poll never throws: a bug
        }
        // a sample carries the sync events read since the last one: each is delivered exactly once
        List<RedisProbe.Sample> samples = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            CompletableFuture<RedisProbe.Sample> f = futures.get(i);
            if (f.isDone()) {
                pending.remove(targets.get(i), f);
                samples.add(f.join());
            } else {
                // without a round wait only an interrupt (closing) ends the round early
                samples.add(PollBackoff.unreachable(targets.get(i), roundWait == null ? "no answer before the round was interrupted"
                        : "no answer within " + roundWait.toMillis() / 1000.0 + " s"));
            }
        }
        return samples;
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
