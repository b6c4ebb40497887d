package dev.syncer.app;

import dev.syncer.app.monitor.Target;

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
 *   --data DIR                              the lab keeps its data there (AOF on) across restarts
 *   --attach HOST:PORT [--password P] [--tls]   real Redis; the password may also come from
 *                                           the SYNCER_REDIS_PASSWORD environment variable
 * </pre>
 */
public record LaunchOptions(Path topology, boolean writeLoad, Target attach, Path data) {

    public static LaunchOptions parse(List<String> args) {
        Path topology = null;
        boolean writeLoad = true;
        Path data = null;
        String attach = null;
        String password = System.getenv("SYNCER_REDIS_PASSWORD");
        boolean tls = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--lab" -> topology = Path.of(value(args, ++i, a));
                case "--no-load" -> writeLoad = false;
                case "--data" -> data = Path.of(value(args, ++i, a));
                case "--attach" -> attach = value(args, ++i, a);
                case "--password" -> password = value(args, ++i, a);
                case "--tls" -> tls = true;
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return new LaunchOptions(topology, writeLoad, attach == null ? null : Target.parse(attach, password, tls), data);
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
