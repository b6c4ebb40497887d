package dev.syncer.engine.command;

import dev.syncer.engine.server.Shard;
import dev.syncer.engine.testing.PropagationComparison;
import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.ReplicationStreamTap;
import dev.syncer.engine.testing.ReplicationWaits;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several clients blocking on lists and sorted sets, run against a real redis-server 7.0 and a
 * shard: every client's replies and what each server propagates must be the same — first blocked
 * first served, a BLMOVE's destination serving its own waiters, keys readied inside EXEC served
 * after it, blocking forms never blocking inside MULTI, timeouts and CLIENT UNBLOCK, and blocked
 * stream readers when their key is deleted or replaced or their group destroyed.
 */
class BlockingPopsMatchRealRedisIT {

    private static final String END = "SET __end__ 1";

    /** One scripted action on client c: send without reading, read one reply, call, or wait for n blocked. */
    private record Step(char op, int client, String command) {
    }

    private static Step send(int c, String cmd) {
        return new Step('s', c, cmd);
    }

    private static Step read(int c) {
        return new Step('r', c, null);
    }

    private static Step call(int c, String cmd) {
        return new Step('c', c, cmd);
    }

    private static Step blocked(int n) {
        return new Step('b', n, null);
    }

    private static List<Step> script() {
        return List.of(
                // first blocked, first served; each with its own end
                send(1, "BLPOP l1 l2 0"), send(2, "BRPOP l2 0"), blocked(2),
                call(0, "RPUSH l2 a b c"), read(1), read(2), call(0, "LRANGE l2 0 -1"),
                // a chain: the BLMOVE destination serves BRPOPLPUSH, whose destination serves BLMPOP
                send(1, "BLMOVE s d RIGHT LEFT 0"), send(2, "BRPOPLPUSH d e 0"), send(3, "BLMPOP 0 2 x e LEFT COUNT 5"),
                blocked(3), call(0, "LPUSH s v"), read(1), read(2), read(3), call(0, "EXISTS s d e"),
                // sorted sets
                send(1, "BZPOPMIN z 0"), send(2, "BZMPOP 0 1 z MAX COUNT 2"), send(3, "bzpopmax z 0"), blocked(3),
                call(0, "ZADD z 1 a 2 b 3 c 4 d 5 e"), read(1), read(2), read(3), call(0, "ZRANGE z 0 -1 WITHSCORES"),
                // a key readied inside EXEC is served after it, with what is left
                send(1, "BLPOP m 0"), blocked(1), call(0, "MULTI"), call(0, "RPUSH m x"), call(0, "RPUSH m y"),
                call(0, "LPOP m"), call(0, "EXEC"), read(1),
                // inside MULTI nothing blocks
                call(0, "MULTI"), call(0, "BLPOP none 0"), call(0, "BZPOPMIN none 0"),
                call(0, "BLMOVE none d LEFT LEFT 0"), call(0, "BLMPOP 0 1 none LEFT"), call(0, "EXEC"),
                // with data they act at once, propagated as their non-blocking forms
                call(0, "RPUSH q 1 2 3 4"), call(0, "BLPOP nothing q 0"), call(0, "BRPOP q 0"),
                call(0, "BLMPOP 0 1 q RIGHT COUNT 9"), call(0, "RPUSH q 5 6"), call(0, "BLMOVE q q left RIGHT 0"),
                call(0, "BRPOPLPUSH q q2 0"), call(0, "ZADD zz 1 a 2 b 3 c"), call(0, "BZPOPMAX zz 0"),
                call(0, "BZMPOP 0 1 zz MIN COUNT 1"), call(0, "BZPOPMIN zz 1.5"),
                // bad input
                call(0, "BLPOP k -1"), call(0, "BLPOP k abc"), call(0, "BLPOP k inf"), call(0, "BRPOP k 1e30"),
                call(0, "SET str x"), call(0, "BLPOP str 0"), call(0, "BZPOPMIN str 0"), call(0, "BLMPOP 0 0 k LEFT"),
                call(0, "BLMPOP 0 1 k UP"), call(0, "BLMPOP x 1 k LEFT"), call(0, "BZMPOP 0 1 k MIN COUNT 0"),
                call(0, "BLMOVE k d UP LEFT 0"), call(0, "BLPOP k"), call(0, "BRPOPLPUSH str d 0"),
                // a BLMOVE whose destination became another type gets WRONGTYPE when served
                send(1, "BLMOVE src2 str LEFT LEFT 0"), blocked(1), call(0, "RPUSH src2 a"), read(1),
                call(0, "LLEN src2"),
                // a key of another type does not serve; the list that replaces it does
                send(1, "BLPOP w 0"), blocked(1), call(0, "SET w x"), call(0, "DEL w"), call(0, "RPUSH w y"), read(1),
                // timeouts and CLIENT UNBLOCK
                call(1, "BLPOP t 0.05"), call(1, "BZMPOP 0.01 1 t MIN"),
                send(1, "BLPOP u 0"), blocked(1), call(0, "CLIENT UNBLOCK %1 ERROR"), read(1),
                call(0, "CLIENT UNBLOCK %1"), call(0, "CLIENT UNBLOCK %1 NOW"),
                send(1, "BLMOVE u v LEFT LEFT 0"), blocked(1), call(0, "CLIENT UNBLOCK %1 TIMEOUT"), read(1),
                // stream reads block too, and are served by XADD to an existing stream
                call(0, "XADD st 1-1 f v"), send(1, "XREAD BLOCK 0 STREAMS st $"), send(2, "XREAD BLOCK 0 STREAMS st 0-0"),
                read(2), blocked(1), call(0, "XADD st 2-1 f w"), read(1),
                call(0, "XGROUP CREATE gs g $ MKSTREAM"), send(1, "XREADGROUP GROUP g c1 BLOCK 0 STREAMS gs >"),
                blocked(1), call(0, "XADD gs 5-1 a b"), read(1), call(0, "XPENDING gs g"),
                call(1, "XREAD BLOCK 10 STREAMS none 0-0"), call(0, "MULTI"), call(0, "XREAD BLOCK 0 STREAMS none $"),
                call(0, "EXEC"),
                // a blocked XREADGROUP is told when its stream is deleted or replaced; XREAD waits on
                call(0, "XADD gd 1-1 f v"), call(0, "XGROUP CREATE gd g $"),
                send(1, "XREADGROUP GROUP g c BLOCK 0 STREAMS gd >"), blocked(1), call(0, "DEL gd"), read(1),
                call(0, "XADD gd 1-1 f v"), call(0, "XGROUP CREATE gd g $"),
                send(1, "XREADGROUP GROUP g c BLOCK 0 STREAMS gd >"), send(2, "XREAD BLOCK 0 STREAMS gd $"),
                blocked(2), call(0, "SET gd x"), read(1), call(0, "DEL gd"), call(0, "XADD gd 2-1 f v"), read(2),
                call(0, "XGROUP CREATE gx g $ MKSTREAM"), send(1, "XREADGROUP GROUP g c BLOCK 0 STREAMS gx >"),
                blocked(1), call(0, "XGROUP DESTROY gx g"), read(1),
                call(0, END));
    }

    @Test
    void blockedClientsAreServedAndPropagatedAsRedisServesThem() {
        List<String> ourStream = new CopyOnWriteArrayList<>();
        List<String> theirReplies;
        List<String> ourReplies;
        List<String> theirStream;
        try (RealRedis redis = RealRedis.start("--repl-diskless-sync", "no");
             ReplicationStreamTap tap = ReplicationStreamTap.attach(redis.port())) {
            theirReplies = run(redis.port());
            theirStream = tap.until(END.split(" ")).stream().map(c -> PropagationComparison.normalize(c.toString()))
                    .toList();
        }
        try (TestShard shard = TestShard.start()) {
            Shard s = shard.shard();
            s.call(() -> {
                s.setFeed((db, argv) -> ourStream.add(db + ":" + words(argv)));
                return null;
            });
            ourReplies = run(shard.port());
            assertThat(ReplicationWaits.field(shard.port(), "clients", "blocked_clients")).isEqualTo("0");
        }
        assertThat(ourReplies).isEqualTo(theirReplies);
        assertThat(ourStream.stream().map(PropagationComparison::normalize).toList()).isEqualTo(theirStream);
    }

    private static List<String> run(int port) {
        List<RespClient> clients = new ArrayList<>();
        List<String> replies = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                clients.add(RespClient.connect(port));
            }
            String id1 = String.valueOf(clients.get(1).call("CLIENT", "ID"));
            for (Step step : script()) {
                RespClient c = step.op() == 'b' ? null : clients.get(step.client());
                switch (step.op()) {
                    case 's' -> c.send(RespClient.encode(step.command().split(" ")));
                    case 'r' -> replies.add(step.client() + " < " + PropagationComparison.describe(c.read()));
                    case 'c' -> replies.add(step.client() + " " + step.command() + " -> "
                            + PropagationComparison.describe(c.call(step.command().replace("%1", id1).split(" "))));
                    default -> ReplicationWaits.awaitField(port, "clients", "blocked_clients",
                            v -> v.equals(String.valueOf(step.client())));
                }
            }
        } finally {
            clients.forEach(RespClient::close);
        }
        return replies;
    }

    private static String words(byte[][] argv) {
        List<String> w = new ArrayList<>();
        for (byte[] a : argv) {
            w.add(new String(a, StandardCharsets.UTF_8));
        }
        return String.join(" ", w);
    }
}
