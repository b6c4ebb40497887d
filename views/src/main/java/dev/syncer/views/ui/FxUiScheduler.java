package dev.syncer.views.ui;

import dev.syncer.views.model.UiScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/** The JavaFX application thread as a {@link UiScheduler}: the one place that calls {@code Platform.runLater}. */
public final class FxUiScheduler implements UiScheduler {

    @Override
    public void execute(Runnable task) {
        Platform.runLater(task);
    }

    @Override
    public void schedule(Duration delay, Runnable task) {
        CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, Platform::runLater).execute(task);
    }

    @Override
    public Instant now() {
        return Instant.now();
    }
}
