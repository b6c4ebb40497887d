package dev.syncer.views.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Turns a stream of updates arriving on any thread into at most one delivery per period on the UI
 * thread, carrying everything that arrived since the last one. A burst of snapshots at 20 Hz becomes
 * 4 redraws a second; a quiet source costs nothing (no timer runs while nothing is pending).
 *
 * @param <T> what is offered
 */
public final class Coalescer<T> {

    private final UiScheduler ui;
    private final Duration period;
    private final Consumer<List<T>> sink;
    private final boolean latestOnly;
    private final Object lock = new Object();
    private List<T> pending = new ArrayList<>();
    private boolean scheduled;
    private Instant lastFlush = Instant.MIN;

    /**
     * @param period the shortest time between two deliveries (250 ms for 4 Hz)
     * @param sink   receives, on the UI thread, everything offered since the last delivery, oldest first
     */
    public Coalescer(UiScheduler ui, Duration period, Consumer<List<T>> sink) {
        this(ui, period, sink, false);
    }

    private Coalescer(UiScheduler ui, Duration period, Consumer<List<T>> sink, boolean latestOnly) {
        this.ui = Objects.requireNonNull(ui);
        this.period = Objects.requireNonNull(period);
        this.sink = Objects.requireNonNull(sink);
        this.latestOnly = latestOnly;
    }

    /**
     * A coalescer that keeps only the newest item: for complete states such as snapshots, where an
     * older one has nothing the newer lacks. Memory stays constant however slow the UI thread is.
     */
    public static <T> Coalescer<T> latest(UiScheduler ui, Duration period, Consumer<T> sink) {
        return new Coalescer<>(ui, period, batch -> sink.accept(batch.getLast()), true);
    }

    /** Queues {@code item}; callable from any thread. */
    public void offer(T item) {
        Duration delay;
        synchronized (lock) {
            if (latestOnly) {
                pending.clear();
            }
            pending.add(item);
            if (scheduled) {
                return;
            }
            scheduled = true;
            Instant due = lastFlush.equals(Instant.MIN) ? Instant.MIN : lastFlush.plus(period);
            Instant now = ui.now();
            delay = due.isAfter(now) ? Duration.between(now, due) : Duration.ZERO;
        }
        if (delay.isZero()) {
            ui.execute(this::flush);
        } else {
            ui.schedule(delay, this::flush);
        }
    }

    private void flush() {
        List<T> batch;
        synchronized (lock) {
            batch = pending;
            pending = new ArrayList<>();
            scheduled = false;
            lastFlush = ui.now();
        }
        if (!batch.isEmpty()) {
            sink.accept(batch);
        }
    }
}
