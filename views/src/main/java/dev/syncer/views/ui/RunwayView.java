package dev.syncer.views.ui;

import dev.syncer.views.model.Format;
import dev.syncer.views.model.prediction.Runway;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
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
    private static final Color TRACK = Color.web("#2d333b");
    private static final Color FILL = Color.web("#58a6ff", 0.35);
    private static final Color TEXT = Color.web("#adbac7");
    private static final double HEIGHT = 82;

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
        g.setFont(Font.font("System", 10.5));
        g.setFill(TEXT);
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(r.active() ? Format.offset(r.first()) : "no backlog", x0, barY + barH + 4);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(Format.offset(r.last()), x1, barY + barH + 4);
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText("backlog " + Format.bytes(r.last() - r.first() + 1) + " of " + Format.bytes(r.size())
                + (r.writeRate() > 0 ? " · " + Format.bytes((long) r.writeRate()) + "/s" : ""), (x0 + x1) / 2, barY + barH + 4);
        double lastLabelEnd = Double.NEGATIVE_INFINITY;
        int row = 0;
        for (Runway.Marker m : r.markers().reversed()) {
            double x = x0 + (x1 - x0) * (m.health() == Runway.Marker.Health.LOST && m.offset() < r.first() ? 0 : r.position(m.offset()));
            g.setStroke(colour(m.health()));
            g.setLineWidth(2.5);
            g.strokeLine(x, barY - 4, x, barY + barH + 2);
            g.setFill(colour(m.health()));
            g.fillPolygon(new double[] {x - 5, x + 5, x}, new double[] {barY - 10, barY - 10, barY - 3}, 3);
            // Labels above, stepping up when they would overlap.
            double tw = m.label().length() * 6.2;
            row = x - tw / 2 < lastLabelEnd ? row + 1 : 0;
            lastLabelEnd = x + tw / 2 + 4;
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.BOTTOM);
            g.fillText(m.label(), Math.max(x0 + tw / 2, Math.min(x1 - tw / 2, x)), barY - 11 - (row % 2) * 13);
            g.setTextBaseline(VPos.TOP);
        }
    }
}
