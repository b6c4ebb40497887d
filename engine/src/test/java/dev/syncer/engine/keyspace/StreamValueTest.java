package dev.syncer.engine.keyspace;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** A stream's entries and node layout under appends, deletions and trims, as t_stream.c keeps them. */
class StreamValueTest {

    private static byte[][] fv(String f, String v) {
        return new byte[][] {f.getBytes(StandardCharsets.UTF_8), v.getBytes(StandardCharsets.UTF_8)};
    }

    private static StreamValue appended(int n, int valueBytes) {
        StreamValue s = new StreamValue();
        for (int i = 1; i <= n; i++) {
            s.append(new StreamId(i, 0), fv("f", "v".repeat(valueBytes)));
        }
        return s;
    }

    @Test
    void aNodeHoldsAHundredEntriesThenANewOneOpens() {
        StreamValue s = appended(250, 1);
        assertThat(s.nodes().keySet()).containsExactly(new StreamId(1, 0), new StreamId(101, 0), new StreamId(201, 0));
    }

    @Test
    void aNodeClosesBeforeItsListpackReachesFourKilobytes() {
        StreamValue s = appended(10, 1000);
        // four entries make about 4 KB: the fifth would pass stream-node-max-bytes
        assertThat(s.nodes().keySet()).containsExactly(new StreamId(1, 0), new StreamId(5, 0), new StreamId(9, 0));
    }

    @Test
    void approximateTrimsRemoveWholeNodesOnly() {
        StreamValue s = appended(250, 1);
        assertThat(s.trim(120, null, true, 0)).isEqualTo(100);
        assertThat(s.length()).isEqualTo(150);
        assertThat(s.trim(0, new StreamId(150, 0), true, 0)).isZero();
        assertThat(s.firstId).isEqualTo(new StreamId(101, 0));
    }

    @Test
    void exactTrimsCutInsideANodeAndKeepItsTombstones() {
        StreamValue s = appended(250, 1);
        assertThat(s.trim(0, new StreamId(150, 0), false, 0)).isEqualTo(149);
        assertThat(s.firstId).isEqualTo(new StreamId(150, 0));
        assertThat(s.nodes().firstKey()).isEqualTo(new StreamId(101, 0));
    }

    @Test
    void aLimitStopsBeforeANodeThatWouldExceedIt() {
        StreamValue s = appended(250, 1);
        assertThat(s.trim(0, null, true, 150)).isEqualTo(100);
    }

    @Test
    void deletingANodesLastLiveEntryDropsTheNode() {
        StreamValue s = appended(101, 1);
        assertThat(s.delete(new StreamId(101, 0))).isTrue();
        assertThat(s.nodes()).hasSize(1);
        assertThat(s.delete(new StreamId(101, 0))).isFalse();
    }

    @Test
    void entriesReadIsEstimatedOnlyWithoutTombstonesInTheWay() {
        StreamValue s = appended(10, 1);
        assertThat(s.estimateEntriesRead(new StreamId(10, 0))).isEqualTo(10);
        assertThat(s.estimateEntriesRead(new StreamId(1, 0))).isEqualTo(1);
        assertThat(s.estimateEntriesRead(new StreamId(0, 5))).isZero();
        assertThat(s.estimateEntriesRead(new StreamId(5, 0))).isEqualTo(StreamGroup.UNKNOWN_ENTRIES_READ);
        assertThat(s.estimateEntriesRead(new StreamId(11, 0))).isEqualTo(StreamGroup.UNKNOWN_ENTRIES_READ);
    }

    @Test
    void aCopySharesNoGroupStateWithTheOriginal() {
        StreamValue s = appended(3, 1);
        StreamGroup g = s.createGroup(Key.of("g"), StreamId.MIN, 0);
        StreamConsumer c = g.createConsumer(Key.of("c"), 1);
        StreamNack n = new StreamNack(c, 5, 1);
        g.pel().put(new StreamId(1, 0), n);
        c.pel().put(new StreamId(1, 0), n);
        StreamValue copy = (StreamValue) s.copy();
        copy.group(Key.of("g")).pel().get(new StreamId(1, 0)).deliveryCount = 9;
        assertThat(n.deliveryCount).isEqualTo(1);
        StreamGroup cg = copy.group(Key.of("g"));
        assertThat(cg.pel().get(new StreamId(1, 0)).consumer).isSameAs(cg.consumer(Key.of("c")));
    }
}
