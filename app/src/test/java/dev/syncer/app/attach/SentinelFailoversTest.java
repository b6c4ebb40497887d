package dev.syncer.app.attach;

import dev.syncer.views.model.port.ConsoleEvent;
import dev.syncer.views.model.port.OperationEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Sentinel's messages, as three sentinels publish them, into one failover row. */
class SentinelFailoversTest {

    private final SentinelFailovers failovers = new SentinelFailovers();
    private final List<ConsoleEvent> rows = new ArrayList<>();

    private void event(String sentinel, String type, String message) {
        rows.addAll(failovers.accept(new SentinelEvents.Event(Instant.now(), sentinel, type, message)));
    }

    @Test
    void aFailoverStartsAtTryFailoverAndEndsAtTheFirstSwitchMaster() {
        event("s1", "+new-epoch", "1");
        event("s1", "+try-failover", "master mymaster 127.0.0.1 7000");
        event("s1", "+selected-slave", "slave 127.0.0.1:7001 127.0.0.1 7001 @ mymaster 127.0.0.1 7000");
        event("s1", "+promoted-slave", "slave 127.0.0.1:7001 127.0.0.1 7001 @ mymaster 127.0.0.1 7000");
        event("s1", "+switch-master", "mymaster 127.0.0.1 7000 127.0.0.1 7001");
        event("s2", "+switch-master", "mymaster 127.0.0.1 7000 127.0.0.1 7001");
        event("s3", "+switch-master", "mymaster 127.0.0.1 7000 127.0.0.1 7001");

        assertThat(rows).extracting(r -> ((OperationEvent) r).status())
                .containsExactly(OperationEvent.Status.STARTED, OperationEvent.Status.SUCCEEDED);
        assertThat(((OperationEvent) rows.get(1)).summary())
                .contains("127.0.0.1:7000 → 127.0.0.1:7001")
                .contains("+try-failover, +selected-slave, +promoted-slave, +switch-master");
    }

    @Test
    void anAbortEndsTheFailoverAsFailed() {
        event("s1", "+try-failover", "master mymaster 127.0.0.1 7000");
        event("s1", "-failover-abort-no-good-slave", "master mymaster 127.0.0.1 7000");

        assertThat(rows).extracting(r -> ((OperationEvent) r).status())
                .containsExactly(OperationEvent.Status.STARTED, OperationEvent.Status.FAILED);
    }

    @Test
    void eventsOutsideAFailoverMakeNoRow() {
        event("s1", "+sdown", "slave 127.0.0.1:7001 127.0.0.1 7001 @ mymaster 127.0.0.1 7000");
        event("s1", "+tilt", "#tilt mode entered");

        assertThat(rows).isEmpty();
    }
}
