package dev.syncer.engine.security;

import dev.syncer.engine.testing.ReplicationWaits;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A subscriber that never reads its messages: before, every published message piled up for it
 * (client-output-buffer-limit pubsub was accepted and ignored). Now the pubsub class's hard limit
 * cuts it off, while publishers, a subscriber that reads, and ordinary clients go on.
 */
class SlowSubscriberIT {

    private static final String PAYLOAD = "m".repeat(100_000);
    private static final int MESSAGES = 100; // 10 MB for a 1 MB limit

    @Test
    void aSubscriberThatNeverReadsIsCutOffAndOthersAreServed() throws IOException {
        try (TestShard shard = TestShard.start("client-output-buffer-limit", "pubsub 1mb 0 0");
             RespClient publisher = shard.raw();
             RespClient reader = shard.raw()) {
            Bystander bystander = Bystander.on(shard);
            assertThat(RespClient.texts(reader.call("SUBSCRIBE", "quiet"))).containsExactly("subscribe", "quiet", "1");
            try (Socket sleeper = shard.neverReadingSubscriber("news")) {
                ReplicationWaits.await("the sleeper subscribed").until(() -> numsub(publisher, "news") == 1);
                for (int i = 0; i < MESSAGES; i++) {
                    publisher.call("PUBLISH", "news", PAYLOAD);
                }
                ReplicationWaits.await("the sleeper cut off").until(() -> numsub(publisher, "news") == 0);
                assertThat(publisher.call("PUBLISH", "quiet", "still here")).isEqualTo(1L);
                assertThat(RespClient.texts(reader.read())).containsExactly("message", "quiet", "still here");
            }
            bystander.assertServedAndDataIntact();
        }
    }

    private static long numsub(RespClient c, String channel) {
        List<String> reply = RespClient.texts(c.call("PUBSUB", "NUMSUB", channel));
        return Long.parseLong(reply.get(1));
    }
}
