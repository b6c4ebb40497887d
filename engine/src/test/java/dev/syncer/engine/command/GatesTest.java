package dev.syncer.engine.command;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GatesTest {

    /** Gates that let everything run except the one at refusing, which says its position. */
    private static Gates gates(int count, int refusing, List<Integer> asked) {
        Gates gates = new Gates();
        for (int i = 0; i < count; i++) {
            int position = i;
            gates.add((spec, session, argv) -> {
                asked.add(position);
                return position == refusing ? "ERR gate " + position : null;
            });
        }
        return gates;
    }

    @Test
    void everyGateIsAskedInOrderAndTheFirstRefusalStopsTheRest() {
        int count = Gates.SITES + 3; // the positions with a call site of their own and those past them
        for (int refusing = 0; refusing < count; refusing++) {
            List<Integer> asked = new ArrayList<>();
            assertThat(gates(count, refusing, asked).check(null, null, null)).isEqualTo("ERR gate " + refusing);
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i <= refusing; i++) {
                expected.add(i);
            }
            assertThat(asked).isEqualTo(expected);
        }
    }

    @Test
    void withNoRefusalEveryGateIsAskedAndTheCommandRuns() {
        for (int count = 0; count <= Gates.SITES + 2; count++) {
            List<Integer> asked = new ArrayList<>();
            assertThat(gates(count, -1, asked).check(null, null, null)).isNull();
            assertThat(asked).hasSize(count);
        }
    }

    @Test
    void aParkedVerdictIsPassedOnAsIs() {
        Gates gates = new Gates();
        gates.add((spec, session, argv) -> null);
        gates.add((spec, session, argv) -> CommandDispatcher.Gate.PARKED);
        assertThat(gates.check(null, null, null)).isSameAs(CommandDispatcher.Gate.PARKED);
    }
}
