package dev.syncer.app.adapter;

import dev.syncer.views.model.port.ConsoleEvent;
import dev.syncer.views.model.port.ConsoleEvents;
import dev.syncer.views.model.port.Subscription;
import dev.syncer.views.model.port.TopologySnapshot;
import dev.syncer.views.model.port.TopologySource;
import dev.syncer.views.model.timeline.TimelineModel;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Hands snapshots and events to the console's listeners: the publishing side of
 * {@link TopologySource} and {@link ConsoleEvents}. Publishing happens on the poller's one thread,
 * so a listener is never called concurrently with itself.
 */
public final class Hub implements TopologySource {

    private final List<Consumer<TopologySnapshot>> snapshotListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ConsoleEvent>> eventListeners = new CopyOnWriteArrayList<>();
    private volatile TopologySnapshot last;
    /** Events a new listener is told of first: as many as the timeline keeps rows. */
    static final int KEPT_EVENTS = TimelineModel.CAPACITY;
    private final ArrayDeque<ConsoleEvent> history = new ArrayDeque<>();

    @Override
    public Subscription subscribe(Consumer<TopologySnapshot> listener) {
        snapshotListeners.add(listener);
        TopologySnapshot known = last;
        if (known != null) {
            listener.accept(known);
        }
        return () -> snapshotListeners.remove(listener);
    }

    /**
     * Registers an event listener ({@link #events()} offers it as a {@link ConsoleEvents}); it first
     * gets the events published so far (the newest {@link #KEPT_EVENTS}): the first poll reads each
     * shard's whole sync log, often before the window has subscribed, and the syncs of the lab's
     * start belong on its timeline.
     */
    public synchronized Subscription subscribeEvents(Consumer<ConsoleEvent> listener) {
        history.forEach(listener);
        eventListeners.add(listener);
        return () -> eventListeners.remove(listener);
    }

    public void publish(TopologySnapshot snapshot) {
        last = snapshot;
        for (Consumer<TopologySnapshot> l : snapshotListeners) {
            l.accept(snapshot);
        }
    }

    public synchronized void publish(ConsoleEvent event) {
        history.addLast(event);
        if (history.size() > KEPT_EVENTS) {
            history.removeFirst();
        }
        for (Consumer<ConsoleEvent> l : eventListeners) {
            l.accept(event);
        }
    }

    public TopologySnapshot last() {
        return last;
    }

    /** The {@link ConsoleEvents} view of this hub. */
    public ConsoleEvents events() {
        return this::subscribeEvents;
    }
}
