package dev.syncer.engine.activeactive;

import dev.syncer.engine.keyspace.HashValue;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.Snapshot;
import dev.syncer.engine.keyspace.StringValue;
import dev.syncer.engine.resp.RespReplyParser;
import dev.syncer.engine.activeactive.crdt.Visible;
import dev.syncer.engine.testing.TestClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Active-Active mode as a shard shows it: what it propagates, refuses, accepts and exposes. */
class ActiveActiveShardTest {

    private static final long T0 = 1_700_000_000_000L;

    private static String error(Object reply) {
        assertThat(reply).isInstanceOf(RespReplyParser.Error.class);
        return ((RespReplyParser.Error) reply).message();
    }

    private static List<String> names(List<AaNode.Propagated> propagated) {
        List<String> names = new ArrayList<>();
        propagated.forEach(p -> names.add(new String(p.argv()[0], StandardCharsets.US_ASCII)));
        return names;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aWritePropagatesAsOneDeltaTaggedWithThisCluster() {
        try (AaNode a = AaNode.primary("A", new TestClock(T0))) {
            assertThat(a.call("MSET", "k", "1", "j", "2")).isEqualTo("OK");
            List<AaNode.Propagated> out = a.drain();
            assertThat(out).hasSize(1);
            byte[][] argv = out.get(0).argv();
            assertThat(new String(argv[0], StandardCharsets.US_ASCII)).isEqualTo("CRDT.APPLY");
            assertThat(out.get(0).origin()).isEqualTo("A");
            assertThat(Long.parseLong(new String(argv[2], StandardCharsets.US_ASCII)) >>> 16).isEqualTo(T0);
        }
    }

    @Test
    void aRemoteDeltaIsAppliedAndPropagatedWithItsOriginForReplicasAndNotForwardedBack() {
        TestClock clock = new TestClock(T0);
        try (AaNode a = AaNode.primary("A", clock); AaNode b = AaNode.primary("B", clock)) {
            a.call("HSET", "h", "f", "v");
            AaNode.Propagated delta = a.drain().get(0);
            assertThat(b.deliver(delta)).isEqualTo("OK");
            assertThat(b.dataset()).contains("h = hash {f=v}");
            List<AaNode.Propagated> atB = b.drain();
            assertThat(atB).hasSize(1);
            assertThat(atB.get(0).origin()).as("B's stream carries it with A's origin: B's syncers skip it").isEqualTo("A");
            assertThat(b.deliver(delta)).isEqualTo("OK");
            assertThat(b.drain()).as("a delta that changes nothing is not propagated").isEmpty();
            assertThat(b.info()).contains("deltas_remote:2").contains("deltas_local:0");
        }
    }

    @Test
    void garbageDeltasAreRefusedWithTheReasonAndChangeNothing() {
        try (AaNode a = AaNode.primary("A", new TestClock(T0))) {
            a.call("SET", "k", "v");
            String before = a.states();
            assertThat(error(a.callRaw(bytes("CRDT.APPLY"), bytes("bad id!"), bytes("5"), new byte[] {1, 0})))
                    .isEqualTo("ERR CRDT.APPLY: invalid origin cluster id");
            assertThat(error(a.callRaw(bytes("CRDT.APPLY"), bytes("B"), bytes("-5"), new byte[] {1, 0})))
                    .isEqualTo("ERR CRDT.APPLY: invalid timestamp");
            assertThat(error(a.callRaw(bytes("CRDT.APPLY"), bytes("B"), bytes("5"), new byte[] {2, 0})))
                    .isEqualTo("ERR CRDT.APPLY: malformed delta: unsupported delta version 2 at byte 1");
            assertThat(error(a.callRaw(bytes("CRDT.APPLY"), bytes("B"), bytes("5"), new byte[] {1, 1, 1, 'k', 1, 9})))
                    .startsWith("ERR CRDT.APPLY: malformed delta: unknown op 9");
            assertThat(error(a.callRaw(bytes("CRDT.MERGE"), bytes("k"), new byte[] {1, 5})))
                    .startsWith("ERR CRDT.MERGE: malformed state:");
            assertThat(error(a.call("CRDT.APPLY", "B", "5"))).contains("wrong number of arguments");
            assertThat(a.states()).isEqualTo(before);
            assertThat(a.info()).contains("deltas_rejected:5");
        }
    }

    @Test
    void writesThatCannotBeMergedAreRefusedAlsoInsideMulti() {
        try (AaNode a = AaNode.primary("A", new TestClock(T0))) {
            assertThat(error(a.call("RENAME", "k", "j")))
                    .isEqualTo("ERR 'rename' is not supported in an Active-Active database: its effect cannot be merged conflict-free");
            assertThat(error(a.call("FLUSHALL"))).startsWith("ERR 'flushall' is not supported");
            assertThat(error(a.call("FLUSHDB"))).startsWith("ERR 'flushdb' is not supported");
            assertThat(error(a.call("RENAMENX", "k", "j"))).startsWith("ERR 'renamenx' is not supported");
            a.call("MULTI");
            a.call("SET", "k", "v");
            a.call("RENAME", "k", "j");
            a.call("SADD", "s", "m");
            List<?> exec = (List<?>) a.call("EXEC");
            assertThat(exec.get(0)).isEqualTo("OK");
            assertThat(error(exec.get(1))).startsWith("ERR 'rename' is not supported");
            assertThat(exec.get(2)).isEqualTo(1L);
            assertThat(names(a.drain())).containsExactly("MULTI", "CRDT.APPLY", "CRDT.APPLY", "EXEC");
        }
    }

    @Test
    void aScriptsWritesLeaveAsDeltasAndACommandThatCannotMergeEndsItNamingTheCommand() {
        TestClock clock = new TestClock(T0);
        try (AaNode a = AaNode.primary("A", clock); AaNode b = AaNode.primary("B", clock)) {
            assertThat(a.call("EVAL", "redis.call('set', KEYS[1], 'v') return redis.call('sadd', KEYS[2], 'm')", "2", "k", "s"))
                    .isEqualTo(1L);
            List<AaNode.Propagated> out = a.drain();
            assertThat(names(out)).containsExactly("MULTI", "CRDT.APPLY", "CRDT.APPLY", "EXEC");
            out.forEach(b::deliver);
            assertThat(b.states()).contains("k : live", "s : live");
            assertThat(error(a.call("EVAL", "return redis.call('rename', KEYS[1], 'j')", "1", "k")))
                    .startsWith("ERR 'rename' is not supported in an Active-Active database: its effect cannot be merged");
            assertThat(a.drain()).isEmpty();
        }
    }

    @Test
    void aShardOutsideActiveActiveModeKeepsPlainCommandsButAcceptsDeltas() {
        TestClock clock = new TestClock(T0);
        try (AaNode a = AaNode.primary("A", clock); AaNode plain = AaNode.primary("", clock)) {
            assertThat(plain.call("SET", "p", "v")).isEqualTo("OK");
            assertThat(new String(plain.drain().get(0).argv()[0], StandardCharsets.US_ASCII)).isEqualTo("SET");
            a.call("SADD", "s", "m");
            plain.deliver(a.drain().get(0));
            assertThat(plain.states()).contains("s : live");
            assertThat(plain.info()).contains("active_active_enabled:0");
        }
    }

    @Test
    void aPlainValueIsAdoptedAsOneLocalWriteBeforeTheCommandChangesIt() {
        TestClock clock = new TestClock(T0);
        try (AaNode a = AaNode.primary("A", clock); AaNode b = AaNode.primary("B", clock)) {
            a.shard.call(() -> {
                HashValue h = new HashValue();
                h.fields().put(Key.of("old"), bytes("1"));
                a.shard.keyspace().db(0).put(Key.of("h"), h);
                a.shard.keyspace().db(0).setExpire(Key.of("h"), T0 + 60_000);
                return null;
            });
            assertThat(a.call("HSET", "h", "new", "2")).isEqualTo(1L);
            List<AaNode.Propagated> out = a.drain();
            assertThat(names(out)).as("the adoption, then the command's delta, as one unit")
                    .containsExactly("MULTI", "CRDT.APPLY", "CRDT.APPLY", "EXEC");
            out.forEach(b::deliver);
            assertThat(b.dataset()).contains("h = hash {new=2, old=1} ttl=" + (T0 + 60_000));
            assertThat(b.states()).isEqualTo(a.states());
        }
    }

    @Test
    void aReplicaFollowsItsPrimaryAndWaitsForItsExpiries() {
        TestClock clock = new TestClock(T0);
        try (AaNode primary = AaNode.primary("A", clock); AaNode replica = AaNode.replica("A", clock)) {
            primary.call("SET", "k", "v", "PX", "100");
            primary.call("ZADD", "z", "1", "m");
            primary.call("ZINCRBY", "z", "2", "m");
            primary.drain().forEach(replica::deliver);
            assertThat(replica.states()).isEqualTo(primary.states());
            clock.advance(200);
            replica.expireDueKeys();
            assertThat(replica.states()).as("a replica never expires keys itself").contains("k : live");
            primary.expireDueKeys();
            primary.drain().forEach(replica::deliver);
            assertThat(replica.states()).isEqualTo(primary.states()).contains("k : tombstone");
            assertThat(replica.dataset()).isEqualTo(primary.dataset()).doesNotContain("k =");
            assertThat(replica.info()).contains("deltas_replicated:4");
        }
    }

    @Test
    void aFullStateBringsAnotherClusterToTheSameStateAndDeltasContinueFromThere() {
        TestClock clock = new TestClock(T0);
        try (AaNode a = AaNode.primary("A", clock); AaNode b = AaNode.primary("B", clock)) {
            a.call("HSET", "h", "f", "1", "g", "2");
            a.call("SADD", "gone", "x");
            a.call("DEL", "gone");
            a.call("INCRBY", "n", "5");
            a.drain();
            Map<Key, byte[]> states = a.shard.call(() -> {
                Map<Key, byte[]> all = new java.util.LinkedHashMap<>(a.aa.encodeTombstones(0));
                for (Key k : a.shard.keyspace().db(0).keys()) {
                    all.put(k, a.aa.encodeState(0, k));
                }
                return all;
            });
            states.forEach((k, s) -> assertThat(b.callRaw(bytes("CRDT.MERGE"), k.bytes(), s)).isEqualTo("OK"));
            assertThat(b.states()).isEqualTo(a.states());
            a.call("HDEL", "h", "f");
            a.drain().forEach(b::deliver);
            assertThat(b.dataset()).isEqualTo(a.dataset()).contains("h = hash {g=2}");
            assertThat(b.aa.hlc()).as("merging moved B's clock past A's writes").isGreaterThanOrEqualTo(a.aa.hlc() - 1);
        }
    }

    @Test
    void aSnapshotSeesAValueAndItsStateAsOfItsInstant() throws Exception {
        try (AaNode a = AaNode.primary("A", new TestClock(T0))) {
            a.call("SADD", "s", "x");
            a.call("SET", "k", "1");
            Snapshot snapshot = a.shard.call(() -> a.shard.keyspace().beginSnapshot(a.shard.loop()));
            a.call("SADD", "s", "y");
            a.call("INCR", "k");
            AtomicReference<String> seen = new AtomicReference<>("");
            snapshot.visit(0, (k, v, at) -> seen.updateAndGet(s -> s + k + "=" + Visible.describe(v, at)
                    + "/" + Visible.describe(dev.syncer.engine.activeactive.crdt.StateCodec.decode(ActiveActive.encodeState(v))) + ";"));
            snapshot.close();
            assertThat(seen.get()).contains("s=set [x]/set [x];").contains("k=string 1/string 1;");
            assertThat(a.dataset()).contains("s = set [x, y]").contains("k = string 2");
        }
    }

    @Test
    void infoShowsTheActiveActiveSection() {
        TestClock clock = new TestClock(T0);
        try (AaNode a = AaNode.primary("east-1", clock)) {
            a.call("SET", "k", "v");
            a.call("SADD", "s", "m");
            a.call("DEL", "s");
            assertThat(a.info()).contains("# ActiveActive", "active_active_enabled:1", "origin:east-1",
                    "hlc_ms:" + T0, "crdt_keys:1", "tombstones:1", "deltas_local:3", "deltas_remote:0");
            String info = (String) a.call("INFO");
            assertThat(info).contains("# ActiveActive");
        }
    }

    @Test
    void theClusterIdIsChecked() {
        assertThat(ActiveActive.clusterId(" east-1 ")).isEqualTo("east-1");
        assertThat(ActiveActive.clusterId("")).isEmpty();
        assertThatThrownBy(() -> ActiveActive.clusterId("a b")).hasMessageContaining("cluster id");
        assertThat(ActiveActive.originOf(new byte[][] {bytes("crdt.apply"), bytes("B"), bytes("1"), new byte[0]}))
                .isEqualTo("B");
        assertThat(ActiveActive.originOf(new byte[][] {bytes("SET"), bytes("B"), bytes("1")})).isNull();
    }

    @Test
    void stringValuesWithStateStayImmutable() {
        try (AaNode a = AaNode.primary("A", new TestClock(T0))) {
            a.call("SET", "k", "1");
            StringValue before = a.shard.call(() -> (StringValue) a.shard.keyspace().db(0).get(Key.of("k")));
            byte[] stateBefore = ActiveActive.encodeState(before);
            a.call("INCR", "k");
            assertThat(ActiveActive.encodeState(before)).isEqualTo(stateBefore);
            assertThat(Arrays.equals(before.bytes(), bytes("1"))).isTrue();
        }
    }
}
