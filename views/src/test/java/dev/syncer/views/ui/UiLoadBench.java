package dev.syncer.views.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncer.views.model.ConsoleModel;
import dev.syncer.views.model.port.SyncType;
import dev.syncer.views.testing.FxConsole;
import dev.syncer.views.testing.LoadLab;
import dev.syncer.views.testing.ScriptedLab;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console's responsiveness benchmark (not part of {@code mvn verify}: its name does not end in
 * Test). 50 shards and 10 syncers, snapshots pushed at 20 Hz with sync events in between: the
 * console coalesces to at most 4 redraws a second, its UI thread stays under 20% busy (measured
 * as the FX thread's CPU time over the run) and nothing waits for it longer than 50 ms. Run it with
 * {@code mvn -pl views test -Dtest=UiLoadBench -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@ExtendWith(ApplicationExtension.class)
class UiLoadBench {

    private static final Duration RUN = Duration.ofSeconds(4);

    private final ScheduledExecutorService feeder = FxConsole.appThread("snapshot-feeder");
    private ScriptedLab lab;
    private ConsoleModel model;
    private final AtomicInteger redraws = new AtomicInteger();

    @Start
    void start(Stage stage) {
        lab = LoadLab.create(Instant::now);
        model = FxConsole.show(stage, lab, "load");
        model.topology().snapshotProperty().addListener((o, a, b) -> redraws.incrementAndGet());
    }

    @AfterEach
    void stop() {
        feeder.shutdownNow();
    }

    @Test
    void fiftyShardsAtTwentySnapshotsASecondKeepTheUiThreadUnderOneFifthBusy(FxRobot robot) throws Exception {
        lab.publish();
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#shard-c2d5r4").tryQuery().isPresent());
        robot.interact(() -> model.selectShard("c1d1p"));
        WaitForAsyncUtils.waitForFxEvents();
        long fxThread = WaitForAsyncUtils.asyncFx(() -> Thread.currentThread().threadId()).get();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        AtomicInteger ticks = new AtomicInteger();
        feeder.scheduleAtFixedRate(() -> {
            lab.run(Duration.ofMillis(50));
            lab.publish();
            if (ticks.incrementAndGet() % 4 == 0) {
                lab.emit(lab.syncEvent("c1d1r1", "c1d1p", SyncType.PARTIAL, dev.syncer.views.model.port.SyncCause.LINK_DROP,
                        LoadLab.replid(1, 1), 1_000_000, Optional.empty()));
            }
        }, 0, 50, TimeUnit.MILLISECONDS);
        // Let the first burst settle, then measure a steady window.
        await().atMost(Duration.ofSeconds(5)).until(() -> ticks.get() >= 10);
        // A probe posted to the FX thread every 10 ms: how long each waits before it runs is how long
        // a frame (or a click) could wait behind the console's own work.
        java.util.concurrent.atomic.AtomicLong maxWaitNanos = new java.util.concurrent.atomic.AtomicLong();
        feeder.scheduleAtFixedRate(() -> {
            long posted = System.nanoTime();
            javafx.application.Platform.runLater(() -> maxWaitNanos.accumulateAndGet(System.nanoTime() - posted, Math::max));
        }, 0, 10, TimeUnit.MILLISECONDS);
        int redrawsBefore = redraws.get();
        long cpuBefore = threads.getThreadCpuTime(fxThread);
        long wallBefore = System.nanoTime();
        await().pollDelay(RUN).atMost(RUN.plusSeconds(5)).until(() -> true);
        long cpu = threads.getThreadCpuTime(fxThread) - cpuBefore;
        long wall = System.nanoTime() - wallBefore;
        int redrawn = redraws.get() - redrawsBefore;
        feeder.shutdownNow();

        double busy = (double) cpu / wall;
        System.out.printf("UI thread busy %.1f%% over %d ms, %d redraws for %d snapshots, longest wait for the UI thread %d ms%n",
                busy * 100, wall / 1_000_000, redrawn, ticks.get(), maxWaitNanos.get() / 1_000_000);
        double seconds = wall / 1e9;
        // At most four a second; at least one, whatever else the machine is doing.
        assertThat(redrawn / seconds).as("redraws per second").isLessThanOrEqualTo(4.5).isGreaterThanOrEqualTo(1);
        assertThat(busy).as("share of the UI thread").isLessThan(0.20);
        assertThat(maxWaitNanos.get() / 1_000_000).as("longest wait for the UI thread, ms").isLessThan(50);
    }
}
