package dev.syncer.views.ui;

import dev.syncer.views.model.dashboard.DashboardModel;
import eu.hansolo.tilesfx.Tile.SkinType;
import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import javafx.scene.layout.FlowPane;
import javafx.scene.paint.Color;
import javafx.scene.paint.Stop;

/**
 * Headline numbers as TilesFX tiles. The tiles are built once; one listener on the dashboard's
 * tick (at most four a second) copies every number into its tile, and only while the dashboard is
 * showing.
 */
public final class DashboardView extends FlowPane {

    private static final double SIZE = 150;
    private static final Color BACKGROUND = Color.web("#22272e");
    private static final Color OK = Color.web("#3fb950");
    private static final Color WARN = Color.web("#d29922");
    private static final Color BAD = Color.web("#f85149");

    private final DashboardModel model;
    private final Tile shards = number("Shards up", "", "running / total");
    private final Tile links = number("Links not streaming", "", "down, cut or syncing");
    private final Tile lag = TileBuilder.create().skinType(SkinType.NUMBER).prefSize(SIZE, SIZE).title("Worst replica lag")
            .unit("KB").text("primary offset − replica offset").textVisible(true).decimals(1).maxValue(UNBOUNDED)
            .backgroundColor(BACKGROUND).build();
    private final Tile ops = spark("Primary ops/s", "ops/s");
    private final Tile stream = spark("Replication stream", "KB/s");
    private final Tile runway = TileBuilder.create().skinType(SkinType.PERCENTAGE).prefSize(SIZE, SIZE)
            .title("Thinnest backlog runway").unit("%").maxValue(100).decimals(0).backgroundColor(BACKGROUND)
            .description("of backlog left").build();
    private final Tile syncers = number("Syncers in sync", "", "in-sync / total");
    private final Tile syncerLag = number("Worst syncer lag", "ms", "source → target");
    private final Tile fullSyncs = number("Full syncs", "", "last 15 min");
    private final Tile partialSyncs = number("Partial syncs", "", "last 15 min");

    public DashboardView(DashboardModel model) {
        this.model = model;
        createView();
        bind();
    }

    /** Tiles clamp to 0…100 unless told otherwise; these numbers have no natural maximum. */
    private static final double UNBOUNDED = 1e15;

    private static Tile number(String title, String unit, String text) {
        return TileBuilder.create().skinType(SkinType.NUMBER).prefSize(SIZE, SIZE).title(title).unit(unit)
                .text(text).textVisible(true).decimals(0).maxValue(UNBOUNDED).backgroundColor(BACKGROUND).build();
    }

    private static Tile spark(String title, String unit) {
        return TileBuilder.create().skinType(SkinType.SPARK_LINE).prefSize(SIZE, SIZE).title(title).unit(unit)
                .decimals(0).maxValue(UNBOUNDED).averagingPeriod(40).backgroundColor(BACKGROUND)
                .gradientStops(new Stop(0, OK), new Stop(0.6, WARN), new Stop(1, BAD)).build();
    }

    private void createView() {
        getStyleClass().add("dashboard");
        setId("dashboard");
        setHgap(8);
        setVgap(8);
        getChildren().addAll(shards, links, lag, runway, ops, stream, syncers, syncerLag, fullSyncs, partialSyncs);
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
        shards.setValue(model.shardsUpProperty().get());
        shards.setDescription("of " + model.shardsTotalProperty().get());
        shards.setValueColor(model.shardsUpProperty().get() < model.shardsTotalProperty().get() ? BAD : OK);
        links.setValue(model.linksDownProperty().get());
        links.setValueColor(model.linksDownProperty().get() > 0 ? WARN : OK);
        lag.setValue(model.maxLagBytesProperty().get() / 1024.0);
        ops.setValue(model.opsPerSecProperty().get());
        stream.setValue(model.streamBytesPerSecProperty().get() / 1024.0);
        double r = model.thinnestRunwayProperty().get();
        runway.setValue(r);
        runway.setBarColor(r < 20 ? BAD : r < 50 ? WARN : OK);
        syncers.setValue(model.syncersInSyncProperty().get());
        syncers.setDescription("of " + model.syncersTotalProperty().get());
        syncers.setValueColor(model.syncersInSyncProperty().get() < model.syncersTotalProperty().get() ? WARN : OK);
        syncerLag.setValue(model.maxSyncerLagMillisProperty().get());
        fullSyncs.setValue(model.fullSyncsProperty().get());
        fullSyncs.setValueColor(model.fullSyncsProperty().get() > 0 ? WARN : Tile.FOREGROUND);
        partialSyncs.setValue(model.partialSyncsProperty().get());
    }
}
