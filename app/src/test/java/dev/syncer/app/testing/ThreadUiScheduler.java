package dev.syncer.app.testing;

import dev.syncer.views.model.UiScheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The console's view-models without a window: one thread plays the UI thread, so a test drives the
 * same models the window does (predictions, timeline verdicts) and reads them on that thread.
 */
public final class ThreadUiScheduler implements UiScheduler, AutoCloseable {

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "test-ui");
        t.setDaemon(true);
        return t;
    });

    @Override
    public void execute(Runnable task) {
        thread.execute(task);
    }

    @Override
    public void schedule(Duration delay, Runnable task) {
        thread.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    /** Runs {@code query} on the UI thread and returns its answer. */
    public <T> T read(Callable<T> query) {
        try {
            return thread.submit(query).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
