package dev.syncer.app.attach;

import dev.syncer.views.model.port.ConsoleEvent;
import dev.syncer.views.model.port.OperationEvent;
import dev.syncer.views.model.port.OperationKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sentinel's events as the timeline's operation rows: a failover starts at {@code +try-failover}
 * (or at the first {@code +switch-master} seen, when its start was missed), collects the steps
 * every sentinel reports, and ends at {@code +switch-master} or {@code -failover-abort-*}. Each
 * sentinel publishes the switch: the first one counts.
 */
public final class SentinelFailovers {

    /** A failover of one master name being watched. */
    private static final class Running {
        final String id;
        final List<String> steps = new ArrayList<>();

        Running(String id) {
            this.id = id;
        }
    }

    private final Map<String, Running> running = new HashMap<>();
    private final Set<String> switches = new HashSet<>();
    private int count;

    /** The operation events this sentinel event starts or ends; empty for the steps in between. */
    public synchronized List<ConsoleEvent> accept(SentinelEvents.Event e) {
        String name = e.masterName();
        if (name.isEmpty()) {
            return List.of();
        }
        List<ConsoleEvent> out = new ArrayList<>();
        Running r = running.get(name);
        if (r == null && (e.type().equals("+try-failover") || e.type().equals("+switch-master"))) {
            if (e.type().equals("+switch-master") && switches.contains(name + " " + e.message())) {
                return List.of(); // another sentinel's report of a switch already shown
            }
            r = new Running("sentinel-failover:" + name + ":" + (++count));
            running.put(name, r);
            out.add(new OperationEvent(r.id, e.time(), OperationKind.FAILOVER, OperationEvent.Status.STARTED,
                    "Sentinel fails over " + name + " (" + e.type() + " from " + e.sentinel() + ")"));
        }
        if (r == null) {
            return out;
        }
        if (!r.steps.contains(e.type())) {
            r.steps.add(e.type());
        }
        if (e.type().equals("+switch-master")) {
            String[] w = e.message().split(" ");
            String moved = w.length >= 5 ? w[1] + ":" + w[2] + " → " + w[3] + ":" + w[4] : e.message();
            switches.add(name + " " + e.message());
            running.remove(name);
            out.add(new OperationEvent(r.id, e.time(), OperationKind.FAILOVER, OperationEvent.Status.SUCCEEDED,
                    "Sentinel switched " + name + " " + moved + " · " + String.join(", ", r.steps)));
        } else if (e.type().startsWith("-failover-abort")) {
            running.remove(name);
            out.add(new OperationEvent(r.id, e.time(), OperationKind.FAILOVER, OperationEvent.Status.FAILED,
                    "Sentinel failover of " + name + " aborted: " + e.type() + " · " + String.join(", ", r.steps)));
        }
        return out;
    }
}
