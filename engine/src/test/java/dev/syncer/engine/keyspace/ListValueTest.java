package dev.syncer.engine.keyspace;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The size sample a list keeps of its head follows every kind of change. */
class ListValueTest {

    @Test
    void theKeptHeadSampleIsTheFirstElementsMeasuredAgain() {
        Random random = new Random(13);
        ListValue list = new ListValue();
        for (int step = 0; step < 20_000; step++) {
            byte[] element = new byte[random.nextInt(70)];
            switch (random.nextInt(list.size() > 40 ? 7 : 4)) {
                case 0, 4 -> list.addFirst(element);
                case 1 -> list.addLast(element);
                case 2, 5 -> {
                    if (list.size() > 0) {
                        list.removeFirst();
                    }
                }
                case 3, 6 -> {
                    if (list.size() > 0) {
                        list.removeLast();
                    }
                }
                default -> throw new AssertionError();
            }
            if (step % 97 == 0 && list.size() > 0) {
                list.set(random.nextInt(Math.min(list.size(), 8)), element);
            }
            if (step % 1_001 == 0 && list.size() > 2) {
                list.retain(1, list.size() - 2);
            }
            if (step % 503 == 0) {
                list = (ListValue) list.copy();
            }
            assertThat(list.headSample()).as("step %d", step).isEqualTo(measured(list));
        }
    }

    @Test
    void theEstimateWithTheKeptSampleIsTheMeasuredOnes() {
        ListValue list = new ListValue();
        for (int i = 0; i < 12; i++) {
            list.addFirst(new byte[i * 7]);
        }
        list.removeFirst();
        // the quicklist's header plus 11 elements at the average of the first 5
        assertThat(ObjectSize.value(list)).isEqualTo(ObjectSize.ROBJ + 40 + 11 * measured(list) / ObjectSize.SAMPLES);
    }

    private static long measured(ListValue list) {
        long bytes = 0;
        for (int i = 0; i < Math.min(list.size(), ObjectSize.SAMPLES); i++) {
            bytes += ObjectSize.LISTPACK_ENTRY + list.get(i).length;
        }
        return bytes;
    }
}
