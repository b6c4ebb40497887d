package dev.syncer.engine.server;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Gives back to the operating system the memory a large delete freed (FLUSHALL, FLUSHDB ASYNC,
 * many DELs), as redis-server's allocator does within seconds. The JVM shrinks its heap only at
 * a full collection (the serial collector, with the free ratios of launch.ServerOptions), which
 * a shard's own young collections never cause: so once the data set has dropped by a large part
 * and the shard has had no command for a moment, one is asked for — when little is left: the
 * pause grows with the live data (a full collection with 160 MB live stopped the process for
 * seconds on the loaded 2-core machine), so a delete that leaves much behind keeps its heap.
 *
 * <p>A full collection stops every shard of the process, so they share one {@link Bound}: at most
 * one per {@link #MIN_INTERVAL_NANOS}. It runs on a thread of its own, not on the event loop,
 * whose clients would then wait for the whole call rather than the pause alone (measured on an
 * emptied heap, serial collector: a few ms), but for the two that a client asks for and waits on:
 * MEMORY PURGE ({@link #purge}) and FLUSHALL ({@link #settleFlushBeforeReplies}).
 */
final class HeapRelease {

    /** Smaller drops are left to the young collections: what they free stays for the next writes. */
    static final long MIN_DROP_BYTES = 16L << 20;
    /**
     * What the old generation may hold beyond the data left before a FLUSHALL collects it, whatever
     * the data set was: a benchmark's own garbage (replaced values, popped elements, request
     * buffers that lived through a young collection) is promoted there and used_memory never saw it.
     */
    static final long MAX_GARBAGE_BYTES = 16L << 20;
    /** The most data (used_memory's estimate) a collection is asked for with: its pause stays short. */
    static final long MAX_LEFT_BYTES = 16L << 20;
    /** No command for this long: a burst of deletes is over and no client is waiting now. */
    static final long IDLE_NANOS = 1_000_000_000L;
    /**
     * Short, as the pause is bounded by {@link #MAX_LEFT_BYTES}: with 10 s, a FLUSHALL a few seconds
     * after another (a benchmark's next phase) kept its 175 MB through the 5 s it was watched.
     */
    static final long MIN_INTERVAL_NANOS = 2_000_000_000L;
    /** MEMORY PURGE's: a client that sends it in a loop stops the process once a second at most. */
    static final long PURGE_INTERVAL_NANOS = 1_000_000_000L;

    /** The last full collection any shard of this process asked for. */
    static final class Bound {
        private final long interval;
        private final AtomicLong last = new AtomicLong(Long.MIN_VALUE / 2);

        Bound(long intervalNanos) {
            this.interval = intervalNanos;
        }

        /** Whether a collection may run at {@code now}; when it may, it is counted as run. */
        boolean claim(long now) {
            long previous = last.get();
            return now - previous >= interval && last.compareAndSet(previous, now);
        }
    }

    static final Bound PROCESS = new Bound(MIN_INTERVAL_NANOS);
    static final Bound PURGES = new Bound(PURGE_INTERVAL_NANOS);

    private final LongSupplier usedMemory;
    private final LongSupplier commandsProcessed;
    private final LongSupplier nanoTime;
    private final Bound bound;
    private final Runnable collect;
    private final Bound purges;
    private final Runnable collectNow;
    private final LongSupplier oldGeneration;
    private long peak;
    private long lastCommands = -1;
    private long quietSince;
    private boolean flushPending; // a FLUSHALL since the last cron (see flushed)

    HeapRelease(LongSupplier usedMemory, LongSupplier commandsProcessed, LongSupplier nanoTime, Bound bound,
                Runnable collect, Bound purges, Runnable collectNow) {
        this(usedMemory, commandsProcessed, nanoTime, bound, collect, purges, collectNow, () -> 0);
    }

    HeapRelease(LongSupplier usedMemory, LongSupplier commandsProcessed, LongSupplier nanoTime, Bound bound,
                Runnable collect, Bound purges, Runnable collectNow, LongSupplier oldGeneration) {
        this.oldGeneration = oldGeneration;
        this.usedMemory = usedMemory;
        this.commandsProcessed = commandsProcessed;
        this.nanoTime = nanoTime;
        this.bound = bound;
        this.collect = collect;
        this.purges = purges;
        this.collectNow = collectNow;
    }

    /** The shard's: its data set and command count, a full collection on a short-lived thread of its own. */
    static HeapRelease of(Shard shard) {
        return new HeapRelease(() -> shard.keyspace().usedMemory(), () -> shard.stats().commandsProcessed, System::nanoTime,
                PROCESS, () -> Thread.ofPlatform().daemon().name("heap-release").start(System::gc), PURGES, System::gc,
                OldGeneration::used);
    }

    /** The heap's old generation, found at the first FLUSHALL (a shard that never flushes loads no management classes). */
    private static final class OldGeneration {
        private static final MemoryPoolMXBean POOL = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && !p.getName().matches(".*(Eden|Survivor|Young).*"))
                .findFirst().orElse(null);

        /** Its occupancy, dead objects included; 0 when the collector names no such pool. */
        static long used() {
            return POOL == null ? 0 : POOL.getUsage().getUsed();
        }
    }

    /**
     * After FLUSHALL: no wait for a quiet shard. redis-server frees the data set before it replies
     * (or, ASYNC, on a thread of its own), and a load that follows at once (a restore, the next
     * benchmark) would otherwise grow the heap over the garbage: 1M small strings loaded right
     * after a FLUSHALL of 100k collections took RSS to 386 MB, where the same load into a fresh
     * shard takes 160. The pause is the one {@link #cron} would have caused a second later. Also
     * when the data set was small but the old generation holds much garbage (see
     * {@link #MAX_GARBAGE_BYTES}): 100k collections loaded after a FLUSHALL that followed the
     * families benchmark otherwise grew the heap over its 17 MB of garbage (RSS 173 MB, 150 fresh).
     *
     * <p>Decided at the next {@link #cron} (within 100 ms), not here: the FLUSHALL hooks after this
     * one still hold the old data set (persistence cancels a running BGSAVE, whose snapshot is all
     * of it), and so may the command on the loop. Collected from here, with the default save rules,
     * after a benchmark: a 2.3 s pause that found 82 MB of 109 still live and gave nothing back.
     */
    void flushed() {
        flushPending = true;
    }

    /**
     * Decides a pending FLUSHALL's collection now: the shard runs this as a loop task right after
     * the FLUSHALL (its hooks and the command are done by then), so that a command the client sends
     * next — a benchmark's DEBUG POPULATE — does not grow the heap over the old garbage first.
     */
    void settleFlush() {
        if (flushPending) {
            afterFlush(nanoTime.getAsLong(), usedMemory.getAsLong(), collect);
        }
    }

    /**
     * Decides a pending FLUSHALL's collection on the loop, before the replies of the batch that
     * held it are written: the client has its +OK once the heap is given back, as redis-server
     * replies once it has freed the data set. Collected from the loop task instead, after the
     * reply was sent, the pause fell on the client's next commands: the first benchmark after a
     * FLUSHALL (LPUSH in the comparison's families) ran through a 357-394 ms pause in 3 of 3
     * runs (load average ~40). The batch's commands and the FLUSHALL's hooks are done here.
     */
    void settleFlushBeforeReplies() {
        if (flushPending) {
            afterFlush(nanoTime.getAsLong(), usedMemory.getAsLong(), collectNow);
        }
    }

    private void afterFlush(long now, long used, Runnable how) {
        flushPending = false;
        if ((shouldCollect(peak, used, IDLE_NANOS) || holdsGarbage(oldGeneration.getAsLong(), used)) && bound.claim(now)) {
            peak = used;
            how.run();
        }
    }

    /**
     * MEMORY PURGE: a full collection now, on the caller's thread, so that the reply comes once the
     * heap has shrunk (redis-server purges its allocator's dirty pages before replying). Measured on
     * the shard jar after 1M small strings and FLUSHALL: RSS 160 MB before, 83 after, the pause
     * 212 ms (load average 22; 92 ms on the emptied heap). Whether one ran: not when another PURGE
     * ran less than a second ago.
     */
    boolean purge() {
        if (!purges.claim(nanoTime.getAsLong())) {
            return false;
        }
        peak = usedMemory.getAsLong(); // nothing left for the cron to give back
        collectNow.run();
        return true;
    }

    /** On the loop, with the shard's cron (10 times a second). */
    void cron() {
        long now = nanoTime.getAsLong();
        long used = usedMemory.getAsLong();
        if (flushPending) {
            afterFlush(now, used, collect);
        }
        long commands = commandsProcessed.getAsLong();
        if (commands != lastCommands) {
            lastCommands = commands;
            quietSince = now;
        }
        peak = Math.max(peak, used);
        if (shouldCollect(peak, used, now - quietSince) && bound.claim(now)) {
            peak = used;
            collect.run();
        }
    }

    /** Little data left and an old generation that holds {@link #MAX_GARBAGE_BYTES} more than that. */
    static boolean holdsGarbage(long oldGeneration, long used) {
        return used <= MAX_LEFT_BYTES && oldGeneration - used >= MAX_GARBAGE_BYTES;
    }

    /** A drop of at least {@link #MIN_DROP_BYTES} and a quarter of the peak, little left, and a quiet shard. */
    static boolean shouldCollect(long peak, long used, long quietNanos) {
        long drop = peak - used;
        return drop >= MIN_DROP_BYTES && drop >= peak / 4 && used <= MAX_LEFT_BYTES && quietNanos >= IDLE_NANOS;
    }
}
