package dev.syncer.engine.testing;

import java.util.concurrent.TimeUnit;

/** Stopping a process a test started, by its handle (so by its PID, never by name). */
public final class Processes {

    private Processes() {
    }

    /** kill -9: no shutdown hook runs, nothing is flushed. */
    public static void kill(Process process) {
        process.destroyForcibly(); // SIGKILL on Linux
        awaitExit(process, 20);
    }

    /** SIGTERM, then SIGKILL if it has not exited in {@code seconds}. */
    public static void stop(Process process, int seconds) {
        if (process.isAlive()) {
            process.destroy();
            if (!awaitExit(process, seconds)) {
                kill(process);
            }
        }
    }

    private static boolean awaitExit(Process process, int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
