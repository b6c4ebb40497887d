package dev.syncer.engine.rdb;

import dev.syncer.engine.testing.StreamEntries;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.StreamGroup;
import dev.syncer.engine.keyspace.StreamId;
import dev.syncer.engine.keyspace.StreamNack;
import dev.syncer.engine.keyspace.StreamValue;
import dev.syncer.engine.keyspace.RedisValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Mutates an uncompressed stream value (listpacks with lying counts, lengths, flags and lp-counts,
 * groups, PELs and consumers) and proves the decoder only returns a stream it can write again, or
 * refuses with RdbException: no other exception escapes.
 */
class StreamRdbFuzzTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static StreamValue sample() {
        StreamValue s = new StreamValue();
        for (int i = 1; i <= 250; i++) {
            byte[][] fv = i % 5 == 0
                    ? new byte[][] {bytes("other"), bytes("x".repeat(i % 70)), bytes("n"), bytes(Integer.toString(-i))}
                    : new byte[][] {bytes("field"), bytes(Integer.toString(i * 1000)), bytes("v"), bytes("y".repeat(i % 9))};
            s.append(new StreamId(1700000000000L + i / 3, i), fv);
        }
        s.delete(new StreamId(1700000000000L + 3, 10));
        s.delete(new StreamId(1700000000000L + 40, 120));
        StreamGroup g = s.createGroup(Key.of("g"), new StreamId(1700000000000L + 20, 60), 60);
        for (String name : new String[] {"alice", "bob"}) {
            var c = g.createConsumer(Key.of(name), 1700000000123L);
            for (int i = name.equals("alice") ? 1 : 2; i < 60; i += 7) {
                StreamId id = new StreamId(1700000000000L + i / 3, i);
                StreamNack nack = new StreamNack(c, 1700000000200L + i, i % 4 + 1);
                g.pel().put(id, nack);
                c.pel().put(id, nack);
            }
        }
        s.createGroup(Key.of("empty"), StreamId.MIN, StreamGroup.UNKNOWN_ENTRIES_READ);
        return s;
    }

    @Test
    @Timeout(120)
    void mutatedStreamPayloadsOnlyDecodeOrFailWithRdbException() {
        byte[] payload = DumpPayload.dump(sample(), false);
        byte[] body = Arrays.copyOf(payload, payload.length - 10);
        Random random = new Random(20261206L);
        int loaded = 0;
        int refused = 0;
        for (int i = 0; i < 4000; i++) {
            byte[] mutant = RdbFuzzTest.mutate(body, random);
            try {
                RdbInput in = new RdbInput(new ByteArrayInputStream(mutant), i % 2 == 0);
                int type = in.u8();
                if (type != RdbType.STREAM_LISTPACKS_2.id) {
                    continue;
                }
                RedisValue v = new ValueDecoder(in).read(RdbType.STREAM_LISTPACKS_2);
                DumpPayload.dump(v, false); // what loads must be whole enough to write again
                loaded++;
            } catch (RdbException expected) {
                refused++;
            } catch (Throwable t) {
                fail("mutant %d escaped with %s", i, t, t);
            }
        }
        assertThat(refused).isGreaterThan(1000);
        assertThat(loaded).isGreaterThan(0);
    }

    @Test
    void theSampleRoundTripsThroughItsPayload() throws Exception {
        StreamValue s = sample();
        StreamValue back = (StreamValue) DumpPayload.restore(DumpPayload.dump(s, true));
        assertThat(StreamEntries.of(back).keySet()).isEqualTo(StreamEntries.of(s).keySet());
        assertThat(back.group(Key.of("g")).pel().keySet()).isEqualTo(s.group(Key.of("g")).pel().keySet());
        assertThat(back.group(Key.of("g")).consumer(Key.of("bob")).pel().size())
                .isEqualTo(s.group(Key.of("g")).consumer(Key.of("bob")).pel().size());
    }
}
