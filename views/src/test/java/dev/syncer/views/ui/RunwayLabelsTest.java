package dev.syncer.views.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncer.views.ui.RunwayLabels.Placed;
import dev.syncer.views.ui.RunwayLabels.Wanted;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RunwayLabelsTest {

    /** Seven pixels a character, as the runway's font roughly draws. */
    private static double measure(String s) {
        return s.length() * 7.0;
    }

    private static Wanted at(String text, double x) {
        return new Wanted(text, x, measure(text));
    }

    @Test
    void caughtUpReadersShareOneLabel() {
        List<Wanted> merged = RunwayLabels.merge(List.of(at("shop/2", 250), at("syncer→west", 250), at("syncer→north", 251)),
                RunwayLabelsTest::measure);
        assertThat(merged).extracting(Wanted::text).containsExactly("shop/2, syncer→west, syncer→north");
        List<Placed> placed = RunwayLabels.place(merged, 6, 254, 2);
        assertThat(placed).hasSize(1);
        assertThat(placed.getFirst().right()).as("kept inside the bar").isLessThanOrEqualTo(254);
    }

    @Test
    void noTwoPlacedLabelsOverlapWhereverTheReadersAre() {
        Random random = new Random(14);
        for (int round = 0; round < 500; round++) {
            List<Wanted> wanted = new ArrayList<>();
            int readers = 1 + random.nextInt(8);
            for (int i = 0; i < readers; i++) {
                wanted.add(at("reader" + i, 6 + random.nextInt(250)));
            }
            wanted.sort(java.util.Comparator.comparingDouble(Wanted::x));
            List<Placed> placed = RunwayLabels.place(RunwayLabels.merge(wanted, RunwayLabelsTest::measure), 6, 256, 2);
            assertThat(placed).isNotEmpty();
            for (Placed a : placed) {
                assertThat(a.left()).isGreaterThanOrEqualTo(6);
                for (Placed b : placed) {
                    if (a != b && a.row() == b.row()) {
                        assertThat(a.right() <= b.left() || b.right() <= a.left())
                                .as("%s and %s in row %d", a, b, a.row()).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void readersApartKeepTheirOwnLabelsNearTheirTicks() {
        List<Placed> placed = RunwayLabels.place(List.of(at("shop/2", 40), at("shop/3", 200)), 6, 256, 2);
        assertThat(placed).extracting(Placed::row).containsExactly(0, 0);
        assertThat(placed.get(1).left()).isCloseTo(200 - measure("shop/3") / 2, org.assertj.core.data.Offset.offset(0.01));
    }
}
