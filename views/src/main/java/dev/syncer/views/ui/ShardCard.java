package dev.syncer.views.ui;

import dev.syncer.views.model.port.Role;
import dev.syncer.views.model.port.ShardState;
import dev.syncer.views.model.topology.ShardModel;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A shard on the graph: name, database and port; a role badge in the role's colour; the replid's
 * colour chip, its start and the offset; what it is doing; a progress bar while it receives a full sync. Hover for the full
 * replids, INFO-style. A shard that does not answer is greyed, its badge says "crashed" (or
 * "stopped", "unreachable") and its status "last seen 12 s ago": what it shows is its last INFO.
 */
final class ShardCard extends VBox {

    private static final PseudoClass PRIMARY = PseudoClass.getPseudoClass("primary");
    private static final PseudoClass REPLICA = PseudoClass.getPseudoClass("replica");
    private static final PseudoClass DOWN = PseudoClass.getPseudoClass("down");
    /** Not answering: everything on the card is its last INFO, greyed. */
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");
    private static final PseudoClass SYNCING = PseudoClass.getPseudoClass("syncing");
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");

    private final ShardModel model;
    private final ReplidColours colours;
    private final Label name = new Label();
    private final Label headline = new Label();
    private final Label badge = new Label();
    private final Label replid = new Label();
    private final Label status = new Label();
    private final ProgressBar progress = new ProgressBar();
    private final Tooltip tooltip = new Tooltip();

    ShardCard(ShardModel model, ReplidColours colours) {
        this.model = model;
        this.colours = colours;
        createView();
        bind();
    }

    private void createView() {
        getStyleClass().add("shard-card");
        setId("shard-" + model.id());
        name.getStyleClass().add("shard-name");
        headline.getStyleClass().add("shard-headline");
        headline.setMinWidth(0);
        name.setMinWidth(Label.USE_PREF_SIZE);
        badge.setMinWidth(Label.USE_PREF_SIZE);
        badge.getStyleClass().add("role-badge");
        replid.getStyleClass().add("shard-replid");
        status.getStyleClass().add("shard-status");
        progress.getStyleClass().add("shard-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(5, name, headline, spacer, badge);
        top.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(top, replid, status, progress);
        tooltip.getStyleClass().add("info-tooltip");
        Tooltip.install(this, tooltip);
    }

    private void bind() {
        name.textProperty().bind(model.nameProperty());
        headline.textProperty().bind(model.headlineProperty());
        replid.textProperty().bind(model.replidLineProperty());
        model.replidProperty().addListener((o, a, b) -> replid.setGraphic(colours.chip(b)));
        replid.setGraphic(colours.chip(model.replidProperty().get()));
        status.textProperty().bind(model.statusLineProperty());
        tooltip.textProperty().bind(model.tooltipProperty());
        model.roleProperty().addListener((o, a, b) -> showRole());
        model.stateProperty().addListener((o, a, b) -> showState());
        model.staleProperty().addListener((o, a, b) -> showState());
        model.syncProgressProperty().addListener((o, a, b) -> showProgress());
        showRole();
        showState();
        showProgress();
    }

    private void showRole() {
        boolean primary = model.roleProperty().get() == Role.PRIMARY;
        // A shard that does not answer has no role now: the badge says what it is instead.
        badge.setText(model.staleProperty().get() ? model.stateProperty().get().word() : primary ? "primary" : "replica");
        pseudoClassStateChanged(PRIMARY, primary);
        pseudoClassStateChanged(REPLICA, !primary);
    }

    private void showState() {
        ShardState s = model.stateProperty().get();
        pseudoClassStateChanged(DOWN, !s.isUp());
        pseudoClassStateChanged(STALE, model.staleProperty().get());
        showRole();
    }

    private void showProgress() {
        double p = model.syncProgressProperty().get();
        boolean syncing = !Double.isNaN(p);
        progress.setVisible(syncing);
        progress.setManaged(syncing);
        progress.setProgress(syncing && p >= 0 ? p : ProgressBar.INDETERMINATE_PROGRESS);
        pseudoClassStateChanged(SYNCING, syncing);
    }

    ShardModel model() {
        return model;
    }

    void setSelected(boolean selected) {
        pseudoClassStateChanged(SELECTED, selected);
    }
}
