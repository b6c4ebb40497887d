package dev.syncer.app.adapter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a polling round at a fixed rate on one daemon thread of its own; a slow round delays the
 * next instead of piling up. The console's data never comes from the UI thread.
 */
public final class Poller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Poller.class);

    private final ScheduledExecutorService thread;

    public Poller(String name, Duration period, Runnable round) {
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(() -> {
            try {
                round.run();
            } catch (RuntimeException e) {
                log.warn("{} round failed", name, e);
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
