package dev.syncer.engine.lab;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The headless lab launcher: {@code java -jar syncer-lab.jar [topology-file]}. Prints one line per
 * endpoint ({@code endpoint <cluster> <database> <role> <host:port>}), then {@code lab ready}, and
 * runs until stopped (Ctrl-C or SIGTERM), leaving no process behind.
 */
public final class LabMain {

    private LabMain() {
    }

    public static void main(String[] args) throws Exception {
        Topology topology;
        try {
            topology = args.length > 0 ? Topology.read(Path.of(args[0])) : Topology.defaultLab();
        } catch (Exception e) {
            System.err.println("syncer-lab: " + e.getMessage());
            System.exit(2);
            return;
        }
        Lab lab = new Lab(topology, null);
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
}
