package dev.syncer.engine.replication.replica;

import dev.syncer.engine.testing.FakePrimary;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static dev.syncer.engine.testing.ReplicationWaits.await;
import static dev.syncer.engine.testing.ReplicationWaits.info;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The link fails while the replica applies one read: a reset arrives while it applies
 * {@code INCR n, REPLCONF GETACK *, DEBUG SLEEP 2, INCR n, REPLCONF GETACK *, INCR n}, so the ACK
 * the second GETACK asks for cannot be written and the link closes in the middle of that read,
 * caching its offset there. Nothing after that may be applied: the partial resync resends it from
 * that offset, so it would be applied twice (n = 4) and master_repl_offset would run ahead of what
 * the data reflects, as FaultIT once saw (seed 90037069763565).
 */
class LinkLostMidReadIT {

    private static final String ID = "a".repeat(40);

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    @Test
    void nothingAfterTheLinkFailedIsAppliedSoTheResyncAppliesItOnce() {
        byte[] rdb = FakePrimary.fullSyncRdb();
        byte[] incr = RespClient.encode("INCR", "n");
        byte[] getack = RespClient.encode("REPLCONF", "GETACK", "*");
        byte[] sleep = RespClient.encode("DEBUG", "SLEEP", "2");
        // one read: its first GETACK's answer says the replica is in it; DEBUG SLEEP then holds its loop
        // while the reset arrives, so the second GETACK's answer cannot be written
        byte[] stream = concat(incr, getack, sleep, incr, getack, incr);
        long secondGetAck = 1 + incr.length + getack.length + sleep.length + incr.length;
        byte[] inTheRead = RespClient.encode("REPLCONF", "ACK", Integer.toString(incr.length));
        AtomicLong resumedFrom = new AtomicLong(-1);
        try (FakePrimary primary = new FakePrimary(c -> {
                 List<String> psync = c.handshake();
                 if (c.number() == 1) {
                     c.send("+FULLRESYNC " + ID + " 0\r\n$" + rdb.length + "\r\n");
                     c.send(rdb);
                     c.readUntilSent(RespClient.encode("REPLCONF", "ACK", "0")); // loaded: the stream is applied from here
                     c.send(stream); // offsets 1..stream.length
                     c.readUntilSent(inTheRead);
                     c.reset();
                     return;
                 }
                 long from = Long.parseLong(psync.get(2)); // the first byte it lacks
                 resumedFrom.set(from);
                 c.send("+CONTINUE " + ID + "\r\n");
                 c.send(Arrays.copyOfRange(stream, (int) from - 1, stream.length));
                 c.drain();
             });
             TestShard replica = TestShard.start("replicaof", "127.0.0.1 " + primary.port())) {
            await("the replica resumed and applied the whole stream").until(() -> {
                Map<String, String> i = info(replica.port(), "replication");
                return primary.connections() >= 2 && "up".equals(i.get("master_link_status"))
                        && Long.toString(stream.length).equals(i.get("slave_repl_offset"));
            });
            assertThat(resumedFrom.get()).as("resumed at the GETACK it could not answer").isEqualTo(secondGetAck);
            Map<String, String> i = info(replica.port(), "replication");
            assertThat(i.get("master_repl_offset")).as("master_repl_offset: what it applied, not more")
                    .isEqualTo(i.get("slave_repl_offset"));
            try (RespClient r = replica.raw()) {
                assertThat(RespClient.text(r.call("GET", "n"))).as("each INCR applied once").isEqualTo("3");
            }
            assertThat(primary.failures()).isEmpty();
        }
    }
}
