package dev.syncer.engine.syncer;

import dev.syncer.engine.activeactive.SnapshotStates;
import io.netty.channel.EventLoop;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Reads a source's RDB into key states off the event loop (it may be large), then hands the
 * result — or the reason it could not be read — back to the loop, where the syncer merges it.
 */
final class SnapshotRead {

    private SnapshotRead() {
    }

    static void inBackground(Path file, Clock clock, Executor background, EventLoop loop,
                             Consumer<SnapshotStates.Content> read, Consumer<Exception> failed) {
        background.execute(() -> {
            SnapshotStates.Content loaded;
            try {
                loaded = SnapshotStates.readFile(file, clock);
            } catch (Exception e) {
                loop.execute(() -> failed.accept(e));
                return;
            }
            loop.execute(() -> read.accept(loaded));
        });
    }
}
