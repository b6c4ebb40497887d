package dev.syncer.engine.security;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.StringValue;
import dev.syncer.engine.activeactive.ActiveActive;
import dev.syncer.engine.activeactive.crdt.Delta;
import dev.syncer.engine.activeactive.crdt.DeltaCodec;
import dev.syncer.engine.activeactive.crdt.Hlc;
import dev.syncer.engine.activeactive.crdt.KeyState;
import dev.syncer.engine.activeactive.crdt.StateCodec;
import dev.syncer.engine.activeactive.crdt.Tag;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack: one {@code CRDT.APPLY} with a timestamp near 2^62 pushed the hybrid clock to its ceiling,
 * after which every delta was refused ("invalid timestamp") and syncers looped out of sync. A delta
 * or state further ahead of the local clock than crdt-max-clock-drift is now quarantined: answered
 * +OK (so a syncer's stream goes on), counted in INFO, neither applied nor observed by the clock.
 */
class CrdtClockPoisoningIT {

    private static final long MAX_DRIFT_MS = 60_000;

    @Test
    void aDeltaFromFarInTheFutureIsQuarantinedAndTheClockStaysSane() {
        try (TestShard shard = TestShard.start(ActiveActive.ORIGIN_CONFIG, "east",
                ActiveActive.CLOCK_DRIFT_CONFIG, Long.toString(MAX_DRIFT_MS), "active-active-syncers", "syncer-west:west");
             RespClient attacker = shard.raw()) {
            Bystander bystander = Bystander.on(shard);
            // West's syncer identity itself misbehaves (a bad clock, or stolen credentials).
            attacker.call("ACL", "SETUSER", "syncer-west", "on", ">pw", "~*", "&*", "+@all");
            assertThat(attacker.call("AUTH", "syncer-west", "pw")).isEqualTo("OK");
            long now = System.currentTimeMillis();
            assertThat(apply(attacker, "west", (1L << 62) - 1, "poison")).isEqualTo("OK");
            assertThat(apply(attacker, "west", Hlc.ofMillis(now + 10 * MAX_DRIFT_MS), "poison")).isEqualTo("OK");
            assertThat(merge(attacker, "poison", Hlc.ofMillis(now + 10 * MAX_DRIFT_MS))).isEqualTo("OK");

            Map<String, String> info = attacker.info("activeactive");
            assertThat(info.get("deltas_quarantined")).isEqualTo("3");
            assertThat(Long.parseLong(info.get("hlc_ms"))).isLessThan(now + MAX_DRIFT_MS);
            assertThat(attacker.call("EXISTS", "poison")).isEqualTo(0L);
            bystander.assertServedAndDataIntact();

            // An honest delta still applies, and local writes still get sane timestamps.
            assertThat(apply(attacker, "west", Hlc.ofMillis(System.currentTimeMillis()), "honest")).isEqualTo("OK");
            assertThat(RespClient.text(attacker.call("GET", "honest"))).isEqualTo("value");
            assertThat(attacker.call("SET", "local", "v")).isEqualTo("OK");
            assertThat(Long.parseLong(attacker.info("activeactive").get("hlc_ms")))
                    .isLessThan(System.currentTimeMillis() + MAX_DRIFT_MS);
        }
    }

    private static Object apply(RespClient c, String origin, long ts, String key) {
        Tag tag = new Tag(ts, origin);
        Delta delta = new Delta(tag);
        delta.key(Key.of(key)).join(KeyState.adopt(new StringValue(bytes("value")), -1, tag));
        return c.callBytes(bytes("CRDT.APPLY"), bytes(origin), bytes(Long.toString(ts)), DeltaCodec.encode(delta));
    }

    private static Object merge(RespClient c, String key, long ts) {
        Tag tag = new Tag(ts, "west");
        Delta delta = new Delta(tag);
        KeyState state = delta.key(Key.of(key));
        state.join(KeyState.adopt(new StringValue(bytes("value")), -1, tag));
        return c.callBytes(bytes("CRDT.MERGE"), bytes(key), StateCodec.encode(state));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
