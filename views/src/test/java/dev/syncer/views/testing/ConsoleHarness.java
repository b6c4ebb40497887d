package dev.syncer.views.testing;

import dev.syncer.views.model.ConsoleModel;
import dev.syncer.views.model.port.ConsolePorts;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A console view-model wired to a scripted lab and a manual scheduler: no stage, no threads. The
 * lab's operations wait in a queue until {@link #runOperations()}, so a test sees the console
 * between submission and completion.
 */
public final class ConsoleHarness {

    public final ManualUiScheduler ui = new ManualUiScheduler(Instant.parse("2026-01-01T10:00:00Z"));
    public final ScriptedLab lab;
    public final ConsoleModel model;
    private final Deque<Runnable> operations = new ArrayDeque<>();

    public ConsoleHarness(Function<Supplier<Instant>, ScriptedLab> labFactory) {
        lab = labFactory.apply(ui::now);
        Executor queued = operations::add;
        lab.runOperationsOn(queued);
        model = new ConsoleModel(new ConsolePorts("scripted lab", lab.topology(), lab, lab), ui);
        model.start();
        publish();
    }

    /** The demo topology of {@link DemoLab}. */
    public static ConsoleHarness demo() {
        return new ConsoleHarness(DemoLab::create);
    }

    /** The lab pushes a snapshot and the console's next UI tick runs. */
    public void publish() {
        lab.publish();
        ui.advance(ConsoleModel.UI_PERIOD);
    }

    /** Runs the operations the console submitted, then lets the UI thread catch up. */
    public void runOperations() {
        while (!operations.isEmpty()) {
            operations.poll().run();
        }
        ui.advance(ConsoleModel.UI_PERIOD);
    }

    public void select(String shardId) {
        model.selectShard(shardId);
    }
}
