package dev.syncer.views.ui;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;

/**
 * The topology graph in a pannable, zoomable viewport: buttons to zoom out, in and to fit, and
 * Ctrl + wheel. Fifty shards fit on one screen at about two thirds of their size.
 */
final class GraphViewport extends StackPane {

    static final double MIN_ZOOM = 0.3;
    static final double MAX_ZOOM = 1.5;

    private final TopologyGraphView graph;
    private final ScrollPane scroll;
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1);
    private final Label percent = new Label();

    GraphViewport(TopologyGraphView graph) {
        this.graph = graph;
        this.scroll = new ScrollPane(new Group(graph));
        createView();
        bind();
    }

    private void createView() {
        scroll.getStyleClass().add("graph-scroll");
        scroll.setPannable(true);
        Button out = button("−", "zoom-out");
        Button in = button("+", "zoom-in");
        Button fit = button("Fit", "zoom-fit");
        out.setOnAction(e -> setZoom(zoom.get() / 1.2));
        in.setOnAction(e -> setZoom(zoom.get() * 1.2));
        fit.setOnAction(e -> fit());
        percent.getStyleClass().add("zoom-label");
        percent.setMinWidth(42);
        percent.setAlignment(Pos.CENTER);
        HBox controls = new HBox(2, out, percent, in, fit);
        controls.getStyleClass().add("zoom-controls");
        controls.setMaxSize(HBox.USE_PREF_SIZE, HBox.USE_PREF_SIZE);
        StackPane.setAlignment(controls, Pos.BOTTOM_RIGHT);
        getChildren().addAll(scroll, controls);
    }

    private static Button button(String text, String id) {
        Button b = new Button(text);
        b.setId(id);
        b.getStyleClass().add("zoom-button");
        b.setFocusTraversable(false);
        return b;
    }

    private void bind() {
        graph.scaleXProperty().bind(zoom);
        graph.scaleYProperty().bind(zoom);
        percent.textProperty().bind(zoom.multiply(100).asString("%.0f%%"));
        scroll.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.isControlDown() && e.getDeltaY() != 0) {
                setZoom(zoom.get() * (e.getDeltaY() > 0 ? 1.1 : 1 / 1.1));
                e.consume();
            }
        });
    }

    void setZoom(double z) {
        zoom.set(Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z)));
    }

    /** Scales the whole graph into the visible area, never above 100%. */
    void fit() {
        double w = graph.prefWidth(-1);
        double h = graph.prefHeight(-1);
        double vw = scroll.getViewportBounds().getWidth();
        double vh = scroll.getViewportBounds().getHeight();
        if (w > 0 && h > 0 && vw > 0 && vh > 0) {
            setZoom(Math.min(1, Math.min(vw / w, vh / h)));
        }
    }

    double zoom() {
        return zoom.get();
    }
}
