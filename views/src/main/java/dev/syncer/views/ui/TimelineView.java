package dev.syncer.views.ui;

import dev.syncer.views.model.timeline.TimelineEntry;
import dev.syncer.views.model.timeline.TimelineModel;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/**
 * The timeline: a table of operations and syncs, newest first, filterable by type, cause and
 * shard; a sync caused by an operation names it and says whether the prediction held. The
 * selected row's full story shows on the right.
 */
public final class TimelineView extends SplitPane {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

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
        table.getColumns().add(column("Time", 92, e -> TIME.format(e.time())));
        TableColumn<TimelineEntry, String> kind = column("Type", 96, e -> e.kind().toString());
        kind.setCellFactory(c -> new StyledCell(TimelineView::kindStyle));
        table.getColumns().add(kind);
        table.getColumns().add(column("Shard / operation", 160, TimelineEntry::subject));
        TableColumn<TimelineEntry, String> causeColumn = column("Cause", 110, TimelineEntry::cause);
        causeColumn.setCellFactory(c -> new CauseCell());
        table.getColumns().add(causeColumn);
        table.getColumns().add(column("What happened", 300, TimelineEntry::summary));
        TableColumn<TimelineEntry, String> verdict = column("Prediction", 160,
                e -> (e.expectation() + " " + e.verdict().mark()).trim());
        verdict.setCellFactory(c -> new StyledCell(TimelineView::verdictStyle));
        table.getColumns().add(verdict);
        table.getColumns().add(column("Caused by", 150, TimelineEntry::operationLabel));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
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
        setDividerPositions(0.72);
    }

    private static TableColumn<TimelineEntry, String> column(String title, double width, Function<TimelineEntry, String> value) {
        TableColumn<TimelineEntry, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
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

    /** The type as a coloured word. */
    private static String kindStyle(String item) {
        return item.equals(TimelineEntry.Kind.OPERATION.toString()) ? "kind-operation"
                : item.equals(TimelineEntry.Kind.FULL_SYNC.toString()) ? "kind-full" : "kind-partial";
    }

    /** The prediction green when it held, red when it did not, amber while waiting. */
    private static String verdictStyle(String item) {
        for (TimelineEntry.Verdict v : TimelineEntry.Verdict.values()) {
            if (!v.mark().isEmpty() && item.endsWith(v.mark())) {
                return "verdict-" + v.name().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    /** The cause in words; its numbers (the detail) in a tooltip. */
    private static final class CauseCell extends TableCell<TimelineEntry, String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? null : item);
            TimelineEntry entry = empty || getTableRow() == null ? null : getTableRow().getItem();
            setTooltip(entry == null || entry.causeDetail().isEmpty() ? null : new Tooltip(entry.causeDetail()));
        }
    }

    /** A text cell whose style class follows its text. */
    private static final class StyledCell extends TableCell<TimelineEntry, String> {
        private final Function<String, String> style;
        private String applied;

        StyledCell(Function<String, String> style) {
            this.style = style;
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? null : item);
            if (applied != null) {
                getStyleClass().remove(applied);
            }
            applied = empty || item == null ? null : style.apply(item);
            if (applied != null) {
                getStyleClass().add(applied);
            }
        }
    }
}
