package dev.syncer.views.testing;

import dev.syncer.views.model.UiScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * A {@link UiScheduler} for view-model tests: tasks run in the test thread when the test says so,
 * at a virtual time the test moves forward. No FX thread, no sleeping.
 */
public final class ManualUiScheduler implements UiScheduler {

    private record Delayed(Instant due, long order, Runnable task) {
    }

    private final Deque<Runnable> ready = new ArrayDeque<>();
    private final List<Delayed> delayed = new ArrayList<>();
    private Instant now;
    private long order;

    public ManualUiScheduler(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized void execute(Runnable task) {
        ready.add(task);
    }

    @Override
    public synchronized void schedule(Duration delay, Runnable task) {
        delayed.add(new Delayed(now.plus(delay), order++, task));
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    /** Runs every task that is due now, including tasks those tasks submit. */
    public void runDue() {
        while (true) {
            Runnable next;
            synchronized (this) {
                delayed.sort(Comparator.comparing(Delayed::due).thenComparingLong(Delayed::order));
                while (!delayed.isEmpty() && !delayed.getFirst().due().isAfter(now)) {
                    ready.add(delayed.removeFirst().task());
                }
                next = ready.poll();
            }
            if (next == null) {
                return;
            }
            next.run();
        }
    }

    /** Moves the clock by {@code d} and runs what became due. */
    public void advance(Duration d) {
        synchronized (this) {
            now = now.plus(d);
        }
        runDue();
    }

    /** Tasks waiting (ready or delayed). */
    public synchronized int pending() {
        return ready.size() + delayed.size();
    }
}
