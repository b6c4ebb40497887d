package dev.syncer.views.ui;

import dev.syncer.views.model.charts.Metric;
import dev.syncer.views.model.dashboard.DashboardModel;
import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.Tile.SkinType;
import eu.hansolo.tilesfx.TileBuilder;
import java.util.List;
import javafx.scene.layout.FlowPane;
import javafx.scene.paint.Color;

/**
 * Headline numbers as TilesFX tiles of one design: the same skin, size and title font, a value and
 * one short line of text. Tiles are chosen by what the deployment has (no syncer tiles without
 * syncers, as over real Redis) and sized to fill the pane. The tiles are built once; one listener
 * on the dashboard's tick (at most four a second) copies every number into its tile, and only
 * while the dashboard is showing.
 */
public final class DashboardView extends FlowPane {

    private static final double GAP = 8;
    private static final double PADDING = 10;
    private static final double MIN_WIDTH = 150;
    private static final double MAX_WIDTH = 280;
    /** Width to height of a tile. */
    private static final double ASPECT = 1.3;
    private static final Color BACKGROUND = Color.web("#22272e");
    private static final Color OK = Color.web("#3fb950");
    private static final Color WARN = Color.web("#d29922");
    private static final Color BAD = Color.web("#f85149");
    /** Tiles clamp to 0…100 unless told otherwise; these numbers have no natural maximum. */
    private static final double UNBOUNDED = 1e15;

    private final DashboardModel model;
    private final Tile shards = tile("Shards up", "", 0, "running");
    private final Tile links = tile("Links not streaming", "", 0, "down, cut or syncing");
    private final Tile lag = tile("Worst replica lag", "KB", 1, "behind its primary");
    private final Tile runway = tile("Thinnest runway", "s", 0, "of writes left");
    private final Tile ops = tile("Primary ops/s", "ops/s", 0, "all primaries");
    private final Tile stream = tile("Replication stream", "KB/s", 1, "all primaries");
    private final Tile syncers = tile("Syncers in sync", "", 0, "in sync");
    private final Tile syncerLag = tile("Worst syncer lag", "ms", 0, "source → target");
    private final Tile fullSyncs = tile("Full syncs", "", 0, "last 15 min");
    private final Tile partialSyncs = tile("Partial syncs", "", 0, "last 15 min");
    private final List<Tile> syncerTiles = List.of(syncers, syncerLag);

    public DashboardView(DashboardModel model) {
        this.model = model;
        createView();
        bind();
    }

    private static Tile tile(String title, String unit, int decimals, String text) {
        return TileBuilder.create().skinType(SkinType.NUMBER).title(title).unit(unit).decimals(decimals)
                .text(text).textVisible(true).maxValue(UNBOUNDED).backgroundColor(BACKGROUND).build();
    }

    private void createView() {
        getStyleClass().add("dashboard");
        setId("dashboard");
        setHgap(GAP);
        setVgap(GAP);
        setMinHeight(0);
        getChildren().addAll(shards, links, lag, runway, ops, stream, syncers, syncerLag, fullSyncs, partialSyncs);
        // Sized from the width only: a size taken from the height would change the height it came from.
        widthProperty().addListener((o, a, b) -> fit());
    }

    /** The tiles shown now. */
    List<Tile> shownTiles() {
        return getChildren().stream().filter(n -> n.isVisible()).map(n -> (Tile) n).toList();
    }

    /**
     * Sizes the tiles to fill the width in at most two rows, each between the narrowest and the
     * widest allowed; a change under two pixels is ignored so the layout settles at once.
     */
    private void fit() {
        List<Tile> shown = shownTiles();
        double w = getWidth() - 2 * PADDING;
        if (shown.isEmpty() || w <= 0) {
            return;
        }
        int cols = (shown.size() + 1) / 2;
        double width = Math.floor(Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, (w - GAP * (cols - 1)) / cols)));
        for (Tile t : shown) {
            if (Math.abs(t.getPrefWidth() - width) >= 2) {
                t.setPrefSize(width, Math.floor(width / ASPECT));
            }
        }
    }

    private void bind() {
        model.ticksProperty().addListener((o, a, b) -> {
            if (getScene() != null && isVisible()) {
                update();
            }
        });
        visibleProperty().addListener((o, a, b) -> {
            if (b) {
                update();
            }
        });
        update();
    }

    private void update() {
        boolean withSyncers = model.syncersTotalProperty().get() > 0;
        for (Tile t : syncerTiles) {
            if (t.isVisible() != withSyncers) {
                t.setVisible(withSyncers);
                t.setManaged(withSyncers);
                fit();
            }
        }
        int up = model.shardsUpProperty().get();
        int total = model.shardsTotalProperty().get();
        shards.setValue(up);
        shards.setText("running of " + total);
        shards.setValueColor(up < total ? BAD : OK);
        links.setValue(model.linksDownProperty().get());
        links.setValueColor(model.linksDownProperty().get() > 0 ? WARN : OK);
        lag.setValue(model.maxLagBytesProperty().get() / 1024.0);
        ops.setValue(model.opsPerSecProperty().get());
        stream.setValue(model.streamBytesPerSecProperty().get() / 1024.0);
        double seconds = model.thinnestRunwaySecondsProperty().get();
        runway.setValue(seconds);
        runway.setText(seconds >= Metric.RUNWAY_CAP_SECONDS ? "an hour or more of writes" : "of writes left");
        runway.setValueColor(seconds < 60 ? BAD : seconds < 300 ? WARN : OK);
        syncers.setValue(model.syncersInSyncProperty().get());
        syncers.setText("in sync of " + model.syncersTotalProperty().get());
        syncers.setValueColor(model.syncersInSyncProperty().get() < model.syncersTotalProperty().get() ? WARN : OK);
        syncerLag.setValue(model.maxSyncerLagMillisProperty().get());
        fullSyncs.setValue(model.fullSyncsProperty().get());
        fullSyncs.setValueColor(model.fullSyncsProperty().get() > 0 ? WARN : Tile.FOREGROUND);
        partialSyncs.setValue(model.partialSyncsProperty().get());
    }
}
