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
 * Ctrl + wheel. The graph stays fitted when its shape or the window changes, until the user zooms
 * or pans; <em>Fit</em> returns to that. The fit leaves the zoom controls' strip free, so they never
 * cover a card.
 */
final class GraphViewport extends StackPane {

    static final double MIN_ZOOM = 0.3;
    static final double MAX_ZOOM = 1.5;

    private final TopologyGraphView graph;
    private final ScrollPane scroll;
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1);
    private final Label percent = new Label();
    private final HBox controls;
    /** Whether the graph follows the viewport's size: true until the user zooms or pans. */
    private boolean fitted = true;

    GraphViewport(TopologyGraphView graph) {
        this.graph = graph;
        this.scroll = new ScrollPane(new Group(graph));
        this.controls = new HBox(2);
        createView();
        bind();
    }

    private void createView() {
        scroll.getStyleClass().add("graph-scroll");
        scroll.setPannable(true);
        Button out = button("−", "zoom-out");
        Button in = button("+", "zoom-in");
        Button fit = button("Fit", "zoom-fit");
        out.setOnAction(e -> zoomBy(1 / 1.2));
        in.setOnAction(e -> zoomBy(1.2));
        fit.setOnAction(e -> fit());
        percent.getStyleClass().add("zoom-label");
        percent.setMinWidth(42);
        percent.setAlignment(Pos.CENTER);
        controls.getChildren().addAll(out, percent, in, fit);
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
                zoomBy(e.getDeltaY() > 0 ? 1.1 : 1 / 1.1);
                e.consume();
            }
        });
        // A drag that moves the view is a pan: the user now chooses what is visible.
        scroll.hvalueProperty().addListener((o, a, b) -> userMoved());
        scroll.vvalueProperty().addListener((o, a, b) -> userMoved());
        scroll.viewportBoundsProperty().addListener((o, a, b) -> refit());
        graph.layoutBoundsProperty().addListener((o, a, b) -> refit());
        graph.needsLayoutProperty().addListener((o, was, now) -> {
            if (!now) {
                refit();
            }
        });
    }

    private void zoomBy(double factor) {
        follow(false);
        setZoom(zoom.get() * factor);
    }

    private void userMoved() {
        if (scroll.isPressed()) {
            follow(false);
        }
    }

    /**
     * A fitted graph is whole in the viewport: no scrollbars then (one left over from a resize
     * would take the room the fit counted on); the user's zoom or pan brings them back.
     */
    private void follow(boolean fit) {
        fitted = fit;
        ScrollPane.ScrollBarPolicy policy = fit ? ScrollPane.ScrollBarPolicy.NEVER : ScrollPane.ScrollBarPolicy.AS_NEEDED;
        scroll.setHbarPolicy(policy);
        scroll.setVbarPolicy(policy);
    }

    private void refit() {
        if (fitted) {
            fit();
        }
    }

    /** Whether the graph still follows the viewport (no zoom or pan since the last fit). */
    boolean isFitted() {
        return fitted;
    }

    void setZoom(double z) {
        zoom.set(Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z)));
    }

    /** Scales the whole graph into the visible area above the zoom controls, never above 100%. */
    void fit() {
        follow(true);
        double w = graph.prefWidth(-1);
        double h = graph.prefHeight(-1);
        double vw = scroll.getViewportBounds().getWidth();
        double vh = scroll.getViewportBounds().getHeight();
        double stripW = controls.prefWidth(-1) + 2 * Math.abs(controls.getTranslateX());
        double stripH = controls.prefHeight(-1) + 2 * Math.abs(controls.getTranslateY());
        if (w > 0 && h > 0 && vw > stripW && vh > stripH) {
            // A hair under the exact ratio so rounding never brings a scrollbar back.
            double whole = Math.min(1, Math.min(vw / w, vh / h)) * 0.995;
            // The controls sit in the bottom-right corner: if a cluster would be under them, keep
            // the graph above them or beside them instead.
            if (!graph.isFreeArea((vw - stripW) / whole, (vh - stripH) / whole, stripW / whole, stripH / whole)) {
                double above = Math.min(vw / w, (vh - stripH) / h);
                double beside = Math.min((vw - stripW) / w, vh / h);
                whole = Math.min(1, Math.max(above, beside)) * 0.995;
            }
            setZoom(whole);
            scroll.setHvalue(0);
            scroll.setVvalue(0);
        }
    }


    double zoom() {
        return zoom.get();
    }
}
