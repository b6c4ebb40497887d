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
 *   --attach HOST:PORT [--password P] [--tls]   real Redis; the password may also come from
 *                                           the SYNCER_REDIS_PASSWORD environment variable
 * </pre>
 */
public record LaunchOptions(Path topology, boolean writeLoad, Target attach) {

    public static LaunchOptions parse(List<String> args) {
        Path topology = null;
        boolean writeLoad = true;
        String attach = null;
        String password = System.getenv("SYNCER_REDIS_PASSWORD");
        boolean tls = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--lab" -> topology = Path.of(value(args, ++i, a));
                case "--no-load" -> writeLoad = false;
                case "--attach" -> attach = value(args, ++i, a);
                case "--password" -> password = value(args, ++i, a);
                case "--tls" -> tls = true;
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return new LaunchOptions(topology, writeLoad, attach == null ? null : Target.parse(attach, password, tls));
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    public boolean attachToRedis() {
        return attach != null;
    }
}
