package dev.syncer.views.ui;

import dev.syncer.views.model.charts.LiveSeriesModel.OperationMark;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Label;
import javafx.scene.shape.Line;

/**
 * A line chart with the operations drawn on its time axis: a dashed vertical line where each
 * started, with its name at the top. The marker nodes are replaced only when the marks change and
 * are placed at layout, as the chart places its own series.
 */
final class MarkedLineChart extends LineChart<Number, Number> {

    private record Drawn(OperationMark mark, Line line, Label label) {
    }

    private final List<Drawn> drawn = new ArrayList<>();
    private List<OperationMark> marks = List.of();

    MarkedLineChart(NumberAxis x, NumberAxis y) {
        super(x, y);
    }

    void setMarks(List<OperationMark> next) {
        if (next.equals(marks)) {
            return;
        }
        marks = next;
        for (Drawn d : drawn) {
            getPlotChildren().removeAll(d.line(), d.label());
        }
        drawn.clear();
        for (OperationMark m : next) {
            Line line = new Line();
            line.getStyleClass().add("operation-mark");
            line.setManaged(false);
            Label label = new Label(m.label());
            label.getStyleClass().add("operation-mark-label");
            label.setManaged(false);
            drawn.add(new Drawn(m, line, label));
            getPlotChildren().addAll(line, label);
        }
        requestChartLayout();
    }

    /** The marks drawn now, for tests. */
    List<Label> markLabels() {
        return drawn.stream().map(Drawn::label).toList();
    }

    @Override
    protected void layoutPlotChildren() {
        super.layoutPlotChildren();
        NumberAxis x = (NumberAxis) getXAxis();
        double height = getYAxis().getHeight();
        double lastLabelEnd = Double.NEGATIVE_INFINITY;
        int row = 0;
        for (Drawn d : drawn) {
            double px = x.getDisplayPosition(d.mark().time());
            d.line().setStartX(px);
            d.line().setEndX(px);
            d.line().setStartY(0);
            d.line().setEndY(height);
            d.label().autosize();
            // Marks close together stack their names instead of writing over each other.
            row = px < lastLabelEnd ? row + 1 : 0;
            d.label().relocate(px + 3, 2 + row * (d.label().getHeight() + 1));
            lastLabelEnd = Math.max(lastLabelEnd, px + 3 + d.label().getWidth());
            d.line().toFront();
            d.label().toFront();
        }
    }
}
