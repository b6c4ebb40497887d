package dev.syncer.engine.activeactive.crdt;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class HlcTest {

    @Test
    void timestampsFollowTheWallClockInMilliseconds() {
        AtomicLong wall = new AtomicLong(1_700_000_000_000L);
        Hlc hlc = new Hlc(wall::get);
        long ts = hlc.next();
        assertThat(Hlc.millisOf(ts)).isEqualTo(1_700_000_000_000L);
        wall.addAndGet(5);
        assertThat(Hlc.millisOf(hlc.next())).isEqualTo(1_700_000_000_005L);
    }

    @Test
    void timestampsStrictlyIncreaseWithinAMillisecondAndWhenTheClockGoesBack() {
        AtomicLong wall = new AtomicLong(1_700_000_000_000L);
        Hlc hlc = new Hlc(wall::get);
        long a = hlc.next();
        long b = hlc.next();
        wall.addAndGet(-1000);
        long c = hlc.next();
        assertThat(b).isGreaterThan(a);
        assertThat(c).isGreaterThan(b);
    }

    @Test
    void anObservedTimestampIsPassedByTheNextLocalOne() {
        AtomicLong wall = new AtomicLong(1_700_000_000_000L);
        Hlc hlc = new Hlc(wall::get);
        long remote = Hlc.ofMillis(1_700_000_060_000L) + 3; // a cluster whose clock is a minute ahead
        hlc.observe(remote);
        assertThat(hlc.next()).isGreaterThan(remote);
        hlc.observe(5); // an old one changes nothing
        assertThat(hlc.current()).isEqualTo(remote + 1);
    }

    @Test
    void equalTimestampsAreOrderedByClusterId() {
        assertThat(new Tag(7, "B").after(new Tag(7, "A"))).isTrue();
        assertThat(new Tag(8, "A").after(new Tag(7, "B"))).isTrue();
    }
}
