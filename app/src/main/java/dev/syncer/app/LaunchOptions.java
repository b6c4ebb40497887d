package dev.syncer.app;

import dev.syncer.app.connect.ConnectionStore;
import dev.syncer.app.connect.SavedConnection;
import dev.syncer.app.monitor.Target;
import dev.syncer.app.monitor.TlsSettings;

import java.nio.file.Path;
import java.util.List;

/**
 * What the console was asked to open: the embedded lab (the default, optionally from a topology
 * file) or a real Redis deployment found from a seed.
 *
 * <pre>
 *   (no arguments)                          the default lab, with a light write load
 *   --lab FILE                              a lab of that topology
 *   --no-load                               no write load at start
 *   --attach HOST:PORT [--user U] [--password P] [--tls] [--tls-ca FILE]
 *            [--tls-cert FILE --tls-key FILE]
 *                                           real Redis (a server, a Sentinel, a Cluster node);
 *                                           the password may also come from the
 *                                           SYNCER_REDIS_PASSWORD environment variable, or
 *                                           is asked for when Redis wants one
 *   --connection NAME                       a connection saved from the window (its
 *                                           password if saved with one, else as above)
 *   --print [--watch SECONDS]               no window: print what was found as JSON and exit
 *                                           (with --watch, a line per poll and the timeline rows
 *                                           for that long)
 *   --data DIR                              the lab keeps its data there (AOF on) across restarts
 * </pre>
 *
 * @param watchSeconds how long {@code --print} keeps printing; 0 prints one document
 */
public record LaunchOptions(Path topology, boolean writeLoad, Target attach, boolean print, int watchSeconds,
                            Path data) {

    public LaunchOptions(Path topology, boolean writeLoad, Target attach) {
        this(topology, writeLoad, attach, false, 0, null);
    }

    public static LaunchOptions parse(List<String> args) {
        return parse(args, ConnectionStore.inConfigDirectory(), System.getenv("SYNCER_REDIS_PASSWORD"));
    }

    /** As {@link #parse(List)}, with the saved connections and the environment's password given. */
    static LaunchOptions parse(List<String> args, ConnectionStore connections, String environmentPassword) {
        Path topology = null;
        boolean writeLoad = true;
        Path data = null;
        String attach = null;
        String password = null;
        String user = null;
        String connection = null;
        Path ca = null;
        Path cert = null;
        Path key = null;
        boolean tls = false;
        boolean print = false;
        int watch = 0;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--lab" -> topology = Path.of(value(args, ++i, a));
                case "--no-load" -> writeLoad = false;
                case "--data" -> data = Path.of(value(args, ++i, a));
                case "--attach" -> attach = value(args, ++i, a);
                case "--password" -> password = value(args, ++i, a);
                case "--user" -> user = value(args, ++i, a);
                case "--tls" -> tls = true;
                case "--tls-ca" -> ca = Path.of(value(args, ++i, a));
                case "--tls-cert" -> cert = Path.of(value(args, ++i, a));
                case "--tls-key" -> key = Path.of(value(args, ++i, a));
                case "--connection" -> connection = value(args, ++i, a);
                case "--print" -> print = true;
                case "--watch" -> watch = seconds(value(args, ++i, a));
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (watch > 0 && !print) {
            throw new IllegalArgumentException("--watch goes with --print");
        }
        Target target = null;
        if (connection != null) {
            if (attach != null) {
                throw new IllegalArgumentException("--connection and --attach name two targets: give one");
            }
            String name = connection;
            SavedConnection saved = connections.find(name).orElseThrow(() -> new IllegalArgumentException(
                    "no saved connection '" + name + "' in " + connections.file()));
            target = saved.target(password != null ? password : environmentPassword);
        } else if (attach != null) {
            target = Target.parse(attach, null, false)
                    .withAccess(user, password != null ? password : environmentPassword, new TlsSettings(tls, ca, cert, key));
        }
        return new LaunchOptions(topology, writeLoad, target, print, watch, data);
    }

    private static int seconds(String text) {
        try {
            int s = Integer.parseInt(text);
            if (s > 0) {
                return s;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--watch needs a number of seconds, got '" + text + "'");
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    /**
     * Where the lab keeps its data: --data, else for the default lab the user's data directory
     * ($XDG_DATA_HOME or ~/.local/share, then syncer-console/lab); a lab from a topology file
     * without --data keeps nothing.
     */
    public Path labData() {
        if (data != null || topology != null) {
            return data;
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("syncer-console").resolve("lab");
    }

    public boolean attachToRedis() {
        return attach != null;
    }
}
