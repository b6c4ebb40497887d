package dev.syncer.app.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncer.views.model.port.ConsoleEvent;
import dev.syncer.views.model.port.OperationEvent;
import dev.syncer.views.model.port.OperationKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HubTest {

    private final Hub hub = new Hub();

    private static ConsoleEvent event(int n) {
        return new OperationEvent("op-" + n, Instant.EPOCH.plusSeconds(n), OperationKind.FAILOVER,
                OperationEvent.Status.STARTED, "event " + n);
    }

    @Test
    void aListenerFirstGetsTheEventsPublishedBeforeItSubscribedThenTheNewOnes() {
        hub.publish(event(1));
        hub.publish(event(2));
        List<ConsoleEvent> seen = new ArrayList<>();
        hub.events().subscribe(seen::add);
        hub.publish(event(3));
        assertThat(seen).containsExactly(event(1), event(2), event(3));
    }

    @Test
    void theEventsKeptForANewListenerAreBounded() {
        for (int i = 0; i < Hub.KEPT_EVENTS + 5; i++) {
            hub.publish(event(i));
        }
        List<ConsoleEvent> seen = new ArrayList<>();
        hub.events().subscribe(seen::add);
        assertThat(seen).hasSize(Hub.KEPT_EVENTS).startsWith(event(5));
    }
}
