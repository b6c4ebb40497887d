package dev.syncer.engine.resp;

import dev.syncer.engine.testing.ReplicationWaits;
import dev.syncer.engine.testing.TestShard;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.GeoCoordinates;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Lettuce in RESP3 mode against a shard: each family's RESP3 reply types reach the client as Lettuce expects. */
class LettuceResp3IT {

    private TestShard shard;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> redis;

    @BeforeEach
    void connect() {
        shard = TestShard.start();
        client = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(shard.port())
                .withTimeout(Duration.ofSeconds(10)).build());
        client.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.RESP3).build());
        connection = client.connect();
        redis = connection.sync();
    }

    @AfterEach
    void close() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        shard.close();
    }

    @Test
    void theConnectionSpeaksResp3() {
        // CLIENT INFO and INFO are verbatim strings in RESP3; Lettuce hands over the text without its format
        assertThat(redis.clientInfo()).startsWith("id=").contains(" resp=3");
        assertThat(redis.info("server")).startsWith("# Server\r\n");
        assertThat(redis.configGet("maxmemory-policy")).containsEntry("maxmemory-policy", "noeviction");
    }

    @Test
    void strings() {
        assertThat(redis.set("s", "v")).isEqualTo("OK");
        assertThat(redis.get("s")).isEqualTo("v");
        assertThat(redis.get("missing")).isNull();
        assertThat(redis.incrbyfloat("f", 1.5)).isEqualTo(1.5);
        assertThat(redis.mget("s", "missing")).containsExactly(KeyValue.just("s", "v"), KeyValue.empty("missing"));
    }

    @Test
    void hashesAreMaps() {
        redis.hset("h", Map.of("a", "1", "b", "2"));
        assertThat(redis.hgetall("h")).isEqualTo(Map.of("a", "1", "b", "2"));
        assertThat(redis.hgetall("missing")).isEmpty();
        assertThat(redis.hrandfieldWithvalues("h", 5)).hasSize(2);
    }

    @Test
    void setsAreSets() {
        redis.sadd("x", "1", "2", "3");
        redis.sadd("y", "2", "3", "4");
        assertThat(redis.smembers("x")).isEqualTo(Set.of("1", "2", "3"));
        assertThat(redis.sinter("x", "y")).isEqualTo(Set.of("2", "3"));
        assertThat(redis.sunion("x", "y")).isEqualTo(Set.of("1", "2", "3", "4"));
        assertThat(redis.sdiff("x", "y")).isEqualTo(Set.of("1"));
        assertThat(redis.smembers("missing")).isEmpty();
    }

    @Test
    void sortedSetScoresAreDoubles() {
        redis.zadd("z", 1.5, "a", 2.25, "b", 3.0, "c");
        assertThat(redis.zscore("z", "b")).isEqualTo(2.25);
        assertThat(redis.zscore("z", "none")).isNull();
        assertThat(redis.zmscore("z", "a", "none")).containsExactly(1.5, null);
        assertThat(redis.zincrby("z", 0.25, "a")).isEqualTo(1.75);
        assertThat(redis.zrangeWithScores("z", 0, -1))
                .containsExactly(ScoredValue.just(1.75, "a"), ScoredValue.just(2.25, "b"), ScoredValue.just(3, "c"));
        assertThat(redis.zrandmemberWithScores("z", 3)).hasSize(3);
        assertThat(redis.zpopmin("z", 2)).containsExactly(ScoredValue.just(1.75, "a"), ScoredValue.just(2.25, "b"));
        assertThat(redis.zpopmax("z")).isEqualTo(ScoredValue.just(3, "c"));
        redis.geoadd("g", 13.361389, 38.115556, "Palermo");
        GeoCoordinates palermo = redis.geopos("g", "Palermo").get(0);
        assertThat(palermo.getX().doubleValue()).isCloseTo(13.361389, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(palermo.getY().doubleValue()).isCloseTo(38.115556, org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void streamReadsAreKeyedByStream() {
        String first = redis.xadd("st", Map.of("f", "1"));
        String second = redis.xadd("st", Map.of("f", "2"));
        redis.xadd("other", Map.of("g", "3"));
        List<StreamMessage<String, String>> read = redis.xread(
                XReadArgs.StreamOffset.from("st", "0-0"), XReadArgs.StreamOffset.from("other", "0-0"));
        assertThat(read).extracting(StreamMessage::getStream).containsExactly("st", "st", "other");
        assertThat(read).extracting(StreamMessage::getId).startsWith(first, second);
        assertThat(read.get(1).getBody()).isEqualTo(Map.of("f", "2"));
        assertThat(redis.xread(XReadArgs.StreamOffset.from("st", second))).isEmpty();
        redis.xgroupCreate(XReadArgs.StreamOffset.from("st", "0"), "grp");
        List<StreamMessage<String, String>> group = redis.xreadgroup(io.lettuce.core.Consumer.from("grp", "c1"),
                XReadArgs.StreamOffset.lastConsumed("st"));
        assertThat(group).extracting(StreamMessage::getId).containsExactly(first, second);
    }

    @Test
    void pubSubMessagesArePushes() {
        List<String> heard = new CopyOnWriteArrayList<>();
        StatefulRedisPubSubConnection<String, String> subscriber = client.connectPubSub();
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                heard.add(channel + ":" + message);
            }

            @Override
            public void message(String pattern, String channel, String message) {
                heard.add(pattern + ">" + channel + ":" + message);
            }
        });
        subscriber.sync().subscribe("news");
        subscriber.sync().psubscribe("n*");
        // RESP3 has no subscribed mode: the same connection still runs ordinary commands
        assertThat(subscriber.sync().set("k", "v")).isEqualTo("OK");
        assertThat(redis.publish("news", "hello")).isEqualTo(2);
        ReplicationWaits.await("both subscriptions hear the message")
                .until(() -> heard.size() == 2);
        assertThat(heard).containsExactly("news:hello", "n*>news:hello");
        subscriber.close();
    }
}
