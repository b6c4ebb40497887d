package dev.syncer.engine.replication.replica;

import dev.syncer.engine.testing.FakePrimary;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.SyncEvents;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.syncer.engine.testing.ReplicationWaits.await;
import static dev.syncer.engine.testing.ReplicationWaits.info;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A primary that breaks the full sync: our replica reports it, keeps the data it had, and tries
 * again. The first connection is a good full sync (so there is data to keep); every later one is
 * broken in the way under test.
 */
class BrokenPrimaryIT {

    private static final String GOOD_ID = "a".repeat(40);
    private static final String OTHER_ID = "b".repeat(40);
    private static final String MARK = "0123456789abcdef0123456789abcdef01234567";

    enum Breakage {
        TRUNCATED_THEN_CLOSED, CORRUPT_CHECKSUM, CUT_MID_EOF_TRANSFER, NOT_A_BULK, ERROR_INSTEAD_OF_RDB, GARBAGE_RDB
    }

    private static void broken(FakePrimary.Conversation c, Breakage how, byte[] rdb) throws IOException {
        c.send("+FULLRESYNC " + OTHER_ID + " 500\r\n");
        switch (how) {
            case TRUNCATED_THEN_CLOSED -> {
                c.send("$" + rdb.length + "\r\n");
                c.send(Arrays.copyOf(rdb, rdb.length / 2));
                return; // closing the connection mid-payload
            }
            case CORRUPT_CHECKSUM -> {
                byte[] bad = rdb.clone();
                bad[bad.length - 3] ^= 0x5a;
                c.send("$" + bad.length + "\r\n");
                c.send(bad);
            }
            case CUT_MID_EOF_TRANSFER -> {
                c.send("$EOF:" + MARK + "\r\n");
                c.send(Arrays.copyOf(rdb, rdb.length - 10));
                return;
            }
            case NOT_A_BULK -> c.send("hello there\r\n");
            case ERROR_INSTEAD_OF_RDB -> c.send("-ERR no snapshot for you\r\n");
            case GARBAGE_RDB -> {
                byte[] junk = "REDIS0010\u00fa\u00ff\u00ff\u00ff\u00ffnonsense".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                c.send("$" + junk.length + "\r\n");
                c.send(junk);
            }
        }
        c.drain();
    }

    @ParameterizedTest
    @EnumSource(Breakage.class)
    void replicaKeepsItsDataAndRetriesWhenTheFullSyncBreaks(Breakage how) {
        byte[] rdb = FakePrimary.fullSyncRdb();
        try (FakePrimary primary = new FakePrimary(c -> {
                 c.handshake();
                 if (c.number() == 1) {
                     c.send("+FULLRESYNC " + GOOD_ID + " 0\r\n$" + rdb.length + "\r\n");
                     c.send(rdb);
                     c.send(RespClient.encode("SET", "kept", "yes"));
                     c.readUntil("REPLCONF"); // its first ACK: it has everything; now the link drops
                 } else {
                     broken(c, how, rdb);
                 }
             });
             TestShard replica = TestShard.start("replicaof", "127.0.0.1 " + primary.port(), "repl-timeout", "2")) {
            await("two failed attempts after the good one").until(() -> primary.connections() >= 3);
            Map<String, String> i = info(replica.port(), "replication");
            assertThat(i.get("master_link_status")).isEqualTo("down");
            assertThat(i.get("master_replid")).as("still the history it had").isEqualTo(GOOD_ID);
            try (RespClient r = replica.raw()) {
                assertThat(RespClient.text(r.call("GET", "kept"))).isEqualTo("yes");
            }
            assertThat(SyncEvents.read(replica.port())).anySatisfy(e -> assertThat(e.get("outcome")).startsWith("failed"));
            assertThat(primary.failures()).isEmpty();
        }
    }
}
