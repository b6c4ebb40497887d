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
 * Messages reach channel subscribers, then pattern subscribers, in subscription order; PUBLISH
 * propagates as Redis 7.0 propagates it, so a shard replica's subscribers hear a real
 * redis-server primary's messages.
 */
class PubSubIT {

    @Test
    void aMessageReachesChannelThenPatternSubscribers() {
        try (TestShard shard = TestShard.start();
             RespClient channel = shard.raw();
             RespClient pattern = shard.raw();
             RespClient sharded = shard.raw();
             RespClient publisher = shard.raw()) {
            channel.call("SUBSCRIBE", "news.tech");
            pattern.call("PSUBSCRIBE", "news.*");
            sharded.call("SSUBSCRIBE", "news.tech");
            assertThat(publisher.call("PUBLISH", "news.tech", "hello")).isEqualTo(2L);
            assertThat(PropagationComparison.describe(channel.read())).isEqualTo("[$message, $news.tech, $hello]");
            assertThat(PropagationComparison.describe(pattern.read()))
                    .isEqualTo("[$pmessage, $news.*, $news.tech, $hello]");
            assertThat(publisher.call("SPUBLISH", "news.tech", "s")).isEqualTo(1L);
            assertThat(PropagationComparison.describe(sharded.read())).isEqualTo("[$smessage, $news.tech, $s]");
            assertThat(PropagationComparison.describe(publisher.call("PUBSUB", "NUMSUB", "news.tech", "x")))
                    .isEqualTo("[$news.tech, 1, $x, 0]");
            assertThat(publisher.call("PUBSUB", "NUMPAT")).isEqualTo(1L);
            channel.close();
            ReplicationWaits.await("the subscriber's disconnect").until(
                    () -> publisher.call("PUBLISH", "news.tech", "again").equals(1L));
        }
    }

    @Test
    void publishPropagatesAsRedisDoes() {
        List<String[]> steps = new ArrayList<>();
        steps.add(new String[] {"PUBLISH ch one"});
        steps.add(new String[] {"SPUBLISH ch two"});
        steps.add(new String[] {"MULTI", "PUBLISH ch three", "SET k v", "EXEC"});
        PropagationComparison c = PropagationComparison.run(steps);
        assertThat(c.replyMismatches()).isEmpty();
        assertThat(c.ours()).isEqualTo(c.theirs());
    }

    @Test
    void aReplicasSubscribersHearItsPrimary() {
        try (RealRedis primary = RealRedis.start();
             TestShard replica = TestShard.start();
             RespClient p = primary.raw();
             RespClient subscriber = replica.raw()) {
            replica.follow(primary.port());
            subscriber.call("SUBSCRIBE", "ch");
            p.call("PUBLISH", "ch", "from-primary");
            assertThat(PropagationComparison.describe(subscriber.read())).isEqualTo("[$message, $ch, $from-primary]");
        }
    }
}
