package dev.syncer.engine.replication.primary;

import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static dev.syncer.engine.testing.ReplicationWaits.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The primary's half of a dual-channel sync, spoken by hand: the rdb channel gets $ENDOFF and the
 * RDB; writes after the snapshot wait for the main channel, which may PSYNC after the RDB went out.
 */
class RdbChannelSyncIT {

    @Test
    void theRdbChannelKeepsTheStreamUntilItsMainChannelPsyncsLate() throws IOException {
        try (TestShard shard = TestShard.start("dual-channel-replication-enabled", "yes", "repl-diskless-sync-delay", "0");
             RespClient main = shard.raw(); RespClient rdb = shard.raw(); RespClient writer = shard.raw()) {
            writer.call("SET", "before", "1");
            assertThat(main.call("REPLCONF", "listening-port", "7001", "capa", "eof", "capa", "psync2", "capa", "dual-channel"))
                    .isEqualTo("OK");
            main.send(RespClient.encode("PSYNC", "?", "-1"));
            assertThat(main.read()).isEqualTo("DUALCHANNELSYNC");

            assertThat(rdb.call("REPLCONF", "capa", "eof", "rdb-only", "1", "rdb-channel", "1", "listening-port", "7001"))
                    .isEqualTo("OK");
            rdb.send(RespClient.encode("SYNC"));
            String endoff = rdb.readLine();
            while (endoff.isEmpty()) {
                endoff = rdb.readLine(); // keepalives
            }
            assertThat(endoff).matches("\\$ENDOFF:\\d+ [0-9a-f]{40} 0 \\d+");
            String[] parts = endoff.substring("$ENDOFF:".length()).split(" ");
            byte[] rdbFile = readEofFramed(rdb);
            assertThat(new String(rdbFile, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("REDIS");
            writer.call("SET", "after", "2"); // after the snapshot: held for the main channel

            assertThat(main.call("REPLCONF", "set-rdb-client-id", "999999")).isEqualTo(new RespClient.Error(
                    "ERR Unrecognized RDB client id 999999"));
            assertThat(main.call("REPLCONF", "set-rdb-client-id", parts[3])).isEqualTo("OK");
            main.send(RespClient.encode("PSYNC", parts[1], Long.toString(Long.parseLong(parts[0]) + 1)));
            assertThat(main.read()).isEqualTo("CONTINUE " + parts[1]);
            byte[] stream = readUntil(main.input(), "after".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(stream, StandardCharsets.US_ASCII)).contains("SELECT").contains("SET").endsWith("after");
            await("the rdb channel closed once claimed").until(rdb::isClosedByServer);
            await("the main channel streams while the replica loads").until(() -> replicaLine(shard).contains("state=bg_transfer"));
            main.send(RespClient.encode("REPLCONF", "ACK", parts[0]));
            await("online after the first ACK").until(() -> replicaLine(shard).contains("state=online"));
        }
    }

    private static String replicaLine(TestShard shard) {
        return String.valueOf(dev.syncer.engine.testing.ReplicationWaits.field(shard.port(), "replication", "slave0"));
    }

    /** {@code $EOF:<mark>} then the payload up to the same 40 bytes. */
    private static byte[] readEofFramed(RespClient c) throws IOException {
        String header = c.readLine();
        assertThat(header).startsWith("$EOF:");
        byte[] payload = readUntil(c.input(), header.substring(5).getBytes(StandardCharsets.US_ASCII));
        return Arrays.copyOf(payload, payload.length - 40);
    }

    private static byte[] readUntil(InputStream in, byte[] end) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before " + new String(end, StandardCharsets.US_ASCII));
            }
            out.write(b);
            byte[] seen = out.toByteArray();
            if (seen.length >= end.length
                    && Arrays.equals(seen, seen.length - end.length, seen.length, end, 0, end.length)) {
                return seen;
            }
        }
    }
}
