package dev.syncer.engine;

import dev.syncer.engine.launch.AotCache;
import dev.syncer.engine.launch.Relauncher;
import dev.syncer.engine.launch.ServerOptions;
import dev.syncer.engine.server.Config;
import dev.syncer.engine.server.ConfigFile;
import dev.syncer.engine.persistence.FatalStartupError;
import dev.syncer.engine.server.ListenFailure;
import dev.syncer.engine.server.Shard;
import dev.syncer.engine.server.Tls;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts one shard from the command line, with redis-server's option names and, as redis-server,
 * an optional config file first (its settings come first, options after it override them; CONFIG
 * REWRITE writes it back): {@code java -jar syncer-shard.jar [redis.conf] --port 7000 ...}, e.g.
 * {@code java -jar syncer-shard.jar --port 7000 --requirepass secret --dir /tmp/shard}, or as a replica:
 * {@code --port 7001 --replicaof 127.0.0.1 7000}.
 * Any setting CONFIG knows can be given as {@code --name value}.
 */
public final class NodeMain {

    private NodeMain() {
    }

    public static void main(String[] args) throws Exception {
        ServerOptions.applyNettyDefaults();
        List<String> jvm = new ArrayList<>(ServerOptions.jvm());
        jvm.addAll(AotCache.options()); // start-up in half the time from the second start of a jar on
        Relauncher.relaunchIfNeeded(NodeMain.class, args, jvm);
        Tls.liftStaticRsaBan(); // this process is the shard's alone: tls-ciphers may name what OpenSSL allows
        Config config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("syncer-shard: " + e.getMessage());
            System.err.println("usage: java -jar syncer-shard.jar [CONFIG-FILE] [--port N] [--bind ADDR] [--requirepass PASS] [--dir DIR] "
                    + "[--replicaof HOST PORT] [--<config> VALUE ...]");
            System.exit(2);
            return;
        }
        // redis-server's banner names its pid; scripts that start servers (Redis's own test suite
        // among them) wait for a " PID: <pid>" line, then connect — or, when the load failed, read
        // why in the log's last line (the reason logged once, in Redis's words)
        Shard shard;
        try {
            shard = Shards.create(config);
        } catch (FatalStartupError e) {
            LoggerFactory.getLogger(NodeMain.class).error("Shard not started, PID: {}", ProcessHandle.current().pid());
            LoggerFactory.getLogger(NodeMain.class).error(e.getMessage());
            System.exit(1);
            return;
        }
        int port;
        try {
            port = shard.start();
        } catch (ListenFailure e) {
            // logged as redis-server does, without a PID line: Redis's test suite reads "Failed
            // listening on port" before any " PID: " as "that port is busy, start on another"
            System.exit(1);
            return;
        }
        LoggerFactory.getLogger(NodeMain.class).info("Shard started, PID: {}, port: {}", ProcessHandle.current().pid(), port);
        // a training run also syncs two shards of its own, so that the cache holds the sync path
        AotTraining training = AotCache.training() ? AotTraining.start() : null;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (training != null) {
                training.awaitEnd();
            }
            shard.close();
        }, "shard-shutdown"));
        shard.group().terminationFuture().sync(); // SHUTDOWN ends the process
    }

    /** Parses "--name value" pairs; "--replicaof host port" takes two values, as in redis-server. */
    static Config parse(String[] args) {
        Config config = Shards.config();
        List<String[]> settings = new ArrayList<>();
        int first = 0;
        if (args.length > 0 && !args[0].startsWith("--")) {
            try {
                ConfigFile.read(Path.of(args[0]), config);
            } catch (IOException e) {
                throw new IllegalArgumentException("Fatal error, can't open config file '" + args[0] + "': " + e.getMessage());
            }
            first = 1;
        }
        for (int i = first; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || a.length() == 2) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            String name = a.substring(2);
            List<String> values = new ArrayList<>();
            while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                values.add(args[++i]);
            }
            if (name.equalsIgnoreCase("user")) {
                config.addUser(values); // "--user NAME rules...", as a redis.conf user line
                continue;
            }
            settings.add(new String[] {name, String.join(" ", values)});
        }
        for (String[] s : settings) {
            if (!config.has(s[0])) {
                throw new IllegalArgumentException("unknown option '--" + s[0] + "'");
            }
            config.setInitial(s[0], s[1]);
        }
        return config;
    }
}
