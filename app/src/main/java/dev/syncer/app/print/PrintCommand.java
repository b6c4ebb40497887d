package dev.syncer.app.print;

import dev.syncer.app.LaunchOptions;
import dev.syncer.app.attach.Deployment;
import dev.syncer.app.attach.JsonText;
import dev.syncer.app.attach.SnapshotJson;
import dev.syncer.app.lab.LabConsole;
import dev.syncer.app.monitor.RedisClients;
import dev.syncer.app.monitor.Target;
import dev.syncer.app.redis.RedisConsole;
import dev.syncer.engine.lab.Topology;
import dev.syncer.views.model.port.ConsolePorts;
import dev.syncer.views.model.port.Subscription;
import dev.syncer.views.model.port.TopologySnapshot;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code syncer-console.jar --attach ADDR --print [--watch SECONDS]} (or {@code --lab [FILE] --print}):
 * opens the same backend the window would, and prints its snapshots as JSON — one document once
 * every server has answered, or with {@code --watch} one line per poll plus the timeline rows as
 * they appear — then exits.
 */
public final class PrintCommand {

    /** How long the first complete snapshot may take before the command gives up. */
    static final Duration FIRST_SNAPSHOT = Duration.ofSeconds(30);

    private PrintCommand() {
    }

    /** Runs it; the exit code: 0 done, 1 the target could not be opened, 2 bad options. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("syncer-console: " + e.getMessage());
            return 2;
        }
        try (Backend backend = open(options)) {
            return print(backend, options.watchSeconds(), out, err);
        } catch (Exception e) {
            err.println("syncer-console: " + e.getMessage());
            return 1;
        }
    }

    /** What is printed from: the ports the window would get, and the discovery behind them when attached. */
    private record Backend(AutoCloseable closeable, ConsolePorts ports, Supplier<Deployment> deployment,
                           RedisConsole redis) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            closeable.close();
        }
    }

    private static Backend open(LaunchOptions options) throws Exception {
        if (options.attachToRedis()) {
            RedisConsole console = attach(options.attach());
            return new Backend(console, console.ports(), console::deployment, console);
        }
        Topology topology = options.topology() == null ? Topology.defaultLab() : Topology.read(options.topology());
        LabConsole lab = LabConsole.start(topology, options.writeLoad());
        return new Backend(lab, lab.ports(), () -> null, null);
    }

    /** Attaches; where Redis refuses the login and a terminal is there, asks it for the password once. */
    private static RedisConsole attach(Target target) {
        try {
            return new RedisConsole(target);
        } catch (IllegalStateException e) {
            java.io.Console terminal = System.console();
            if (!RedisClients.refusedLogin(e.getMessage()) || terminal == null) {
                throw e;
            }
            char[] typed = terminal.readPassword("%s: %s%npassword for %s: ", target.id(), e.getMessage(),
                    target.user() == null ? "the default user" : target.user());
            if (typed == null || typed.length == 0) {
                throw e;
            }
            return new RedisConsole(target.withPassword(new String(typed)));
        }
    }

    private static int print(Backend backend, int watchSeconds, PrintStream out, PrintStream err)
            throws InterruptedException {
        String target = backend.ports().targetName();
        CountDownLatch complete = new CountDownLatch(1);
        TopologySnapshot[] first = new TopologySnapshot[1];
        boolean watching = watchSeconds > 0;
        Subscription snapshots = backend.ports().topology().subscribe(s -> {
            if (!isComplete(s)) {
                return;
            }
            if (watching) {
                line(out, SnapshotJson.document(target, s, backend.deployment().get()));
            } else if (first[0] == null) {
                first[0] = s;
            }
            complete.countDown();
        });
        Subscription rows = watching ? backend.ports().events().subscribe(e -> line(out, SnapshotJson.row(e)))
                : () -> { };
        if (watching && backend.redis() != null) {
            backend.redis().onSentinelEvent(e -> line(out, SnapshotJson.row(e)));
        }
        try {
            if (!complete.await(FIRST_SNAPSHOT.toSeconds(), TimeUnit.SECONDS)) {
                err.println("syncer-console: no complete snapshot of " + target + " within "
                        + FIRST_SNAPSHOT.toSeconds() + " s");
                return 1;
            }
            if (watching) {
                Thread.sleep(Duration.ofSeconds(watchSeconds));
            } else {
                line(out, SnapshotJson.document(target, first[0], backend.deployment().get()));
            }
            return 0;
        } finally {
            snapshots.close();
            rows.close();
        }
    }

    /** Every server answered at least once: no placeholder for one not polled yet. */
    private static boolean isComplete(TopologySnapshot s) {
        return !s.shards().isEmpty() && s.shards().stream().noneMatch(sh -> sh.replication().replid().equals(
                dev.syncer.views.model.port.ReplicationInfo.NO_REPLID));
    }

    private static void line(PrintStream out, Object document) {
        synchronized (out) {
            out.println(JsonText.of(document));
            out.flush();
        }
    }
}
