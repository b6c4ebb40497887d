package dev.syncer.engine.security;

import dev.syncer.engine.testing.ReplicationWaits;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many subscribers that never read, each below its own output limit, together holding memory
 * without bound: before, maxmemory-clients was refused. Now, as in Redis 7.0, the largest clients
 * are evicted once the clients' memory reaches maxmemory-clients (counted in evicted_clients), a
 * client with CLIENT NO-EVICT ON stays, no key is evicted, and others are served.
 */
class ClientEvictionIT {

    private static final String PAYLOAD = "m".repeat(100_000);

    @Test
    void theLargestClientsAreEvictedAtMaxmemoryClientsAndNoEvictClientsStay() throws IOException {
        try (TestShard shard = TestShard.start("enable-debug-command", "local", "maxmemory", "64mb",
                "maxmemory-policy", "allkeys-lru", "maxmemory-clients", "1mb");
             RespClient admin = shard.raw()) {
            Bystander bystander = Bystander.on(shard);
            assertThat(admin.call("CLIENT", "NO-EVICT", "ON")).isEqualTo("OK");
            assertThat(RespClient.texts(admin.call("CONFIG", "GET", "maxmemory-clients")))
                    .containsExactly("maxmemory-clients", "1048576");
            List<Socket> sleepers = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    sleepers.add(shard.neverReadingSubscriber("news"));
                }
                ReplicationWaits.await("the sleepers subscribed").until(() -> numsub(admin) == 5);
                for (int i = 0; i < 100 && evictedClients(shard) == 0; i++) {
                    admin.call("PUBLISH", "news", PAYLOAD);
                }
                ReplicationWaits.await("a sleeper evicted").until(() -> evictedClients(shard) > 0);
                assertThat(numsub(admin)).isLessThan(5);
                assertThat(admin.call("PING")).as("the no-evict client stays").isEqualTo("PONG");
                assertThat(ReplicationWaits.statsField(shard.port(), "evicted_keys")).isZero();
            } finally {
                for (Socket s : sleepers) {
                    s.close();
                }
            }
            assertThat(admin.call("CONFIG", "SET", "maxmemory-clients", "10%")).isEqualTo("OK");
            assertThat(admin.call("CONFIG", "SET", "maxmemory-clients", "x%")).isInstanceOf(RespClient.Error.class);
            bystander.assertServedAndDataIntact();
        }
    }

    private static long evictedClients(TestShard shard) {
        return ReplicationWaits.statsField(shard.port(), "evicted_clients");
    }

    private static long numsub(RespClient c) {
        return Long.parseLong(RespClient.texts(c.call("PUBSUB", "NUMSUB", "news")).get(1));
    }
}
