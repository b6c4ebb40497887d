package dev.syncer.engine.command;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** notify-keyspace-events parsing and spelling, as notify.c's two conversions. */
class KeyspaceEventsTest {

    @Test
    void everyClassSurvivesTheRoundTrip() {
        String classes = "g$lshzxetdnKEm";
        for (int i = 0; i < classes.length(); i++) {
            String one = String.valueOf(classes.charAt(i));
            int flags = KeyspaceEvents.keyspaceEventsStringToFlags(one);
            assertThat(flags).isPositive();
            assertThat(KeyspaceEvents.keyspaceEventsFlagsToString(flags)).isEqualTo(one);
        }
    }

    @Test
    void aIsEveryClassButNewAndKeyMiss() {
        assertThat(KeyspaceEvents.normalise("g$lshzxetdKE")).isEqualTo("AKE");
        assertThat(KeyspaceEvents.normalise("EKA")).isEqualTo("AKE");
        assertThat(KeyspaceEvents.normalise("Anm")).isEqualTo("Am");
        assertThat(KeyspaceEvents.keyspaceEventsStringToFlags("A") & KeyspaceEvents.NEW).isZero();
        assertThat(KeyspaceEvents.normalise("")).isEmpty();
    }

    @Test
    void anUnknownClassIsRefused() {
        assertThat(KeyspaceEvents.keyspaceEventsStringToFlags("KEq")).isEqualTo(-1);
        assertThatThrownBy(() -> KeyspaceEvents.normalise("a")).hasMessageContaining("Invalid event class character");
    }
}
