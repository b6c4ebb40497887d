package dev.syncer.engine.command;

import dev.syncer.engine.testing.PropagationComparison;
import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client-side caching against a real redis-server: the same conversation (RESP3 pushes, a RESP2
 * redirection to a subscriber, BCAST prefixes, NOLOOP, OPTIN, flushes, CLIENT REPLY) gives the
 * same transcript on both; and a shard replica invalidates what its real primary's stream writes.
 */
class TrackingIT {

    /** Runs the conversation on a server reached by {@code connect} and returns what each step saw. */
    private static List<String> conversation(IntFunction<RespClient> connect) {
        List<String> seen = new ArrayList<>();
        try (RespClient reader = connect.apply(0); RespClient writer = connect.apply(0);
             RespClient subscriber = connect.apply(0); RespClient resp2 = connect.apply(0)) {
            seen.add(d(reader.call("HELLO", "3")).contains("proto") ? "hello" : "no hello");
            // RESP3: the read key's invalidation is pushed, once
            seen.add(d(reader.call("CLIENT", "TRACKING", "on")));
            writer.call("SET", "k", "1");
            seen.add(d(reader.call("GET", "k")));
            writer.call("SET", "k", "2");
            writer.call("SET", "k", "3");
            seen.add(d(reader.read()));
            seen.add(d(reader.call("PING")));
            // own write: the reply first, then the push
            seen.add(d(reader.call("GET", "k")));
            seen.add(d(reader.call("DEL", "k")));
            seen.add(d(reader.read()));
            seen.add(d(reader.call("CLIENT", "TRACKINGINFO")));
            // a flush invalidates everything, with a null
            reader.call("GET", "x");
            writer.call("FLUSHALL");
            seen.add(d(reader.read()));
            seen.add(d(reader.call("CLIENT", "TRACKING", "off")));
            // RESP2 redirected to a subscriber of __redis__:invalidate
            long subscriberId = (Long) subscriber.call("CLIENT", "ID");
            seen.add(d(subscriber.call("SUBSCRIBE", "__redis__:invalidate")));
            seen.add(d(resp2.call("CLIENT", "TRACKING", "on", "REDIRECT", Long.toString(subscriberId))));
            seen.add(d(resp2.call("MGET", "a", "b")));
            writer.call("MSET", "a", "1", "b", "2");
            seen.add(d(subscriber.read()));
            seen.add(d(subscriber.read()));
            seen.add(d(resp2.call("CLIENT", "GETREDIR")).equals(Long.toString(subscriberId)) ? "redir ok" : "redir wrong");
            seen.add(d(resp2.call("CLIENT", "TRACKING", "off")));
            // BCAST with prefixes, NOLOOP: own writes are not reported
            seen.add(d(resp2.call("CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "p:", "PREFIX", "p")));
            seen.add(d(resp2.call("CLIENT", "TRACKING", "on", "BCAST", "REDIRECT", Long.toString(subscriberId),
                    "PREFIX", "p:", "NOLOOP")));
            resp2.call("SET", "p:mine", "1");
            writer.call("SET", "q:other", "1");
            writer.call("SET", "p:theirs", "1");
            seen.add(d(subscriber.read()));
            seen.add(d(resp2.call("CLIENT", "TRACKINGINFO")).replace(", " + subscriberId + ",", ", <id>,"));
            // OPTIN: only after CLIENT CACHING yes, for the next command only
            seen.add(d(reader.call("CLIENT", "TRACKING", "on", "OPTIN")));
            reader.call("GET", "o1");
            seen.add(d(reader.call("CLIENT", "CACHING", "yes")));
            reader.call("GET", "o2");
            writer.call("SET", "o1", "x");
            writer.call("SET", "o2", "x");
            seen.add(d(reader.read()));
            seen.add(err(() -> reader.call("CLIENT", "CACHING", "no")));
            // CLIENT REPLY OFF silences replies but not pushes; SKIP drops one reply
            reader.call("CLIENT", "TRACKING", "off");
            reader.call("CLIENT", "TRACKING", "on");
            reader.call("GET", "r");
            reader.send(RespClient.encode("CLIENT", "REPLY", "OFF"));
            reader.send(RespClient.encode("SET", "silent", "1"));
            writer.call("SET", "r", "x");
            seen.add(d(reader.read()));
            seen.add(d(reader.call("CLIENT", "REPLY", "ON")));
            reader.send(RespClient.encode("CLIENT", "REPLY", "SKIP"));
            reader.send(RespClient.encode("SET", "skipped", "1"));
            seen.add(d(reader.call("GET", "skipped")));
            seen.add(err(() -> reader.call("CLIENT", "TRACKING", "on", "PREFIX", "x")));
            seen.add(err(() -> reader.call("CLIENT", "TRACKING", "on", "REDIRECT", "999999")));
            seen.add(err(() -> reader.call("CLIENT", "REPLY", "MAYBE")));
        }
        try (RespClient quiet = connect.apply(0)) {
            quiet.send(RespClient.encode("CLIENT", "REPLY", "OFF"));
            seen.add(d(quiet.call("SUBSCRIBE", "ch"))); // a push: REPLY OFF does not silence it
        }
        return seen;
    }

    /** A reply as text, RESP3's pushes, maps and sets marked (">", "%", "~"). */
    private static String d(Object reply) {
        if (reply instanceof RespClient.Push p) {
            return ">" + d(p.items());
        }
        if (reply instanceof RespClient.Map m) {
            return "%" + d(m.flat());
        }
        if (reply instanceof RespClient.Set s) {
            return "~" + d(s.items());
        }
        if (reply instanceof List<?> list) {
            return list.stream().map(TrackingIT::d).toList().toString();
        }
        return PropagationComparison.describe(reply);
    }

    private static String err(java.util.function.Supplier<Object> call) {
        return d(call.get());
    }

    @Test
    void theConversationMatchesRealRedis() {
        List<String> theirs;
        try (RealRedis redis = RealRedis.start()) {
            theirs = conversation(i -> redis.raw());
        }
        List<String> ours;
        try (TestShard shard = TestShard.start()) {
            ours = conversation(i -> shard.raw());
        }
        assertThat(ours).isEqualTo(theirs);
        assertThat(theirs).contains("[$message, $__redis__:invalidate, [$p:theirs]]");
    }

    @Test
    void aReplicaInvalidatesWhatItsPrimaryWrites() {
        try (RealRedis primary = RealRedis.start();
             TestShard replica = TestShard.start();
             RespClient p = primary.raw();
             RespClient reader = replica.raw()) {
            replica.follow(primary.port());
            p.call("SET", "k", "1");
            dev.syncer.engine.testing.ReplicationWaits.await("the replica has k")
                    .until(() -> "1".equals(RespClient.text(replica.raw().call("GET", "k"))));
            reader.call("HELLO", "3");
            reader.call("CLIENT", "TRACKING", "on");
            reader.call("GET", "k");
            p.call("SET", "k", "2");
            assertThat(d(reader.read())).isEqualTo(">[$invalidate, [$k]]");
            assertThat(reader.info("stats")).containsEntry("tracking_total_keys", "0");
        }
    }
}
