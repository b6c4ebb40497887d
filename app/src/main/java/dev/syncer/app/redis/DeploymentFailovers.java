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
     *
     * <p>Graceful, the old primary is held still the way FAILOVER holds itself: writes paused
     * (CLIENT PAUSE WRITE) and no replication PINGs (they move the offset too) until the replicas
     * caught up and it is a replica of the new primary — re-pointed at once rather than when
     * Sentinel converts it seconds later. So nobody is ahead of the new primary and every replica,
     * the old primary included, can continue with a partial sync. Forced, Sentinel's failover runs
     * as it is.
     */
    static void sentinel(ProbePool probes, Deployment d, Deployment.Tree tree, Target primary, boolean graceful,
                         List<String> steps, Consumer<String> progress) {
        if (!graceful) {
            RedisProbe sentinel = askSentinel(probes, d, tree, steps, progress);
            awaitSwitch(sentinel, tree, primary, steps, progress);
            return;
        }
        RedisProbe old = probes.probe(primary);
        List<Object> ping = old.call("CONFIG", "GET", "repl-ping-replica-period");
        String period = ping.size() >= 2 ? String.valueOf(ping.get(1)) : "10";
        progress.accept("pausing writes and pings on " + primary.id());
        command(old, primary, steps, "CONFIG", "SET", "repl-ping-replica-period", "3600");
        try {
            command(old, primary, steps, "CLIENT", "PAUSE", Long.toString(COMPLETION.toMillis()), "WRITE");
            progress.accept("waiting for the replicas to catch up");
            awaitChange(() -> caughtUp(probes, tree, primary) ? "caught up" : "behind", "behind");
            RedisProbe sentinel = askSentinel(probes, d, tree, steps, progress);
            String now = awaitSwitch(sentinel, tree, primary, steps, progress);
            int colon = now.lastIndexOf(':');
            command(old, primary, steps, "REPLICAOF", now.substring(0, colon), now.substring(colon + 1));
        } finally {
            command(old, primary, steps, "CLIENT", "UNPAUSE");
            command(old, primary, steps, "CONFIG", "SET", "repl-ping-replica-period", period);
        }
    }

    private static void command(RedisProbe probe, Target at, List<String> steps, String... args) {
        steps.add(at.id() + ": " + String.join(" ", args) + " -> " + probe.command(args));
    }

    /** Waits until Sentinel names another server for the master; its address. */
    private static String awaitSwitch(RedisProbe sentinel, Deployment.Tree tree, Target primary, List<String> steps,
                                      Consumer<String> progress) {
        progress.accept("waiting for " + tree.name() + " to switch master");
        String now = awaitChange(() -> address(sentinel, tree.name()), primary.id());
        steps.add(tree.name() + ": +switch-master " + primary.id() + " -> " + now);
        return now;
    }

    /** SENTINEL FAILOVER on the first sentinel that answers. */
    private static RedisProbe askSentinel(ProbePool probes, Deployment d, Deployment.Tree tree, List<String> steps,
                                          Consumer<String> progress) {
        RuntimeException last = null;
        for (Deployment.Member s : d.sentinels()) {
            RedisProbe sentinel = probes.probe(s.target());
            try {
                progress.accept("SENTINEL FAILOVER " + tree.name() + " on " + s.target().id());
                String reply = sentinel.command("SENTINEL", "FAILOVER", tree.name());
                steps.add(s.target().id() + ": SENTINEL FAILOVER " + tree.name() + " -> " + reply);
                return sentinel;
            } catch (io.lettuce.core.RedisConnectionException e) {
                last = e; // that sentinel is gone: ask the next
            }
        }
        throw last != null ? last : new IllegalStateException("no sentinel known for " + tree.name());
    }

    /** Every replica of the tree has processed everything the paused primary wrote. */
    private static boolean caughtUp(ProbePool probes, Deployment.Tree tree, Target primary) {
        long target = probes.probe(primary).poll().info().getLong("master_repl_offset", -1);
        return tree.members().stream().filter(m -> !m.target().equals(primary)).allMatch(m -> {
            var info = probes.probe(m.target()).poll().info();
            return !info.has("slave_repl_offset") || info.getLong("slave_repl_offset", -1) >= target;
        });
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
