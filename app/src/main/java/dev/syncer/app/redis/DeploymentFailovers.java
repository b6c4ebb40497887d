package dev.syncer.app.redis;

import dev.syncer.app.adapter.ProbePool;
import dev.syncer.app.attach.Deployment;
import dev.syncer.app.monitor.RedisProbe;
import dev.syncer.app.monitor.Target;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Failovers a deployment performs itself, asked for and then waited on until the new primary
 * serves: Sentinel's ({@code SENTINEL FAILOVER <name>}) and the cluster's
 * ({@code CLUSTER FAILOVER [FORCE]} sent to the replica that takes over).
 */
final class DeploymentFailovers {

    /** How long a failover may take before the operation reports it did not complete. */
    static final Duration COMPLETION = Duration.ofSeconds(30);
    private static final Duration CHECK_EVERY = Duration.ofMillis(100);

    private DeploymentFailovers() {
    }

    /**
     * Sentinel picks the replica (by replica-priority, offset, run id): the console's choice of
     * target cannot be passed on, so the steps say which one it promoted.
     */
    static void sentinel(ProbePool probes, Deployment d, Deployment.Tree tree, Target primary, List<String> steps,
                         Consumer<String> progress) {
        RuntimeException last = null;
        for (Deployment.Member s : d.sentinels()) {
            RedisProbe sentinel = probes.probe(s.target());
            try {
                progress.accept("SENTINEL FAILOVER " + tree.name() + " on " + s.target().id());
                String reply = sentinel.command("SENTINEL", "FAILOVER", tree.name());
                steps.add(s.target().id() + ": SENTINEL FAILOVER " + tree.name() + " -> " + reply);
            } catch (io.lettuce.core.RedisConnectionException e) {
                last = e; // that sentinel is gone: ask the next
                continue;
            }
            progress.accept("waiting for " + tree.name() + " to switch master");
            String now = awaitChange(() -> address(sentinel, tree.name()), primary.id());
            steps.add(tree.name() + ": +switch-master " + primary.id() + " -> " + now);
            return;
        }
        throw last != null ? last : new IllegalStateException("no sentinel known for " + tree.name());
    }

    /** {@code CLUSTER FAILOVER [FORCE]} on {@code replica}, then waits until ROLE says it is master. */
    static void cluster(ProbePool probes, Target replica, boolean forced, List<String> steps, Consumer<String> progress) {
        RedisProbe probe = probes.probe(replica);
        String[] command = forced ? new String[]{"CLUSTER", "FAILOVER", "FORCE"} : new String[]{"CLUSTER", "FAILOVER"};
        progress.accept(String.join(" ", command) + " on " + replica.id());
        String reply = probe.command(command);
        steps.add(replica.id() + ": " + String.join(" ", command) + " -> " + reply);
        progress.accept("waiting for " + replica.id() + " to become master");
        awaitChange(() -> String.valueOf(probe.call("ROLE").get(0)), "slave");
        steps.add(replica.id() + ": ROLE -> master");
    }

    private static String address(RedisProbe sentinel, String name) {
        List<Object> reply = sentinel.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", name);
        return reply.size() >= 2 ? reply.get(0) + ":" + reply.get(1) : "";
    }

    /** Asks {@code read} until it answers something other than {@code was}; that answer. */
    private static String awaitChange(Supplier<String> read, String was) {
        Instant deadline = Instant.now().plus(COMPLETION);
        while (Instant.now().isBefore(deadline)) {
            String now = read.get();
            if (!now.equals(was) && !now.isEmpty()) {
                return now;
            }
            try {
                Thread.sleep(CHECK_EVERY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the failover");
            }
        }
        throw new IllegalStateException("the failover did not complete within " + COMPLETION.toSeconds() + " s");
    }
}
