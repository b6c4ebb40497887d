package dev.syncer.views.ui;

import dev.syncer.views.ui.GraphLayout.Box;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The route of an edge: an orthogonal polyline (drawn with rounded corners) and where its label
 * sits. Replication edges leave a card by its top or bottom, run along the free corridors between
 * card rows and, when rows lie in between, down the nearest free vertical channel (a side gutter
 * or the gap between two card columns) — so they never cross a card. Pure geometry.
 *
 * @param xs     corner x coordinates, start first
 * @param ys     corner y coordinates
 * @param labelX centre of the label
 * @param labelY centre of the label
 * @param stacked whether the label is set one part per line: it sits in a narrow gap between clusters
 */
record EdgeGeometry(double[] xs, double[] ys, double labelX, double labelY, boolean stacked) {

    /** Degrees of the last segment, for the arrowhead. */
    double endAngle() {
        int n = xs.length;
        return Math.toDegrees(Math.atan2(ys[n - 1] - ys[n - 2], xs[n - 1] - xs[n - 2]));
    }

    private static EdgeGeometry of(List<double[]> pts, double labelX, double labelY) {
        return of(pts, labelX, labelY, false);
    }

    private static EdgeGeometry of(List<double[]> pts, double labelX, double labelY, boolean stacked) {
        List<double[]> clean = new ArrayList<>();
        for (double[] p : pts) {
            if (clean.isEmpty() || clean.getLast()[0] != p[0] || clean.getLast()[1] != p[1]) {
                clean.add(p);
            }
        }
        double[] xs = new double[clean.size()];
        double[] ys = new double[clean.size()];
        for (int i = 0; i < clean.size(); i++) {
            xs[i] = clean.get(i)[0];
            ys[i] = clean.get(i)[1];
        }
        return new EdgeGeometry(xs, ys, labelX, labelY, stacked);
    }

    /**
     * A replication edge from {@code from} (upstream, card row {@code fromRow}) to {@code to}
     * (replica, row {@code toRow}).
     *
     * @param corridors y of the free corridor below each card row of the cluster
     * @param channels  x of the cluster's free vertical channels
     * @param lane      small index separating edges that share a corridor or a channel
     */
    static EdgeGeometry replication(Box from, int fromRow, Box to, int toRow, List<Double> corridors,
                                    List<Double> channels, int lane) {
        double shift = ((lane % 5) - 2) * 4.0;
        double sx = from.centerX();
        double tx = to.centerX();
        List<double[]> pts = new ArrayList<>();
        if (toRow == fromRow) {
            double c = corridors.get(fromRow) + shift;
            pts.add(new double[] {sx, from.bottom()});
            pts.add(new double[] {sx, c});
            pts.add(new double[] {tx, c});
            pts.add(new double[] {tx, to.bottom()});
            return of(pts, tx, c);
        }
        boolean down = toRow > fromRow;
        double exitY = down ? from.bottom() : from.y();
        double entryY = down ? to.y() : to.bottom();
        double c1 = corridors.get(down ? fromRow : fromRow - 1) + shift;
        double c2 = corridors.get(down ? toRow - 1 : toRow) + shift;
        pts.add(new double[] {sx, exitY});
        pts.add(new double[] {sx, c1});
        if (Math.abs(toRow - fromRow) > 1) {
            double mid = (sx + tx) / 2;
            double gx = channels.stream().min(Comparator.comparingDouble(c -> Math.abs(c - mid))).orElse(mid) + shift;
            pts.add(new double[] {gx, c1});
            pts.add(new double[] {gx, c2});
        }
        pts.add(new double[] {tx, c2});
        pts.add(new double[] {tx, entryY});
        return of(pts, tx, c2);
    }

    /**
     * A syncer edge between cluster boxes in lane {@code lane}: straight across the gap for
     * neighbours, over the top for clusters further apart.
     */
    static EdgeGeometry syncer(Box from, Box to, boolean neighbours, int lane) {
        List<double[]> pts = new ArrayList<>();
        if (neighbours) {
            boolean rightward = to.x() > from.x();
            double y = from.y() + 72 + lane * 56;
            double sx = rightward ? from.right() : from.x();
            double ex = rightward ? to.x() : to.right();
            pts.add(new double[] {sx, y});
            pts.add(new double[] {ex, y});
            // the gap between two clusters is narrower than a one-line label: stack it above the line
            return of(pts, (sx + ex) / 2, y - 27, true);
        }
        double top = Math.min(from.y(), to.y()) - 24 - lane * 22;
        double sx = from.centerX() + lane * 14;
        double ex = to.centerX() + lane * 14;
        pts.add(new double[] {sx, from.y()});
        pts.add(new double[] {sx, top});
        pts.add(new double[] {ex, top});
        pts.add(new double[] {ex, to.y()});
        return of(pts, (sx + ex) / 2, top);
    }
}
