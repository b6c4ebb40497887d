package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.StreamNode;
import dev.syncer.engine.keyspace.StreamValue;
import dev.syncer.engine.testing.DirectShard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * XADD and XTRIM keep stream-node-max-entries and stream-node-max-bytes at hand, not looked up per
 * call: a CONFIG SET after the stream's first XADD still decides where the next node opens.
 */
class StreamNodeSettingsTest {

    private final DirectShard s = new DirectShard();

    @AfterEach
    void close() {
        s.close();
    }

    private List<Integer> nodeSizes() {
        StreamValue v = (StreamValue) s.keyspace().db(0).peek(Key.of("s"));
        return v.nodes().values().stream().map(StreamNode::live).toList();
    }

    @Test
    void aConfigSetAfterTheFirstXaddDecidesWhereTheNextNodeOpens() {
        s.call("XADD", "s", "1-1", "f", "v");
        s.call("CONFIG", "SET", "stream-node-max-entries", "2");
        for (int i = 2; i <= 5; i++) {
            s.call("XADD", "s", "1-" + i, "f", "v");
        }
        assertThat(nodeSizes()).containsExactly(2, 2, 1);

        s.call("CONFIG", "SET", "stream-node-max-entries", "100");
        s.call("CONFIG", "SET", "stream-node-max-bytes", "1");
        s.call("XADD", "s", "1-6", "f", "v"); // every node is full at one byte
        s.call("XADD", "s", "1-7", "f", "v");
        assertThat(nodeSizes()).containsExactly(2, 2, 1, 1, 1);
    }

    @Test
    void anApproximateTrimsDefaultLimitFollowsTheEntriesSetting() {
        s.call("CONFIG", "SET", "stream-node-max-entries", "1");
        s.call("XADD", "s", "1-1", "f", "v"); // the settings are at hand from here
        s.call("CONFIG", "SET", "stream-node-max-entries", "2");
        for (int i = 2; i <= 250; i++) {
            s.call("XADD", "s", "1-" + i, "f", "v");
        }
        // "~" removes whole nodes, at most 100 * stream-node-max-entries entries by default: 200, not 100
        assertThat(s.call("XTRIM", "s", "MAXLEN", "~", "0")).isEqualTo(200L);
    }
}
