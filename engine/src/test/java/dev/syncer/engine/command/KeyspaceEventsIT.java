package dev.syncer.engine.command;

import dev.syncer.engine.testing.PropagationComparison;
import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.ReplicationWaits;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keyspace notifications as a real redis-server 7.0 publishes them: the same writes give the same
 * __keyspace@/__keyevent@ messages in the same order, on a primary and on a replica applying its
 * primary's stream, and expiries and the notify-keyspace-events setting behave alike.
 */
class KeyspaceEventsIT {

    /** Writes of every family that Redis notifies about, and reads that miss; each a command line split on spaces. */
    private static final String[] WRITES = {
        "SET s v EX 100", "APPEND s w", "SETRANGE s 1 xy", "GETSET s z", "MSET a 1 b 2", "INCR a",
        "INCRBYFLOAT b 1.5", "GETDEL b", "EXPIRE a 100", "PERSIST a", "RENAME a c", "DEL c s nokey",
        "SET gone v", "EXPIRE gone -1",
        "RPUSH l a b c d", "LPUSH l z", "LPOP l", "RPOP l 1", "LINSERT l BEFORE b x", "LSET l 0 y",
        "LREM l 0 y", "LTRIM l 0 0", "LMOVE l l2 LEFT RIGHT", "RPUSH l3 q", "LPOP l3",
        "HSET h f 1 g 2", "HSETNX h f 3", "HSETNX h n 3", "HINCRBY h f 2", "HINCRBYFLOAT h g 0.5",
        "HDEL h f nofield", "HDEL h g n",
        "SADD st a b c", "SADD st a", "SREM st a", "SPOP st 5",
        "ZADD z 1 a 2 b 3 c", "ZADD z 1 a", "ZINCRBY z 2 a", "ZREM z b", "ZPOPMIN z", "ZPOPMAX z 5",
        "XADD x 1-0 f v", "XADD x MAXLEN 1 2-0 f v", "XDEL x 2-0", "XADD x 3-0 f v", "XTRIM x MAXLEN 0",
        "XSETID x 9-0", "XGROUP CREATE x g $", "XGROUP CREATECONSUMER x g c", "XGROUP SETID x g 0",
        "XGROUP DELCONSUMER x g c", "XGROUP DESTROY x g", "XGROUP CREATE nos g $ MKSTREAM",
        "SADD s1 a b", "SADD s2 b c", "SINTERSTORE s3 s1 s2", "SUNIONSTORE s3 s1 s2", "SDIFFSTORE s3 s1 s1",
        "SMOVE s1 s2 a", "SMOVE s1 s2 b",
        "ZADD z1 1 a 2 b", "ZUNIONSTORE z2 1 z1", "ZINTERSTORE z2 1 z1", "ZDIFFSTORE z2 1 z1",
        "ZRANGESTORE z3 z1 0 -1", "ZREMRANGEBYSCORE z3 1 1", "ZREMRANGEBYRANK z3 0 -1",
        "ZADD z4 0 a 0 b", "ZREMRANGEBYLEX z4 [a [a", "ZMPOP 1 z4 MIN",
        "SETBIT bits 7 1", "SETBIT bits 7 1", "BITOP OR bits2 bits", "BITOP AND bits2 nokey",
        "BITFIELD bf SET u8 0 200", "PFADD hll a b", "PFADD hll a", "PFMERGE hll2 hll",
        "GEOADD geo 13.36 38.11 p1 15.08 37.50 p2", "GEOSEARCHSTORE gs geo FROMLONLAT 15 37 BYRADIUS 200 km",
        "GEORADIUS geo 15 37 200 km STORE gr", "GEOSEARCHSTORE gs geo FROMLONLAT 0 0 BYRADIUS 1 km",
        "RPUSH sl 3 1 2", "SORT sl STORE sl2", "SORT nokey STORE sl2",
        "SET m v", "MOVE m 1", "SELECT 1", "COPY m m2 DB 0", "SELECT 0", "COPY m2 m3",
        "SET ex v", "GETEX ex EX 100", "GETEX ex PERSIST", "SETEX ex 100 v", "SETNX ex2 v", "DECRBY ex2x 2",
        "LPUSHX nolist a", "RPUSH ml a b", "LMPOP 1 ml RIGHT COUNT 5", "RPUSH bl a", "BLPOP bl 0",
        "ZADD bz 1 a", "BZPOPMAX bz 0", "HMSET hm a 1",
        "GET nokey", "MGET hm nokey nokey2", "EXISTS nokey", "TYPE nokey", "TTL nokey", "HGET nokey f",
        "XADD xs 1-0 f v", "XGROUP CREATE xs g 0", "XREADGROUP GROUP g c1 COUNT 1 STREAMS xs >",
        "XCLAIM xs g c2 0 1-0", "XAUTOCLAIM xs g c3 0 0-0",
        "SCARD nokey", "ZSCORE nokey m", "LRANGE nokey 0 -1", "XRANGE nokey - +", "PFCOUNT nokey", "STRLEN nokey",
    };

    @Test
    void theSameWritesPublishTheSameMessagesAsRedis() {
        try (RealRedis redis = RealRedis.start(); TestShard shard = TestShard.start()) {
            List<String> theirs = messages(redis.raw(), redis.raw());
            List<String> ours = messages(shard.raw(), shard.raw());
            assertThat(theirs).hasSizeGreaterThan(WRITES.length); // KEA publishes two per event
            assertThat(ours).containsExactlyElementsOf(theirs);
        }
    }

    /** Runs WRITES with every event class on client, the messages subscriber heard, in order. */
    private static List<String> messages(RespClient client, RespClient subscriber) {
        try (client; subscriber) {
            client.call("CONFIG", "SET", "notify-keyspace-events", "KEAnm");
            subscriber.call("PSUBSCRIBE", "__key*__:*");
            subscriber.call("SUBSCRIBE", "done");
            for (String w : WRITES) {
                client.call(w.split(" "));
            }
            client.call("PUBLISH", "done", "x");
            return heardUntilDone(subscriber);
        }
    }

    private static List<String> heardUntilDone(RespClient subscriber) {
        List<String> heard = new ArrayList<>();
        for (String m = PropagationComparison.describe(subscriber.read()); !m.equals("[$message, $done, $x]");
                m = PropagationComparison.describe(subscriber.read())) {
            heard.add(m);
        }
        return heard;
    }

    @Test
    void theSettingIsSpelledAsRedisSpellsIt() {
        try (RealRedis redis = RealRedis.start(); TestShard shard = TestShard.start();
             RespClient theirs = redis.raw(); RespClient ours = shard.raw()) {
            for (String value : new String[] {"KEA", "Elg", "K$shzxetdn", "Em", "AnK", ""}) {
                theirs.call("CONFIG", "SET", "notify-keyspace-events", value);
                ours.call("CONFIG", "SET", "notify-keyspace-events", value);
                assertThat(ours.call("CONFIG", "GET", "notify-keyspace-events"))
                        .usingRecursiveComparison().isEqualTo(theirs.call("CONFIG", "GET", "notify-keyspace-events"));
            }
            assertThat(ours.call("CONFIG", "SET", "notify-keyspace-events", "KEQ")).isInstanceOf(RespClient.Error.class);
        }
    }

    @Test
    void newKeysAndExpiriesAreAnnounced() {
        try (TestShard shard = TestShard.start(); RespClient client = shard.raw(); RespClient subscriber = shard.raw()) {
            client.call("CONFIG", "SET", "notify-keyspace-events", "Exn");
            subscriber.call("SUBSCRIBE", "__keyevent@0__:new");
            subscriber.call("SUBSCRIBE", "__keyevent@0__:expired");
            client.call("SET", "brief", "v", "PX", "1");
            assertThat(PropagationComparison.describe(subscriber.read())).isEqualTo("[$message, $__keyevent@0__:new, $brief]");
            ReplicationWaits.await("the key to expire").until(() -> client.call("GET", "brief") == null);
            assertThat(PropagationComparison.describe(subscriber.read()))
                    .isEqualTo("[$message, $__keyevent@0__:expired, $brief]");
        }
    }

    @Test
    void evictionsAreAnnounced() {
        // set at start-up, as a config file or the command line does
        try (TestShard shard = TestShard.start("notify-keyspace-events", "Ee");
             RespClient client = shard.raw(); RespClient subscriber = shard.raw()) {
            subscriber.call("SUBSCRIBE", "__keyevent@0__:evicted");
            client.call("SET", "only", "v");
            client.call("CONFIG", "SET", "maxmemory-policy", "allkeys-random");
            client.call("CONFIG", "SET", "maxmemory", "1");
            assertThat(PropagationComparison.describe(subscriber.read()))
                    .isEqualTo("[$message, $__keyevent@0__:evicted, $only]");
        }
    }

    @Test
    void aReplicaNotifiesWhatItsPrimarysStreamWrites() {
        try (RealRedis primary = RealRedis.start(); TestShard replica = TestShard.start();
             RespClient p = primary.raw(); RespClient r = replica.raw(); RespClient subscriber = replica.raw()) {
            replica.follow(primary.port());
            r.call("CONFIG", "SET", "notify-keyspace-events", "El");
            subscriber.call("SUBSCRIBE", "__keyevent@0__:rpush");
            p.call("RPUSH", "queue", "job");
            assertThat(PropagationComparison.describe(subscriber.read()))
                    .isEqualTo("[$message, $__keyevent@0__:rpush, $queue]");
        }
    }
}
