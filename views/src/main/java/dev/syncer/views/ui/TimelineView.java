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
 * Narrow columns elide in the middle with the whole text on hover. The selected row's full story
 * shows on the right.
 */
public final class TimelineView extends SplitPane {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter FULL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());
    private static final PseudoClass SURPRISE = PseudoClass.getPseudoClass("surprise");

    private final TimelineModel model;
    private final TableView<TimelineEntry> table = new TableView<>();
    private final TextArea details = new TextArea();
    private final ToggleButton operations = new ToggleButton("Operations");
    private final ToggleButton full = new ToggleButton("Full syncs");
    private final ToggleButton partial = new ToggleButton("Partial syncs");
    private final ComboBox<String> cause = new ComboBox<>();
    private final ComboBox<String> shard = new ComboBox<>();

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
        table.getColumns().add(column("Time", 64, e -> TIME.format(e.time()), e -> FULL_TIME.format(e.time()), null));
        table.getColumns().add(column("Type", 84, e -> e.kind().toString(), e -> e.judgement().reason(),
                TimelineView::kindStyle));
        table.getColumns().add(column("Shard / operation", 120, TimelineEntry::subject, TimelineEntry::subject, null));
        table.getColumns().add(column("Cause", 104, TimelineEntry::cause, TimelineEntry::cause, null));
        table.getColumns().add(column("Detail", 150, TimelineEntry::causeDetail, TimelineEntry::causeDetail, null));
        table.getColumns().add(column("What happened", 190, TimelineEntry::summary, TimelineEntry::summary, null));
        table.getColumns().add(column("Prediction", 110, e -> (e.expectation() + " " + e.verdict().mark()).trim(),
                e -> (e.expectation() + " " + e.verdict().mark()).trim(), TimelineView::verdictStyle));
        table.getColumns().add(column("Caused by", 110, TimelineEntry::operationLabel, TimelineEntry::operationLabel, null));
        table.getColumns().get(0).setMinWidth(64);
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
        setDividerPositions(0.74);
    }

    /**
     * A column whose text elides in the middle when narrow, the whole of it ({@code tooltip}) on
     * hover; {@code style} (nullable) picks a style class from the row.
     */
    private static TableColumn<TimelineEntry, String> column(String title, double width, Function<TimelineEntry, String> value,
                                                             Function<TimelineEntry, String> tooltip,
                                                             Function<TimelineEntry, String> style) {
        TableColumn<TimelineEntry, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setMinWidth(40);
        c.setSortable(false);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        c.setCellFactory(col -> new ElidedCell(tooltip, style));
        return c;
    }

    private void bind() {
        table.setItems(model.getVisible());
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

    /** Text elided in the middle, the whole in a tooltip; a style class that follows the row. */
    private static final class ElidedCell extends TableCell<TimelineEntry, String> {
        private final Function<TimelineEntry, String> tooltip;
        private final Function<TimelineEntry, String> style;
        private String applied;

        ElidedCell(Function<TimelineEntry, String> tooltip, Function<TimelineEntry, String> style) {
            this.tooltip = tooltip;
            this.style = style;
            setTextOverrun(OverrunStyle.CENTER_WORD_ELLIPSIS);
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
