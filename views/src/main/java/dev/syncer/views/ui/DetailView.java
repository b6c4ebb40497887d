package dev.syncer.views.ui;

import dev.syncer.views.model.dashboard.DetailModel;
import dev.syncer.views.model.prediction.Runway;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;

/**
 * The side panel: title, where it lives, INFO fields by their Redis names (short values, the raw
 * value on hover) and the backlog runway with one line per reader: how far behind it is and how
 * much runway it has left. A shard that does not answer says so under the title ("crashed · last
 * seen 12 s ago") and its last INFO is greyed.
 */
public final class DetailView extends VBox {

    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");

    private final DetailModel model;
    private final Label title = new Label();
    private final Label subtitle = new Label();
    private final Label staleNote = new Label();
    private final GridPane fields = new GridPane();
    private final Label runwayTitle = new Label("Backlog runway");
    private final RunwayView runway = new RunwayView();
    private final VBox readers = new VBox(3);
    private final ReplidColours colours;
    private final List<DetailRow> rowViews = new ArrayList<>();
    private List<String> shownFields = List.of();

    DetailView(DetailModel model, ReplidColours colours) {
        this.model = model;
        this.colours = colours;
        createView();
        bind();
    }

    private void createView() {
        getStyleClass().add("detail-view");
        setId("detail");
        title.getStyleClass().add("detail-title");
        subtitle.getStyleClass().add("detail-subtitle");
        subtitle.setWrapText(true);
        staleNote.getStyleClass().add("stale-note");
        staleNote.setId("detail-stale");
        fields.getStyleClass().add("detail-fields");
        // A value is what the panel is read for: short of width, the values keep room for about 14
        // characters (a longer one wraps) and the names give way (cut, whole on hover).
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(110);
        ColumnConstraints values = new ColumnConstraints();
        values.setMinWidth(96);
        values.setHgrow(Priority.ALWAYS);
        fields.getColumnConstraints().addAll(names, values);
        runwayTitle.getStyleClass().add("section-title");
        readers.getStyleClass().add("runway-readers");
        VBox body = new VBox(10, fields, runwayTitle, runway, readers);
        body.getStyleClass().add("detail-body");
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("detail-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(title, subtitle, staleNote, scroll);
    }

    private void bind() {
        title.textProperty().bind(model.titleProperty());
        subtitle.textProperty().bind(model.subtitleProperty());
        staleNote.textProperty().bind(model.staleNoteProperty());
        model.staleNoteProperty().addListener((o, a, b) -> showStale());
        showStale();
        model.getRows().addListener((ListChangeListener<DetailModel.Row>) c -> showRows());
        runway.runwayProperty().bind(model.runwayProperty());
        model.runwayProperty().addListener((o, a, b) -> showReaders(b));
        showRows();
        showReaders(model.getRunway());
    }

    /** A shard that does not answer: a note under the title, its last INFO greyed. */
    private void showStale() {
        boolean stale = !model.staleNoteProperty().get().isEmpty();
        staleNote.setVisible(stale);
        staleNote.setManaged(stale);
        pseudoClassStateChanged(STALE, stale);
    }

    /**
     * Updates the grid in place while the fields stay the same (a snapshot changes values only);
     * rebuilds it when they change (another selection).
     */
    private void showRows() {
        List<DetailModel.Row> rows = model.getRows();
        List<String> names = rows.stream().map(r -> r.field() + (DetailRow.isReplid(r) ? " #" : "")).toList();
        if (!names.equals(shownFields)) {
            fields.getChildren().clear();
            rowViews.clear();
            int at = 0;
            for (DetailModel.Row r : rows) {
                DetailRow view = DetailRow.add(fields, at, r, colours);
                rowViews.add(view);
                at += view.height();
            }
            shownFields = names;
        }
        for (int i = 0; i < rows.size(); i++) {
            rowViews.get(i).show(rows.get(i));
        }
    }

    private void showReaders(Runway r) {
        boolean has = r != null;
        runwayTitle.setText(has ? "Backlog runway of " + r.shardName() : "");
        for (javafx.scene.Node n : new javafx.scene.Node[] {runwayTitle, runway}) {
            n.setVisible(has);
            n.setManaged(has);
        }
        List<Label> lines = new ArrayList<>();
        if (has) {
            if (r.markers().isEmpty()) {
                lines.add(reader("No replica or syncer reads from " + r.shardName() + ".", null));
            }
            for (Runway.Marker m : r.markers()) {
                lines.add(reader(m.label() + "  ·  offset " + dev.syncer.views.model.Format.offset(m.offset()) + "  ·  "
                        + m.note(), m.health()));
            }
        }
        readers.getChildren().setAll(lines);
    }

    private static Label reader(String text, Runway.Marker.Health health) {
        Label l = new Label(text);
        l.getStyleClass().add("runway-reader");
        l.setWrapText(true);
        if (health != null) {
            l.setGraphic(new Circle(4, RunwayView.colour(health)));
        }
        return l;
    }
}
