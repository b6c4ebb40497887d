package dev.syncer.views.ui;

import dev.syncer.views.model.topology.EdgeModel;
import dev.syncer.views.model.topology.LinkState;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.css.PseudoClass;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.QuadCurveTo;
import javafx.scene.text.TextAlignment;

/**
 * An arrow with a label: a replication link or a syncer link. Its state (up, syncing, down, cut,
 * delayed) is a CSS pseudo-class, so colour and dash pattern live in the theme.
 */
final class EdgeView extends Group {

    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");

    private final EdgeModel model;
    private static final double CORNER = 7;

    private final Path curve = new Path();
    private final Path hit = new Path();
    private final Polygon arrow = new Polygon(0, 0, -11, -5.5, -11, 5.5);
    private final Label label = new Label();
    private final Tooltip tooltip = new Tooltip();
    private LinkState shown;
    private final BooleanProperty stacked = new SimpleBooleanProperty();

    EdgeView(EdgeModel model, String styleClass) {
        this.model = model;
        createView(styleClass);
        bind();
    }

    private void createView(String styleClass) {
        getStyleClass().addAll("edge", styleClass);
        curve.getStyleClass().add("edge-line");
        hit.getStyleClass().add("edge-hit");
        arrow.getStyleClass().add("edge-arrow");
        label.getStyleClass().add("edge-label");
        curve.setFill(null);
        hit.setFill(null);
        // Only the wide transparent stroke and the label take clicks; the drawn line and arrow do not.
        curve.setMouseTransparent(true);
        arrow.setMouseTransparent(true);
        getChildren().addAll(hit, curve, arrow, label);
        Tooltip.install(hit, tooltip);
        Tooltip.install(label, tooltip);
        setId("edge-" + model.id().replace(':', '-'));
    }

    private void bind() {
        label.textProperty().bind(Bindings.createStringBinding(() -> stacked.get()
                ? model.labelProperty().get().replace(" · ", "\n") : model.labelProperty().get(), model.labelProperty(), stacked));
        label.setTextAlignment(TextAlignment.CENTER);
        label.visibleProperty().bind(model.labelProperty().isNotEmpty());
        tooltip.textProperty().bind(model.descriptionProperty());
        showState(model.getState());
        model.stateProperty().addListener((o, a, b) -> showState(b));
    }

    private void showState(LinkState state) {
        if (shown != null) {
            pseudoClassStateChanged(PseudoClass.getPseudoClass(shown.word()), false);
        }
        shown = state;
        pseudoClassStateChanged(PseudoClass.getPseudoClass(state.word()), true);
    }

    EdgeModel model() {
        return model;
    }

    void setSelected(boolean selected) {
        pseudoClassStateChanged(SELECTED, selected);
    }

    /** Moves the line, the arrowhead and the label to {@code g}. */
    void place(EdgeGeometry g) {
        List<PathElement> elements = path(g);
        curve.getElements().setAll(elements);
        hit.getElements().setAll(path(g));
        int n = g.xs().length;
        arrow.setLayoutX(g.xs()[n - 1]);
        arrow.setLayoutY(g.ys()[n - 1]);
        arrow.getTransforms().setAll(new javafx.scene.transform.Rotate(g.endAngle(), 0, 0));
        stacked.set(g.stacked());
        label.autosize();
        label.relocate(Math.max(2, g.labelX() - label.getWidth() / 2), g.labelY() - label.getHeight() / 2);
    }

    /** The polyline with its corners rounded; the last segment stops short where the arrowhead begins. */
    private static List<PathElement> path(EdgeGeometry g) {
        double[] xs = g.xs();
        double[] ys = g.ys();
        int n = xs.length;
        List<PathElement> out = new ArrayList<>();
        out.add(new MoveTo(xs[0], ys[0]));
        for (int i = 1; i < n - 1; i++) {
            double r = Math.min(CORNER, Math.min(len(xs, ys, i - 1, i), len(xs, ys, i, i + 1)) / 2);
            double[] before = toward(xs[i], ys[i], xs[i - 1], ys[i - 1], r);
            double[] after = toward(xs[i], ys[i], xs[i + 1], ys[i + 1], r);
            out.add(new LineTo(before[0], before[1]));
            out.add(new QuadCurveTo(xs[i], ys[i], after[0], after[1]));
        }
        double[] end = toward(xs[n - 1], ys[n - 1], xs[n - 2], ys[n - 2], 9);
        out.add(new LineTo(end[0], end[1]));
        return out;
    }

    private static double len(double[] xs, double[] ys, int a, int b) {
        return Math.hypot(xs[b] - xs[a], ys[b] - ys[a]);
    }

    /** The point {@code d} from (x, y) toward (tx, ty). */
    private static double[] toward(double x, double y, double tx, double ty, double d) {
        double l = Math.hypot(tx - x, ty - y);
        return l == 0 ? new double[] {x, y} : new double[] {x + (tx - x) / l * d, y + (ty - y) / l * d};
    }
}
