package dev.syncer.engine.security;

import dev.syncer.engine.activeactive.ActiveActive;
import dev.syncer.engine.activeactive.crdt.Delta;
import dev.syncer.engine.activeactive.crdt.DeltaCodec;
import dev.syncer.engine.activeactive.crdt.Hlc;
import dev.syncer.engine.activeactive.crdt.KeyState;
import dev.syncer.engine.activeactive.crdt.StateCodec;
import dev.syncer.engine.activeactive.crdt.Tag;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.StringValue;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack: any client could forge another cluster's writes — {@code CRDT.APPLY west <ts> <delta>}
 * sent to east was applied in east only, never forwarded (it claims to come from west), and every
 * syncer still said in-sync. Effects are now accepted only from a connection authenticated as a
 * syncer identity of the database (active-active-syncers), and only with that syncer's origin.
 */
class ForgedEffectsIT {

    private static TestShard east() {
        return TestShard.start(ActiveActive.ORIGIN_CONFIG, "east",
                "active-active-syncers", "syncer-west:west syncer-north:north");
    }

    @Test
    void anOrdinaryClientCannotApplyOrMergeEffects() {
        try (TestShard shard = east(); RespClient attacker = shard.raw()) {
            Bystander bystander = Bystander.on(shard);
            assertThat(text(apply(attacker, "west", "forged")))
                    .isEqualTo("NOPERM this user is not a syncer identity of this database and may not run 'crdt.apply'");
            assertThat(text(merge(attacker, "forged")))
                    .isEqualTo("NOPERM this user is not a syncer identity of this database and may not run 'crdt.merge'");
            assertThat(attacker.call("EXISTS", "forged")).isEqualTo(0L);
            assertThat(attacker.info("activeactive").get("effects_noperm")).isEqualTo("2");
            assertThat(attacker.info("activeactive").get("deltas_remote")).isEqualTo("0");
            bystander.assertServedAndDataIntact();
        }
    }

    @Test
    void aSyncerIdentityCannotClaimAnotherOriginNorChangeWhoIsASyncer() {
        try (TestShard shard = east(); RespClient admin = shard.raw(); RespClient west = shard.raw()) {
            Bystander bystander = Bystander.on(shard);
            admin.call("ACL", "SETUSER", "syncer-west", "on", ">pw", "~*", "+crdt.apply", "+crdt.merge", "+select", "+ping");
            assertThat(west.call("AUTH", "syncer-west", "pw")).isEqualTo("OK");

            assertThat(text(apply(west, "north", "forged")))
                    .isEqualTo("NOPERM syncer identity 'syncer-west' brings effects of origin 'west' only, not of 'north'");
            assertThat(west.call("SET", "forged", "v")).isEqualTo(
                    new RespClient.Error("NOPERM this user has no permissions to run the 'set' command"));
            assertThat(admin.call("CONFIG", "SET", "active-active-syncers", "default:north"))
                    .as("who is a syncer is a protected setting").isInstanceOf(RespClient.Error.class);
            assertThat(admin.call("EXISTS", "forged")).isEqualTo(0L);
            assertThat(admin.info("activeactive").get("effects_noperm")).isEqualTo("1");

            assertThat(apply(west, "west", "honest")).as("its own origin applies").isEqualTo("OK");
            assertThat(RespClient.text(admin.call("GET", "honest"))).isEqualTo("value");
            assertThat(merge(west, "merged")).isEqualTo("OK");
            assertThat(RespClient.text(admin.call("GET", "merged"))).isEqualTo("value");
            admin.call("DEL", "honest", "merged");
            bystander.assertServedAndDataIntact();
        }
    }

    private static Object apply(RespClient c, String origin, String key) {
        long ts = Hlc.ofMillis(System.currentTimeMillis());
        Tag tag = new Tag(ts, origin);
        Delta delta = new Delta(tag);
        delta.key(Key.of(key)).join(KeyState.adopt(new StringValue(bytes("value")), -1, tag));
        return c.callBytes(bytes("CRDT.APPLY"), bytes(origin), bytes(Long.toString(ts)), DeltaCodec.encode(delta));
    }

    private static Object merge(RespClient c, String key) {
        Tag tag = new Tag(Hlc.ofMillis(System.currentTimeMillis()), "west");
        KeyState state = new Delta(tag).key(Key.of(key));
        state.join(KeyState.adopt(new StringValue(bytes("value")), -1, tag));
        return c.callBytes(bytes("CRDT.MERGE"), bytes(key), StateCodec.encode(state));
    }

    private static String text(Object reply) {
        return reply instanceof RespClient.Error e ? e.message() : String.valueOf(reply);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
