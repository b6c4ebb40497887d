package dev.syncer.engine.persistence;

import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writer threads for the kill -9 tests: each writes new keys until the process under it dies, and
 * records what was acknowledged; {@link #runThenKill} kills the process at a random moment, chosen
 * as a random number of acknowledged writes rather than a time, so a loaded machine slows the chaos
 * down instead of starving it.
 */
final class ChaosWriters<A> {

    /** One writer: writes until {@code stop}, adding each acknowledged write to {@code acks}. */
    @FunctionalInterface
    interface Writer<A> {
        void run(String prefix, ConcurrentLinkedQueue<A> acks, AtomicBoolean stop);
    }

    final ConcurrentLinkedQueue<A> acks = new ConcurrentLinkedQueue<>();

    /** Starts {@code count} writers, waits for {@code acksBeforeKill} acknowledged writes (the random moment), runs {@code kill}, then stops them. */
    static <A> ChaosWriters<A> runThenKill(int count, String round, int acksBeforeKill, Writer<A> writer, Runnable kill) {
        ChaosWriters<A> w = new ChaosWriters<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String prefix = round + ":w" + i + ":";
            threads.add(Thread.ofPlatform().name("chaos-writer-" + i).start(() -> writer.run(prefix, w.acks, stop)));
        }
        try {
            Awaitility.await(acksBeforeKill + " acknowledged writes before the kill").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(1)).until(() -> w.acks.size() >= acksBeforeKill);
            kill.run();
            stop.set(true);
            for (Thread t : threads) {
                t.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return w;
    }
}
