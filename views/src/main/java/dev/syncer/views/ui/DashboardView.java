package dev.syncer.views.ui;

import dev.syncer.views.model.Format;
import dev.syncer.views.model.charts.Metric;
import dev.syncer.views.model.dashboard.DashboardModel;
import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.Tile.SkinType;
import eu.hansolo.tilesfx.TileBuilder;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * Headline numbers as TilesFX tiles of one design: the same skin, size and title font, a value and
 * one short line of text. Tiles are chosen by what the deployment has (no syncer tiles without
 * syncers, as over real Redis). They fill the pane without a scroll: the grid takes the column
 * count that gives the largest tiles for the pane's width and height (TilesFX scales a tile's text
 * with its smaller side), so it reflows from one row to several as the pane grows taller. The tiles
 * are built once; one listener on the dashboard's tick (at most four a second) copies every number
 * into its tile, and only while the dashboard is showing.
 */
public final class DashboardView extends Region {

    private static final double GAP = 8;
    private static final double PADDING = 10;
    /** Widest a tile gets, as a multiple of its height: wider tiles only spread their text. */
    private static final double MAX_ASPECT = 2.0;
    private static final Color BACKGROUND = Color.web("#22272e");
    private static final Color OK = Color.web("#3fb950");
    private static final Color WARN = Color.web("#d29922");
    private static final Color BAD = Color.web("#f85149");
    /** Tiles clamp to 0…100 unless told otherwise; these numbers have no natural maximum. */
    private static final double UNBOUNDED = 1e15;

    private final DashboardModel model;
    private final Tile shards = tile("Shards up", "", 0, "running");
    private final Tile links = tile("Links not streaming", "", 0, "down, cut or syncing");
    private final Tile lag = tile("Worst replica lag", "B", 0, "behind its primary");
    private final Tile runway = tile("Thinnest runway", "s", 0, "of writes left");
    private final Tile ops = tile("Primary ops/s", "ops/s", 0, "all primaries");
    private final Tile stream = tile("Replication stream", "B/s", 0, "all primaries");
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
        // BIGGER: title and text at 8% of the tile's smaller side, 11 px from a 140 px tile.
        return TileBuilder.create().skinType(SkinType.NUMBER).title(title).unit(unit).decimals(decimals)
                .text(text).textVisible(true).textSize(Tile.TextSize.BIGGER).maxValue(UNBOUNDED)
                .backgroundColor(BACKGROUND).build();
    }

    private void createView() {
        getStyleClass().add("dashboard");
        setId("dashboard");
        setMinSize(0, 0);
        getChildren().addAll(shards, links, lag, runway, ops, stream, syncers, syncerLag, fullSyncs, partialSyncs);
    }

    /** The tiles shown now. */
    List<Tile> shownTiles() {
        return getChildren().stream().filter(Node::isVisible).map(n -> (Tile) n).toList();
    }

    /** Nothing to ask of the parent: the tiles take whatever room the pane is given. */
    @Override
    protected double computePrefWidth(double height) {
        return 0;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 0;
    }

    @Override
    protected void layoutChildren() {
        List<Tile> shown = shownTiles();
        Grid g = Grid.of(shown.size(), getWidth() - 2 * PADDING, getHeight() - 2 * PADDING, GAP, MAX_ASPECT);
        for (int i = 0; i < shown.size(); i++) {
            Tile t = shown.get(i);
            t.resizeRelocate(PADDING + (i % g.columns()) * (g.width() + GAP), PADDING + (i / g.columns()) * (g.height() + GAP),
                    g.width(), g.height());
        }
    }

    /**
     * Tiles of {@code width} × {@code height} in {@code columns}: the column count whose tiles have
     * the largest smaller side in the room given, no tile wider than {@code maxAspect} times its height.
     */
    record Grid(int columns, double width, double height) {

        static Grid of(int tiles, double roomWidth, double roomHeight, double gap, double maxAspect) {
            Grid best = new Grid(1, 0, 0);
            for (int cols = 1; cols <= Math.max(1, tiles); cols++) {
                int rows = (tiles + cols - 1) / cols;
                double roomH = Math.floor((roomHeight - gap * (rows - 1)) / rows);
                double w = Math.floor(Math.min((roomWidth - gap * (cols - 1)) / cols, roomH * maxAspect));
                double h = Math.min(roomH, w); // no taller than wide
                if (w > 0 && h > 0 && Math.min(w, h) > best.side()) {
                    best = new Grid(cols, w, h);
                }
            }
            return best;
        }

        /** What TilesFX scales a tile's text by. */
        double side() {
            return Math.min(width, height);
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

    /** Bytes in the unit the rest of the console writes them with: 419 B, 1.5 KB, 3.0 MB. */
    private static void showBytes(Tile t, double bytes, String per) {
        Format.Scaled s = Format.scaledBytes(bytes);
        String unit = s.unit() + per;
        if (!unit.equals(t.getUnit())) {
            t.setUnit(unit);
            t.setDecimals(s.unit().equals("B") ? 0 : 1);
        }
        t.setValue(s.value());
    }

    private void update() {
        boolean withSyncers = model.syncersTotalProperty().get() > 0;
        for (Tile t : syncerTiles) {
            if (t.isVisible() != withSyncers) {
                t.setVisible(withSyncers);
                t.setManaged(withSyncers);
                requestLayout();
            }
        }
        int up = model.shardsUpProperty().get();
        int total = model.shardsTotalProperty().get();
        shards.setValue(up);
        shards.setText("running of " + total);
        shards.setValueColor(up < total ? BAD : OK);
        links.setValue(model.linksDownProperty().get());
        links.setValueColor(model.linksDownProperty().get() > 0 ? WARN : OK);
        showBytes(lag, model.maxLagBytesProperty().get(), "");
        ops.setValue(model.opsPerSecProperty().get());
        showBytes(stream, model.streamBytesPerSecProperty().get(), "/s");
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
