package dev.syncer.engine.keyspace;

import dev.syncer.engine.server.Shard;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ActiveExpiryIT {

    @Test
    void keysWithShortTtlsVanishWithoutBeingReadAndTheirDeletionIsPropagatedAsDel() {
        try (TestShard test = TestShard.start(); RespClient client = test.raw()) {
            Shard shard = test.shard();
            List<String> propagated = new CopyOnWriteArrayList<>();
            shard.call(() -> {
                shard.setFeed((db, argv) -> propagated.add(db + ":" + text(argv)));
                return null;
            });
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                assertThat(client.call("SET", "short:" + i, "v", "PX", "30")).isEqualTo("OK");
                expected.add("0:DEL short:" + i);
            }
            client.call("SELECT", "3");
            client.call("SET", "short:db3", "v", "PX", "30");
            expected.add("3:DEL short:db3");
            client.call("SET", "kept", "v");

            await("keys with a TTL expire actively").atMost(Duration.ofSeconds(5))
                    .until(() -> shard.call(() -> shard.keyspace().size()) == 1);

            assertThat(propagated.stream().filter(p -> p.contains(":DEL ")).toList())
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(shard.call(() -> shard.stats().expiredKeys)).isEqualTo(51);
            assertThat(shard.call(() -> shard.stats().keyspaceHits + shard.stats().keyspaceMisses)).isZero();
            assertThat(client.call("GET", "kept")).isNotNull();
        }
    }

    private static String text(byte[][] argv) {
        List<String> words = new ArrayList<>();
        for (byte[] a : argv) {
            words.add(new String(a, StandardCharsets.UTF_8));
        }
        return String.join(" ", words);
    }
}
