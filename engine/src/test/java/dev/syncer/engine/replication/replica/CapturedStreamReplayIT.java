package dev.syncer.engine.replication.replica;

import dev.syncer.engine.testing.FakePrimary;
import dev.syncer.engine.testing.Json;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.syncer.engine.testing.ReplicationWaits.await;
import static dev.syncer.engine.testing.ReplicationWaits.info;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our replica fed the exact bytes a redis-server 7.0.15 primary sent in a captured full sync
 * (handshake replies, keepalive newlines, both RDB framings, the command stream): it must end at
 * the offset the capture's manifest gives for its last byte, under the primary's replid.
 */
class CapturedStreamReplayIT {

    private static byte[] resource(String name) {
        try (InputStream in = CapturedStreamReplayIT.class.getResourceAsStream("/streams/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "01-fullsync-disk, ''",
        "02-fullsync-diskless, ''",
        "03-real-replica-auth-fullsync, sekret",
        "09-chained-subreplica-fullsync, ''",
        "10-chained-subreplica-replid-mismatch, ''",
        "12-failover-old-link, ''"})
    void replicaEndsAtTheCapturedOffset(String capture, String masterauth) {
        Map<String, Object> manifest = Json.object(Json.parse(new String(resource(capture + ".manifest.json"), StandardCharsets.UTF_8)));
        byte[] primaryBytes = resource(capture + ".primary-to-replica.raw");
        List<Object> segments = Json.array(manifest.get("primary_to_replica_segments"));
        String replid = null;
        long expected = -1;
        for (Object o : segments) {
            Map<String, Object> seg = Json.object(o);
            if ("psync-reply-fullresync".equals(seg.get("kind"))) {
                replid = (String) seg.get("replid");
                expected = ((Number) seg.get("offset_value")).longValue();
            }
            if ("command".equals(seg.get("kind"))) {
                expected = ((Number) seg.get("repl_offset_after")).longValue();
            }
        }
        String id = replid;
        long offset = expected;
        try (FakePrimary primary = new FakePrimary(c -> {
                 if (c.number() == 1) {
                     c.readCommand(); // PING
                     c.send(primaryBytes);
                 }
                 c.drain();
             });
             TestShard replica = TestShard.start("replicaof", "127.0.0.1 " + primary.port(), "masterauth", masterauth)) {
            await("replica at offset " + offset).until(() -> {
                Map<String, String> i = info(replica.port(), "replication");
                return "up".equals(i.get("master_link_status")) && Long.toString(offset).equals(i.get("slave_repl_offset"));
            });
            Map<String, String> i = info(replica.port(), "replication");
            assertThat(i.get("master_replid")).isEqualTo(id);
            assertThat(i.get("master_repl_offset")).isEqualTo(Long.toString(offset));
            assertThat(primary.connections()).isEqualTo(1);
            if (capture.startsWith("01")) {
                try (RespClient r = replica.raw()) {
                    assertThat(RespClient.text(r.call("GET", "after"))).isEqualTo("flush");
                    assertThat(r.call("SELECT", "1")).isEqualTo("OK");
                    assertThat(RespClient.text(r.call("GET", "db1key"))).isEqualTo("x");
                }
            }
        }
    }
}
