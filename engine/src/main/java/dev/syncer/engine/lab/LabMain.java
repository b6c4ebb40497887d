package dev.syncer.engine.lab;

import dev.syncer.engine.launch.AotCache;
import dev.syncer.engine.launch.Relauncher;
import dev.syncer.engine.launch.ServerOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The headless lab launcher: {@code java -jar syncer-lab.jar [--data DIR] [--tls CERT-DIR] [topology-file]}; with a
 * data directory the lab keeps its data (AOF on) across restarts and kills; with a certificate
 * directory (ca.crt, redis.crt, redis.key) its syncer links run over TLS. Prints one line per
 * endpoint ({@code endpoint <cluster> <database> <role> <host:port>}), then {@code lab ready}, and
 * runs until stopped (Ctrl-C or SIGTERM), leaving no process behind.
 */
public final class LabMain {

    private LabMain() {
    }

    public static void main(String[] args) throws Exception {
        ServerOptions.applyNettyDefaults();
        List<String> jvm = new ArrayList<>(ServerOptions.labJvm());
        jvm.addAll(AotCache.options()); // as the shard jar: the lab's start from its second start on
        Relauncher.relaunchIfNeeded(LabMain.class, args, jvm);
        Topology topology;
        Path data = null;
        String appendfsync = null;
        Path tls = null;
        try {
            String file = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--data" -> data = Path.of(value(args, ++i));
                    case "--appendfsync" -> appendfsync = value(args, ++i);
                    case "--tls" -> tls = Path.of(value(args, ++i));
                    default -> {
                        if (file != null || args[i].startsWith("--")) {
                            throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
                        }
                        file = args[i];
                    }
                }
            }
            topology = file != null ? Topology.read(Path.of(file)) : Topology.defaultLab();
        } catch (Exception e) {
            System.err.println("syncer-lab: " + e.getMessage());
            System.err.println("usage: java -jar syncer-lab.jar [--data DIR [--appendfsync always|everysec|no]] [--tls CERT-DIR] [topology-file]");
            System.exit(2);
            return;
        }
        Lab lab = data == null ? new Lab(topology, null) : Lab.persistent(topology, data, appendfsync);
        if (tls != null) {
            lab.encryptSyncerLinks(tls);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            lab.close();
            stopped.countDown();
        }, "lab-shutdown"));
        lab.start();
        for (Lab.Endpoint e : lab.endpoints()) {
            System.out.println(e);
        }
        System.out.println("lab ready");
        System.out.flush();
        stopped.await();
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
