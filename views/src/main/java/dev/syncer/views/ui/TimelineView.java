package dev.syncer.views.ui;

import dev.syncer.views.model.timeline.SyncExpectation;
import dev.syncer.views.model.timeline.TimelineEntry;
import dev.syncer.views.model.timeline.TimelineModel;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/**
 * The timeline: a table of operations and syncs, newest first, filterable by type, cause and
 * shard; a sync caused by an operation names it and says whether the prediction held. Expected
 * syncs read calm; a surprise (a full sync where a partial one was possible) in the alarm colour.
 * The key columns keep their text whole at 1280 px; narrower ones cut it at the end, the whole on
 * hover. The selected row's full story
 * shows on the right.
 */
public final class TimelineView extends SplitPane {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter FULL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());
    private static final PseudoClass SURPRISE = PseudoClass.getPseudoClass("surprise");
    /** A column's width while no row fills it: its title's. */
    private static final double NARROW = 72;

    private final TimelineModel model;
    private final TableView<TimelineEntry> table = new TableView<>();
    private final TextArea details = new TextArea();
    private final ToggleButton operations = new ToggleButton("Operations");
    private final ToggleButton full = new ToggleButton("Full syncs");
    private final ToggleButton partial = new ToggleButton("Partial syncs");
    private final ComboBox<String> cause = new ComboBox<>();
    private final ComboBox<String> shard = new ComboBox<>();
    private final TableColumn<TimelineEntry, String> prediction = column("Prediction", NARROW, 130,
            TimelineView::predictionText, TimelineView::predictionText, TimelineView::verdictStyle);
    private final TableColumn<TimelineEntry, String> causedBy = column("Caused by", NARROW, 130,
            TimelineEntry::operationLabel, TimelineEntry::operationLabel, null);

    public TimelineView(TimelineModel model) {
        this.model = model;
        createView();
        bind();
    }

    private void createView() {
        getStyleClass().add("timeline");
        setId("timeline");
        table.setId("timeline-table");
        table.setPlaceholder(new Label("No syncs or operations yet"));
        table.setRowFactory(t -> new JudgedRow());
        // Widths from the 11 px cell font: the key columns (time, type, who, what happened) never
        // narrower than their usual text, the detail gives way first; prediction and cause
        // stay narrow while no row has one.
        table.getColumns().add(column("Time", 62, 62, e -> TIME.format(e.time()), e -> FULL_TIME.format(e.time()), null));
        table.getColumns().add(column("Type", 72, 72, e -> e.kind().word(), e -> e.kind() + ": " + e.judgement().reason(),
                TimelineView::kindStyle));
        table.getColumns().add(column("Shard / operation", 220, 230, TimelineEntry::subject, TimelineEntry::subject, null));
        table.getColumns().add(column("Cause", 136, 140, TimelineEntry::cause, TimelineEntry::cause, null));
        table.getColumns().add(column("Detail", 60, 150, TimelineEntry::causeDetail, TimelineEntry::causeDetail, null));
        table.getColumns().add(column("What happened", 230, 240, TimelineEntry::summary, TimelineEntry::summary, null));
        table.getColumns().add(prediction);
        table.getColumns().add(causedBy);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        details.setEditable(false);
        details.setWrapText(true);
        details.getStyleClass().add("timeline-details");
        details.setId("timeline-details");
        for (ToggleButton b : new ToggleButton[] {operations, full, partial}) {
            b.getStyleClass().add("filter-toggle");
        }
        operations.setId("filter-operations");
        full.setId("filter-full");
        partial.setId("filter-partial");
        cause.setId("cause-filter");
        shard.setId("shard-filter");
        HBox filters = new HBox(8, new Label("Show"), operations, full, partial, new Label("Cause"), cause,
                new Label("Shard"), shard);
        filters.setAlignment(Pos.CENTER_LEFT);
        filters.getStyleClass().add("timeline-filters");
        BorderPane left = new BorderPane(table);
        left.setTop(filters);
        getItems().addAll(left, details);
        setOrientation(Orientation.HORIZONTAL);
        setDividerPositions(0.76);
    }

    /**
     * A column whose text elides in the middle when narrow, the whole of it ({@code tooltip}) on
     * hover; {@code style} (nullable) picks a style class from the row.
     */
    private static TableColumn<TimelineEntry, String> column(String title, double min, double width,
                                                             Function<TimelineEntry, String> value,
                                                             Function<TimelineEntry, String> tooltip,
                                                             Function<TimelineEntry, String> style) {
        TableColumn<TimelineEntry, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setMinWidth(min);
        c.setSortable(false);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        c.setCellFactory(col -> new ElidedCell(tooltip, style));
        return c;
    }

    private static String predictionText(TimelineEntry e) {
        return (e.expectation() + " " + e.verdict().mark()).trim();
    }

    private void bind() {
        table.setItems(model.getVisible());
        model.getVisible().addListener((javafx.collections.ListChangeListener<TimelineEntry>) c -> narrowWhenEmpty());
        narrowWhenEmpty();
        operations.selectedProperty().bindBidirectional(model.showOperationsProperty());
        full.selectedProperty().bindBidirectional(model.showFullProperty());
        partial.selectedProperty().bindBidirectional(model.showPartialProperty());
        cause.setItems(model.getCauses());
        cause.valueProperty().bindBidirectional(model.causeProperty());
        shard.setItems(model.getShards());
        shard.valueProperty().bindBidirectional(model.shardProperty());
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null || !model.getVisible().contains(model.selectedProperty().get())) {
                model.selectedProperty().set(b);
            }
        });
        model.selectedProperty().addListener((o, a, b) -> {
            if (b != null && table.getSelectionModel().getSelectedItem() != b) {
                table.getSelectionModel().select(b);
            }
        });
        details.textProperty().bind(model.detailsProperty());
    }

    /** Prediction and "caused by" keep to their titles' width while no row shown has one. */
    private void narrowWhenEmpty() {
        boolean predicted = model.getVisible().stream().anyMatch(e -> !e.expectation().isEmpty());
        boolean caused = model.getVisible().stream().anyMatch(e -> !e.operationLabel().isEmpty());
        prediction.setMaxWidth(predicted ? Double.MAX_VALUE : NARROW);
        causedBy.setMaxWidth(caused ? Double.MAX_VALUE : NARROW);
    }

    /** The type as a word coloured calm, or in the alarm colour for a surprise. */
    private static String kindStyle(TimelineEntry e) {
        return switch (e.kind()) {
            case OPERATION -> "kind-operation";
            case FULL_SYNC -> e.judgement().expectation() == SyncExpectation.SURPRISE ? "kind-surprise" : "kind-full";
            case PARTIAL_SYNC -> e.judgement().expectation() == SyncExpectation.SURPRISE ? "kind-surprise" : "kind-partial";
        };
    }

    /** The prediction green when it held, red when it did not, amber while waiting. */
    private static String verdictStyle(TimelineEntry e) {
        return e.verdict() == TimelineEntry.Verdict.NONE ? null : "verdict-" + e.verdict().name().toLowerCase(Locale.ROOT);
    }

    /** A row marked when its sync is a surprise. */
    private static final class JudgedRow extends TableRow<TimelineEntry> {
        @Override
        protected void updateItem(TimelineEntry item, boolean empty) {
            super.updateItem(item, empty);
            pseudoClassStateChanged(SURPRISE, !empty && item != null
                    && item.judgement().expectation() == SyncExpectation.SURPRISE);
        }
    }

    /** Text cut at the end when narrow, the whole in a tooltip; a style class that follows the row. */
    private static final class ElidedCell extends TableCell<TimelineEntry, String> {
        private final Function<TimelineEntry, String> tooltip;
        private final Function<TimelineEntry, String> style;
        private String applied;

        ElidedCell(Function<TimelineEntry, String> tooltip, Function<TimelineEntry, String> style) {
            this.tooltip = tooltip;
            this.style = style;
            // Cut at the end, never in the middle of a number: the whole text is in the tooltip.
            setTextOverrun(OverrunStyle.ELLIPSIS);
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            TimelineEntry entry = empty || getTableRow() == null ? null : getTableRow().getItem();
            setText(empty ? null : item);
            String tip = entry == null ? "" : tooltip.apply(entry);
            setTooltip(tip == null || tip.isEmpty() ? null : new Tooltip(tip));
            if (applied != null) {
                getStyleClass().remove(applied);
            }
            applied = entry == null || style == null ? null : style.apply(entry);
            if (applied != null) {
                getStyleClass().add(applied);
            }
        }
    }
}
