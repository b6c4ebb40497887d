package dev.syncer.views.ui;

import dev.syncer.views.action.ConsoleActions;
import dev.syncer.views.action.OperationPrompt;
import dev.syncer.views.model.ConsoleModel;
import java.util.Locale;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The main window's content: the operations toolbar on top, the topology graph in the centre with
 * the detail panel on its right, live charts / timeline / dashboard in tabs below, and the status
 * bar with the running operation at the bottom.
 */
public final class ConsoleView extends BorderPane {

    private final ConsoleModel model;
    private final ConsoleActions actions;
    private final TopologyGraphView graph;
    private GraphViewport viewport;
    private final TabPane tabs = new TabPane();
    private final ReplidColours colours = new ReplidColours();
    /** The graph's share of the height above the tabs. */
    private static final double GRAPH_SHARE = 0.66;
    /** The tabs' least share of the height while the dashboard shows. */
    private static final double DASHBOARD_SHARE = 0.5;

    /** A view whose confirmations are {@link OperationDialog}s owned by its own window. */
    public ConsoleView(ConsoleModel model) {
        this(view -> new OperationDialog(view::window), model);
    }

    /** A view confirming operations through {@code prompt}. */
    public ConsoleView(ConsoleModel model, OperationPrompt prompt) {
        this(view -> prompt, model);
    }

    private ConsoleView(Function<ConsoleView, OperationPrompt> prompt, ConsoleModel model) {
        this.model = model;
        this.actions = new ConsoleActions(model.operations(), prompt.apply(this));
        this.graph = new TopologyGraphView(model, colours,
                ActionControls.contextMenu(actions.all(ConsoleActions.SHARD_MENU)),
                ActionControls.contextMenu(actions.all(ConsoleActions.LINK_MENU)));
        createView();
    }

    private javafx.stage.Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    private void createView() {
        getStyleClass().add("console");
        setId("console");
        setTop(header());
        viewport = new GraphViewport(graph);
        DetailView detail = new DetailView(model.detail(), colours);
        // The graph gets the width: at 1280 px the detail panel keeps what a full replid needs.
        detail.setMinWidth(250);
        detail.setPrefWidth(280);
        SplitPane upper = new SplitPane(viewport, detail);
        upper.setDividerPositions(0.78);
        SplitPane.setResizableWithParent(detail, false);
        tabs.setId("bottom-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().addAll(
                new Tab("Timeline", new TimelineView(model.timeline())),
                new Tab("Live charts", new LiveChartsView(model.live())),
                new Tab("Dashboard", dashboard()));
        tabs.getTabs().forEach(t -> t.setId("tab-" + t.getText().toLowerCase(Locale.ROOT).replace(' ', '-')));
        SplitPane main = new SplitPane(upper, tabs);
        main.setOrientation(Orientation.VERTICAL);
        main.setDividerPositions(GRAPH_SHARE);
        tallerForTheDashboard(main);
        setCenter(main);
        setBottom(new OperationStatus(model));
    }

    private DashboardView dashboard() {
        return new DashboardView(model.dashboard());
    }

    /**
     * The tiles scale their text with their height: while the Dashboard tab is showing, the tabs
     * get at least {@link #DASHBOARD_SHARE} of the height; the divider goes back where it was after.
     */
    private void tallerForTheDashboard(SplitPane main) {
        double[] before = {GRAPH_SHARE};
        tabs.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            SplitPane.Divider divider = main.getDividers().getFirst();
            if (now != null && "Dashboard".equals(now.getText())) {
                before[0] = divider.getPosition();
                divider.setPosition(Math.min(before[0], 1 - DASHBOARD_SHARE));
            } else if (was != null && "Dashboard".equals(was.getText())) {
                divider.setPosition(before[0]);
            } else {
                return;
            }
            // The graph's viewport has its new size only after this pulse's layout: fit it then.
            if (viewport.isFitted()) {
                Platform.runLater(viewport::fit);
            }
        });
    }

    private HBox header() {
        Label brand = new Label("Syncer Console");
        brand.getStyleClass().add("brand");
        Label target = new Label(model.targetName());
        target.getStyleClass().add("target");
        ToolBar toolbar = ActionControls.toolbar(actions);
        HBox.setHgrow(toolbar, Priority.ALWAYS);
        Region gap = new Region();
        gap.setMinWidth(8);
        HBox header = new HBox(brand, target, gap, toolbar);
        header.getStyleClass().add("header");
        return header;
    }

    public ConsoleActions actions() {
        return actions;
    }

    public TopologyGraphView graph() {
        return graph;
    }

    /** Zooms the topology so all of it is visible. */
    public void fitGraph() {
        viewport.fit();
    }

    /** Shows the bottom tab titled {@code title}. */
    public void showTab(String title) {
        tabs.getTabs().stream().filter(t -> t.getText().equals(title)).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }
}
