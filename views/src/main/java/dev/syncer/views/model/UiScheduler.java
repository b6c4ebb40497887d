package dev.syncer.views.model;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;

/**
 * The one way view-models reach the UI thread and the clock. View-models are touched only from
 * tasks run by {@link #execute}; they never call {@code Platform.runLater} themselves, so tests run
 * them with a scheduler that executes tasks in the test thread at a virtual time.
 */
public interface UiScheduler extends Executor {

    /** Runs {@code task} on the UI thread soon, in submission order. */
    @Override
    void execute(Runnable task);

    /** Runs {@code task} on the UI thread after {@code delay}. */
    void schedule(Duration delay, Runnable task);

    /** The current time, for timestamps and rates. */
    Instant now();
}
