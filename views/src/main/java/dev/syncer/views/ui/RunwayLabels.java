package dev.syncer.views.ui;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the runway's reader labels go, so that no two overlap: readers at the same offset (the
 * normal, caught-up case) share one label listing them; the others take the lowest row where they
 * fit. A label that fits in no row is left out: its tick stays, and the list under the runway names
 * every reader.
 */
final class RunwayLabels {

    /** A label to place: its text, the x it points at and its width. */
    record Wanted(String text, double x, double width) {
    }

    /** A placed label: its text, its left edge, width and row (0 nearest the bar). */
    record Placed(String text, double left, double width, int row) {
        double right() {
            return left + width;
        }
    }

    private static final double SAME_X = 3;
    private static final double GAP = 6;

    private RunwayLabels() {
    }

    /** Readers whose ticks are within a few pixels share one label, their texts joined. */
    static List<Wanted> merge(List<Wanted> sortedByX, java.util.function.ToDoubleFunction<String> measure) {
        List<Wanted> out = new ArrayList<>();
        for (Wanted w : sortedByX) {
            if (!out.isEmpty() && Math.abs(out.getLast().x() - w.x()) < SAME_X) {
                String text = out.getLast().text() + ", " + w.text();
                out.set(out.size() - 1, new Wanted(text, out.getLast().x(), measure.applyAsDouble(text)));
            } else {
                out.add(w);
            }
        }
        return out;
    }

    /** Centres each label on its x, kept inside [{@code min}, {@code max}], in the lowest free row. */
    static List<Placed> place(List<Wanted> labels, double min, double max, int rows) {
        List<Placed> placed = new ArrayList<>();
        double[] rowEnd = new double[rows];
        java.util.Arrays.fill(rowEnd, Double.NEGATIVE_INFINITY);
        for (Wanted w : labels) {
            double left = Math.max(min, Math.min(max - w.width(), w.x() - w.width() / 2));
            for (int r = 0; r < rows; r++) {
                if (left >= rowEnd[r] + GAP) {
                    placed.add(new Placed(w.text(), left, w.width(), r));
                    rowEnd[r] = left + w.width();
                    break;
                }
            }
        }
        return placed;
    }
}
