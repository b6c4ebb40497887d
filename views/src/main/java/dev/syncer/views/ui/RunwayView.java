package dev.syncer.views.ui;

import dev.syncer.views.model.Format;
import dev.syncer.views.model.prediction.Runway;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * The backlog runway drawn as a bar: {@code first_byte_offset} on the left, {@code master_repl_offset}
 * on the right, a tick per replica and syncer at its offset, coloured by how much runway it has
 * left. A reader at the left edge is about to need a full sync.
 */
final class RunwayView extends Region {

    static final Color SAFE = Color.web("#3fb950");
    static final Color DANGER = Color.web("#d29922");
    static final Color LOST = Color.web("#f85149");
    static final Color DISCONNECTED = Color.web("#768390");
    private static final Color TRACK = Color.web("#2d333b");
    private static final Color FILL = Color.web("#58a6ff", 0.35);
    private static final Color TEXT = Color.web("#adbac7");
    private static final double HEIGHT = 82;
    private static final Font FONT = Font.font("System", 10.5);
    private static final Text MEASURE = new Text();
    private static final int LABEL_ROWS = 2;
    private static final double LABEL_ROW = 13;

    static {
        MEASURE.setFont(FONT);
    }

    private final Canvas canvas = new Canvas();
    private final ObjectProperty<Runway> runway = new SimpleObjectProperty<>(this, "runway");

    RunwayView() {
        getStyleClass().add("runway");
        getChildren().add(canvas);
        setMinHeight(HEIGHT);
        setPrefHeight(HEIGHT);
        runway.addListener((o, a, b) -> draw());
    }

    ObjectProperty<Runway> runwayProperty() {
        return runway;
    }

    @Override
    protected void layoutChildren() {
        double w = Math.max(0, getWidth() - snappedLeftInset() - snappedRightInset());
        canvas.setLayoutX(snappedLeftInset());
        canvas.setLayoutY(snappedTopInset());
        if (canvas.getWidth() != w || canvas.getHeight() != HEIGHT) {
            canvas.setWidth(w);
            canvas.setHeight(HEIGHT);
            draw();
        }
    }

    static Color colour(Runway.Marker.Health h) {
        return switch (h) {
            case SAFE -> SAFE;
            case DANGER -> DANGER;
            case LOST -> LOST;
            case DISCONNECTED -> DISCONNECTED;
        };
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        g.clearRect(0, 0, w, HEIGHT);
        Runway r = runway.get();
        if (r == null || w < 40) {
            return;
        }
        double x0 = 6;
        double x1 = w - 6;
        double barY = 38;
        double barH = 14;
        g.setFill(TRACK);
        g.fillRoundRect(x0, barY, x1 - x0, barH, 6, 6);
        if (r.active()) {
            g.setFill(FILL);
            g.fillRoundRect(x0, barY, (x1 - x0) * r.fill(), barH, 6, 6);
        }
        g.setFont(FONT);
        g.setFill(TEXT);
        g.setTextBaseline(VPos.TOP);
        String first = r.active() ? Format.offset(r.first()) : "no backlog";
        String last = Format.offset(r.last());
        String middle = "backlog " + Format.bytes(r.last() - r.first() + 1) + " of " + Format.bytes(r.size())
                + (r.writeRate() > 0 ? " · " + Format.bytes((long) r.writeRate()) + "/s" : "");
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(first, x0, barY + barH + 4);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(last, x1, barY + barH + 4);
        // The backlog's size sits between the two offsets when it fits there, else on its own line.
        double free = (x1 - x0) - 2 * Math.max(width(first), width(last)) - 16;
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText(middle, (x0 + x1) / 2, barY + barH + 4 + (width(middle) <= free ? 0 : 13));
        List<RunwayLabels.Wanted> wanted = new ArrayList<>();
        for (Runway.Marker m : r.markers()) {
            double x = tickX(r, m, x0, x1);
            g.setStroke(colour(m.health()));
            g.setLineWidth(2.5);
            g.strokeLine(x, barY - 4, x, barY + barH + 2);
            g.setFill(colour(m.health()));
            g.fillPolygon(new double[] {x - 5, x + 5, x}, new double[] {barY - 10, barY - 10, barY - 3}, 3);
            wanted.add(new RunwayLabels.Wanted(m.label(), x, width(m.label())));
        }
        wanted.sort(java.util.Comparator.comparingDouble(RunwayLabels.Wanted::x));
        g.setFill(TEXT);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        for (RunwayLabels.Placed p : labels(wanted, x0, x1)) {
            g.fillText(p.text(), p.left(), barY - 11 - p.row() * LABEL_ROW);
        }
    }

    /** Where the reader labels go for this width: no two overlap. */
    static List<RunwayLabels.Placed> labels(List<RunwayLabels.Wanted> sortedByX, double x0, double x1) {
        return RunwayLabels.place(RunwayLabels.merge(sortedByX, RunwayView::width), x0, x1, LABEL_ROWS);
    }

    private static double tickX(Runway r, Runway.Marker m, double x0, double x1) {
        boolean behind = m.health() == Runway.Marker.Health.LOST && m.offset() < r.first();
        return x0 + (x1 - x0) * (behind ? 0 : r.position(m.offset()));
    }

    /** The drawn width of {@code s} in the runway's font. */
    static double width(String s) {
        MEASURE.setText(s);
        return MEASURE.getLayoutBounds().getWidth();
    }
}
