package dev.syncer.views.ui;

import dev.syncer.views.model.Format;
import dev.syncer.views.model.charts.LiveSeriesModel;
import dev.syncer.views.model.charts.Metric;
import dev.syncer.views.model.charts.RingSeries;
import dev.syncer.views.model.charts.TimeWindow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Side;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.util.StringConverter;
import org.controlsfx.control.CheckComboBox;
import org.controlsfx.control.SegmentedButton;

/**
 * Live charts: one metric over a chosen window for the chosen shards and syncers (by default the
 * selected shard's replication tree). The series objects are kept per subject and only their
 * points are replaced, at most once per UI tick.
 */
public final class LiveChartsView extends BorderPane {

    private final LiveSeriesModel model;
    private final ComboBox<Metric> metric = new ComboBox<>();
    private final SegmentedButton window = new SegmentedButton();
    private final CheckComboBox<LiveSeriesModel.Subject> subjects = new CheckComboBox<>();
    private final NumberAxis xAxis = new NumberAxis();
    private final NumberAxis yAxis = new NumberAxis();
    private final MarkedLineChart chart = new MarkedLineChart(xAxis, yAxis);
    private final Label hover = new Label();
    private final Map<String, XYChart.Series<Number, Number>> series = new HashMap<>();
    private boolean syncingChecks;

    public LiveChartsView(LiveSeriesModel model) {
        this.model = model;
        createView();
        bind();
    }

    private void createView() {
        getStyleClass().add("live-charts");
        setId("live-charts");
        metric.getItems().setAll(Metric.values());
        metric.setId("metric");
        for (TimeWindow w : TimeWindow.values()) {
            ToggleButton b = new ToggleButton(w.toString());
            b.setUserData(w);
            window.getButtons().add(b);
        }
        subjects.setTitle("Shards & syncers");
        subjects.setConverter(new StringConverter<>() {
            @Override
            public String toString(LiveSeriesModel.Subject s) {
                return s == null ? "" : s.label();
            }

            @Override
            public LiveSeriesModel.Subject fromString(String s) {
                return null;
            }
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label hint = new Label("follows the selected shard's tree");
        hint.getStyleClass().add("hint");
        HBox controls = new HBox(10, new Label("Metric"), metric, subjects, hint, spacer, window);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.getStyleClass().add("chart-controls");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(true);
        // A legend beside the plot lists every series on its own line: it never wraps out of sight.
        chart.setLegendSide(Side.RIGHT);
        xAxis.setAutoRanging(false);
        xAxis.setLabel("seconds ago");
        xAxis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return Long.toString(Math.round(-n.doubleValue() / 1000));
            }

            @Override
            public Number fromString(String s) {
                return null;
            }
        });
        yAxis.setForceZeroInRange(false);
        hover.getStyleClass().add("chart-hover");
        hover.setId("chart-hover");
        hover.setVisible(false);
        hover.setMouseTransparent(true);
        StackPane.setAlignment(hover, Pos.TOP_LEFT);
        StackPane.setMargin(hover, new Insets(12, 0, 0, 80));
        chart.setOnMouseMoved(e -> showHover(e.getSceneX(), e.getSceneY()));
        chart.setOnMouseExited(e -> hover.setVisible(false));
        setTop(controls);
        setCenter(new StackPane(chart, hover));
    }

    private void bind() {
        metric.valueProperty().bindBidirectional(model.metricProperty());
        window.getToggleGroup().selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true);
            } else {
                model.windowProperty().set((TimeWindow) b.getUserData());
            }
        });
        window.getButtons().stream().filter(b -> b.getUserData() == model.windowProperty().get()).findFirst()
                .ifPresent(b -> b.setSelected(true));
        model.windowProperty().addListener((o, a, b) -> showWindow());
        model.metricProperty().addListener((o, a, b) -> showMetric());
        subjects.getItems().setAll(model.getAvailable());
        model.getAvailable().addListener((ListChangeListener<LiveSeriesModel.Subject>) c -> {
            syncingChecks = true;
            subjects.getItems().setAll(model.getAvailable());
            showChecks();
            syncingChecks = false;
        });
        model.getSubjects().addListener((ListChangeListener<String>) c -> showChecks());
        subjects.getCheckModel().getCheckedItems().addListener((ListChangeListener<LiveSeriesModel.Subject>) c -> {
            if (!syncingChecks) {
                List<String> ids = subjects.getCheckModel().getCheckedItems().stream().map(LiveSeriesModel.Subject::id).toList();
                if (!ids.equals(model.getSubjects())) {
                    model.getSubjects().setAll(ids);
                }
            }
        });
        model.seriesProperty().addListener((o, a, b) -> showSeries(b));
        model.marksProperty().addListener((o, a, b) -> chart.setMarks(b));
        chart.setMarks(model.marksProperty().get());
        showWindow();
        showMetric();
        showChecks();
        showSeries(model.getSeries());
    }

    private void showChecks() {
        boolean was = syncingChecks;
        syncingChecks = true;
        for (LiveSeriesModel.Subject s : subjects.getItems()) {
            boolean want = model.getSubjects().contains(s.id());
            if (want != subjects.getCheckModel().isChecked(s)) {
                if (want) {
                    subjects.getCheckModel().check(s);
                } else {
                    subjects.getCheckModel().clearCheck(s);
                }
            }
        }
        syncingChecks = was;
    }

    private void showWindow() {
        xAxis.setLowerBound(-model.windowProperty().get().length().toMillis());
        xAxis.setUpperBound(0);
        xAxis.setTickUnit(model.windowProperty().get().length().toMillis() / 6.0);
    }

    private void showMetric() {
        Metric m = model.metricProperty().get();
        yAxis.setLabel(m.unit());
        yAxis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return value(m, n.doubleValue());
            }

            @Override
            public Number fromString(String s) {
                return null;
            }
        });
    }

    /** A value of {@code m} as the axis and the hover box print it. */
    static String value(Metric m, double v) {
        return switch (m.unit()) {
            case "bytes" -> Format.bytes(Math.round(v));
            case "bytes/s" -> Format.bytes(Math.round(v)) + "/s";
            case "s" -> v >= Metric.RUNWAY_CAP_SECONDS ? "≥ 1 h" : Format.rate(v) + " s";
            case "ms" -> Format.rate(v) + " ms";
            default -> Format.rate(v);
        };
    }

    /** Under the pointer: the time and each series' value there, nearest sample first. */
    private void showHover(double sceneX, double sceneY) {
        double local = xAxis.sceneToLocal(sceneX, sceneY).getX();
        if (local < 0 || local > xAxis.getWidth() || model.getSeries().isEmpty()) {
            hover.setVisible(false);
            return;
        }
        double at = xAxis.getValueForDisplay(local).doubleValue();
        StringBuilder text = new StringBuilder(Math.round(-at / 1000) + " s ago");
        Metric m = model.metricProperty().get();
        for (LiveSeriesModel.ChartSeries cs : model.getSeries()) {
            cs.points().stream().min(Comparator.comparingDouble(p -> Math.abs(p.time() - at)))
                    .ifPresent(p -> text.append('\n').append(cs.label()).append(": ").append(value(m, p.value())));
        }
        hover.setText(text.toString());
        hover.setVisible(true);
    }

    private void showSeries(List<LiveSeriesModel.ChartSeries> next) {
        List<XYChart.Series<Number, Number>> ordered = new ArrayList<>();
        for (LiveSeriesModel.ChartSeries cs : next) {
            XYChart.Series<Number, Number> s = series.computeIfAbsent(cs.id(), id -> new XYChart.Series<>());
            s.setName(cs.label());
            List<XYChart.Data<Number, Number>> data = new ArrayList<>(cs.points().size());
            for (RingSeries.Point p : cs.points()) {
                data.add(new XYChart.Data<>(p.time(), p.value()));
            }
            s.getData().setAll(data);
            ordered.add(s);
        }
        series.keySet().retainAll(next.stream().map(LiveSeriesModel.ChartSeries::id).toList());
        if (!chart.getData().equals(ordered)) {
            chart.getData().setAll(ordered);
        }
    }
}
