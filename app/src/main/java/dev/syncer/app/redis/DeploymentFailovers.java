package dev.syncer.app.redis;

import dev.syncer.app.adapter.ProbePool;
import dev.syncer.app.attach.Deployment;
import dev.syncer.app.attach.SentinelPromotion;
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
     *
     * <p>Sentinel promotes the replica {@link SentinelPromotion#sentinelSelectSlave} picks from its
     * own view of the replicas (up to one INFO period old), asked for right before the failover: a
     * pick other than {@code chosen}, the replica the prediction was made for, refuses the operation
     * before anything changed rather than let the prediction miss. The pause cannot wait for a
     * fresher view: it holds Sentinel's PUBLISH and the PINGs queued behind it, so a pause longer
     * than down-after-milliseconds makes Sentinel fail the primary over on its own.
     */
    static void sentinel(ProbePool probes, Deployment d, Deployment.Tree tree, Target primary, Target chosen,
                         boolean graceful, List<String> steps, Consumer<String> progress) {
        if (!graceful) {
            RedisProbe sentinel = answering(probes, d, tree);
            SentinelPromotion.sentinelSelectSlave(master(sentinel, tree), view(sentinel, tree))
                    .ifPresent(c -> steps.add(tree.name() + ": Sentinel's pick now " + SentinelPromotion.why(c)));
            askSentinel(sentinel, tree, steps, progress);
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
            RedisProbe sentinel = answering(probes, d, tree);
            SentinelPromotion.Candidate pick = pick(sentinel, tree);
            steps.add(tree.name() + ": Sentinel's pick " + SentinelPromotion.why(pick));
            if (!pick.id().equals(chosen.id())) {
                throw new IllegalStateException("Sentinel would promote " + SentinelPromotion.why(pick) + ", not "
                        + chosen.id() + " (lowest replica-priority, then largest offset, then smallest run id): "
                        + "choose " + pick.id());
            }
            askSentinel(sentinel, tree, steps, progress);
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

    /** The first of the deployment's sentinels that answers about the tree. */
    private static RedisProbe answering(ProbePool probes, Deployment d, Deployment.Tree tree) {
        RuntimeException last = null;
        for (Deployment.Member s : d.sentinels()) {
            RedisProbe sentinel = probes.probe(s.target());
            try {
                sentinel.call("SENTINEL", "MASTER", tree.name());
                return sentinel;
            } catch (io.lettuce.core.RedisConnectionException e) {
                last = e; // that sentinel is gone: ask the next
            }
        }
        throw last != null ? last : new IllegalStateException("no sentinel known for " + tree.name());
    }

    private static void askSentinel(RedisProbe sentinel, Deployment.Tree tree, List<String> steps,
                                    Consumer<String> progress) {
        progress.accept("SENTINEL FAILOVER " + tree.name() + " on " + sentinel.target().id());
        String reply = sentinel.command("SENTINEL", "FAILOVER", tree.name());
        steps.add(sentinel.target().id() + ": SENTINEL FAILOVER " + tree.name() + " -> " + reply);
    }

    private static SentinelPromotion.Master master(RedisProbe sentinel, Deployment.Tree tree) {
        return SentinelPromotion.Master.ofReply(sentinel.call("SENTINEL", "MASTER", tree.name()));
    }

    private static List<SentinelPromotion.Candidate> view(RedisProbe sentinel, Deployment.Tree tree) {
        return SentinelPromotion.candidates(sentinel.call("SENTINEL", "REPLICAS", tree.name()));
    }

    /** What Sentinel would promote now, from its own view; refused when it knows no replica fit to. */
    private static SentinelPromotion.Candidate pick(RedisProbe sentinel, Deployment.Tree tree) {
        return SentinelPromotion.sentinelSelectSlave(master(sentinel, tree), view(sentinel, tree)).orElseThrow(() ->
                new IllegalStateException("Sentinel knows no replica of " + tree.name() + " it would promote "
                        + "(all down, disconnected, stale or replica-priority 0)"));
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
