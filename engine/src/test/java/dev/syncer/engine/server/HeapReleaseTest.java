package dev.syncer.engine.server;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class HeapReleaseTest {

    private static final long MB = 1L << 20;
    private static final long MS = 1_000_000L;

    private long used;
    private long oldGeneration;
    private long commands;
    private long now = 5_000 * MS;
    private final AtomicInteger collections = new AtomicInteger();
    private final AtomicInteger purges = new AtomicInteger();

    private HeapRelease release(HeapRelease.Bound bound) {
        return new HeapRelease(() -> used, () -> commands, () -> now, bound, collections::incrementAndGet,
                new HeapRelease.Bound(HeapRelease.PURGE_INTERVAL_NANOS), purges::incrementAndGet, () -> oldGeneration);
    }

    private void tick(HeapRelease release, long millis) {
        for (long t = 0; t < millis; t += 100) {
            now += 100 * MS;
            release.cron();
        }
    }

    /** A shard of its own bound whose data set was {@code peak} for {@code millis} of cron, and is now gone. */
    private HeapRelease emptiedAfter(long peak, long millis) {
        HeapRelease release = release(new HeapRelease.Bound(HeapRelease.MIN_INTERVAL_NANOS));
        used = peak;
        tick(release, millis);
        used = 0;
        return release;
    }

    @Test
    void aLargeDropIsCollectedOnceTheShardIsQuietAndOnlyOnce() {
        HeapRelease release = emptiedAfter(400 * MB, 500); // FLUSHALL
        commands++;
        tick(release, 900);
        assertThat(collections).as("a command less than a second ago").hasValue(0);
        tick(release, 200);
        assertThat(collections).hasValue(1);
        tick(release, 30_000);
        assertThat(collections).as("nothing more to give back").hasValue(1);
    }

    @Test
    void aBusyShardIsNotStoppedForACollection() {
        HeapRelease release = emptiedAfter(400 * MB, 100);
        for (int i = 0; i < 50; i++) {
            commands++;
            tick(release, 100);
        }
        assertThat(collections).hasValue(0);
    }

    @Test
    void smallDropsAreLeftToTheYoungCollections() {
        assertThat(HeapRelease.shouldCollect(400 * MB, 390 * MB, 5_000 * MS)).as("a small part of the peak").isFalse();
        assertThat(HeapRelease.shouldCollect(10 * MB, 0, 5_000 * MS)).as("a few MB").isFalse();
        assertThat(HeapRelease.shouldCollect(40 * MB, 10 * MB, 5_000 * MS)).isTrue();
    }

    @Test
    void aDeleteThatLeavesMuchBehindKeepsItsHeapRatherThanPauseForLong() {
        assertThat(HeapRelease.shouldCollect(400 * MB, 200 * MB, 5_000 * MS)).isFalse();
        assertThat(HeapRelease.shouldCollect(400 * MB, HeapRelease.MAX_LEFT_BYTES, 5_000 * MS)).isTrue();
    }

    @Test
    void theShardsOfOneProcessShareOneCollectionPerInterval() {
        HeapRelease.Bound bound = new HeapRelease.Bound(HeapRelease.MIN_INTERVAL_NANOS);
        HeapRelease a = release(bound);
        HeapRelease b = release(bound);
        used = 100 * MB;
        a.cron();
        b.cron();
        used = 0;
        tick(a, 1_100);
        b.cron();
        assertThat(collections).hasValue(1);
        now += HeapRelease.MIN_INTERVAL_NANOS;
        b.cron();
        assertThat(collections).as("the other shard, once the interval passed").hasValue(2);
    }

    @Test
    void purgeCollectsAtOnceAtMostOncePerSecondAndLeavesTheCronNothingToDo() {
        HeapRelease release = emptiedAfter(400 * MB, 100);
        assertThat(release.purge()).isTrue();
        assertThat(purges).hasValue(1);
        now += 500 * MS;
        assertThat(release.purge()).as("half a second later").isFalse();
        now += 500 * MS;
        assertThat(release.purge()).isTrue();
        assertThat(purges).hasValue(2);
        tick(release, 2_000);
        assertThat(collections).as("the drop was purged already").hasValue(0);
    }

    @Test
    void aFlushAllIsSettledByTheTaskThatFollowsIt() {
        HeapRelease release = emptiedAfter(400 * MB, 100);
        commands++;
        release.flushed();
        release.settleFlush(); // the loop task queued behind the FLUSHALL: before the client's next command
        assertThat(collections).hasValue(1);
        release.settleFlush();
        tick(release, 100);
        assertThat(collections).as("settled once").hasValue(1);
    }

    @Test
    void aClientsFlushAllIsCollectedOnTheLoopBeforeItsReply() {
        HeapRelease release = emptiedAfter(400 * MB, 100);
        commands++;
        release.flushed();
        release.settleFlushBeforeReplies();
        assertThat(purges).as("on the caller, so the reply waits for it").hasValue(1);
        assertThat(collections).hasValue(0);
        release.settleFlush();
        release.settleFlushBeforeReplies();
        tick(release, 100);
        assertThat(purges.get() + collections.get()).as("settled once").isEqualTo(1);
    }

    @Test
    void aFlushAllIsCollectedAtOnceEvenOnABusyShard() {
        HeapRelease release = emptiedAfter(400 * MB, 100);
        commands++;
        release.flushed();
        assertThat(collections).as("decided at the next cron, once the flush is done").hasValue(0);
        commands++;
        tick(release, 100);
        assertThat(collections).hasValue(1);
        tick(release, 2_000);
        assertThat(collections).as("nothing left for the cron").hasValue(1);
        used = 10 * MB;
        tick(release, 100);
        used = 0;
        release.flushed();
        tick(release, 100);
        assertThat(collections).as("a few MB are left to the young collections").hasValue(1);
    }

    @Test
    void aFlushAllAfterMuchGarbageIsCollectedThoughTheDataWasSmall() {
        HeapRelease release = emptiedAfter(4 * MB, 100);
        oldGeneration = HeapRelease.MAX_GARBAGE_BYTES - 1;
        release.flushed();
        tick(release, 100);
        assertThat(collections).as("little garbage: left to grow into").hasValue(0);
        oldGeneration = HeapRelease.MAX_GARBAGE_BYTES + 4 * MB; // a benchmark's promoted garbage
        release.flushed();
        tick(release, 100);
        assertThat(collections).hasValue(1);
    }

    @Test
    void garbageIsWeighedAgainstTheDataLeft() {
        assertThat(HeapRelease.holdsGarbage(40 * MB, 0)).isTrue();
        assertThat(HeapRelease.holdsGarbage(40 * MB, 30 * MB)).as("too much data left for a short pause").isFalse();
        assertThat(HeapRelease.holdsGarbage(20 * MB, 10 * MB)).as("mostly the data left").isFalse();
    }
}
