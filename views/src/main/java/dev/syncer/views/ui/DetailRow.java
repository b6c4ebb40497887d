package dev.syncer.views.ui;

import dev.syncer.views.model.dashboard.DetailModel;
import java.util.regex.Pattern;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.shape.Circle;

/**
 * One INFO field in the detail panel: its Redis name and its value. A replication ID is shown whole
 * on its own line below the name, with its colour chip, in a read-only field that can be selected
 * and copied, because comparing IDs across shards is what the panel is for.
 */
final class DetailRow {

    private static final Pattern REPLID = Pattern.compile("[0-9a-f]{40}");

    private final Label name = new Label();
    private final Label value = new Label();
    private final TextField full = new TextField();
    private final ReplidColours colours;
    private final boolean replid;

    private DetailRow(ReplidColours colours, boolean replid) {
        this.colours = colours;
        this.replid = replid;
        name.getStyleClass().add("field-name");
        name.setTooltip(new Tooltip());
        value.getStyleClass().add("field-value");
        value.setWrapText(true);
        value.setTooltip(new Tooltip());
        full.getStyleClass().add("replid-full");
        full.setEditable(false);
        full.setFocusTraversable(false);
    }

    /** Whether {@code row} carries a replication ID (alone, or followed by an offset). */
    static boolean isReplid(DetailModel.Row row) {
        return REPLID.matcher(replidOf(row)).matches();
    }

    private static String replidOf(DetailModel.Row row) {
        String f = row.full() == null ? "" : row.full();
        int space = f.indexOf(' ');
        return space < 0 ? f : f.substring(0, space);
    }

    /** Adds the views of {@code row} to {@code grid} from grid row {@code at}; returns the next free grid row. */
    static DetailRow add(GridPane grid, int at, DetailModel.Row row, ReplidColours colours) {
        DetailRow r = new DetailRow(colours, isReplid(row));
        grid.addRow(at, r.name, r.value);
        if (!r.replid) {
            return r;
        }
        grid.add(r.full, 0, at + 1, 2, 1);
        return r;
    }

    /** How many grid rows this field takes. */
    int height() {
        return replid ? 2 : 1;
    }

    void show(DetailModel.Row row) {
        name.setText(row.field());
        name.getTooltip().setText(row.field());
        value.setText(row.value());
        value.getTooltip().setText(row.full());
        if (replid) {
            String id = replidOf(row);
            Circle chip = colours.chip(id);
            value.setGraphic(chip);
            if (!full.getText().equals(id)) {
                full.setText(id);
            }
        }
    }
}
