package dev.syncer.engine.replication.primary;

import dev.syncer.engine.server.ClientSession;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.SyncEvents;
import dev.syncer.engine.testing.TestShard;
import io.netty.channel.ChannelOption;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.syncer.engine.testing.ReplicationWaits.await;
import static dev.syncer.engine.testing.ReplicationWaits.awaitInSync;
import static dev.syncer.engine.testing.ReplicationWaits.field;
import static dev.syncer.engine.testing.ReplicationWaits.info;
import static org.assertj.core.api.Assertions.assertThat;

/** WAIT, min-replicas, replica output limits, the live backlog size, legacy SYNC, ROLE. */
class PrimaryControlsIT {

    private static TestShard replicaOf(TestShard p) {
        return TestShard.start("replicaof", "127.0.0.1 " + p.port());
    }

    @Test
    void waitAnswersWhenReplicasAcknowledgeOrWhenItsTimeoutEnds() {
        try (TestShard p = TestShard.start("repl-diskless-sync-delay", "0"); TestShard r = replicaOf(p);
             RespClient c = p.raw()) {
            awaitInSync(p.port(), r.port());
            c.call("SET", "k", "v");
            assertThat(c.call("WAIT", "1", "5000")).isEqualTo(1L);
            long start = System.nanoTime();
            assertThat(c.call("WAIT", "2", "300")).as("only one replica exists").isEqualTo(1L);
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(250);
            assertThat(c.call("PING")).as("the parked client runs again").isEqualTo("PONG");
            c.call("MULTI");
            c.call("SET", "k", "w");
            c.call("WAIT", "5", "0");
            assertThat((List<?>) c.call("EXEC")).as("WAIT inside EXEC answers at once").hasSize(2);
            try (RespClient rc = r.raw()) {
                assertThat(RespClient.text(rc.call("WAIT", "1", "10"))).startsWith("Error[message=ERR WAIT cannot be used with replica instances.");
            }
        }
    }

    @Test
    void waitWaitsForTheCallersLastWriteNotThePrimarysOffset() throws Exception {
        try (TestShard p = TestShard.start("repl-diskless-sync-delay", "0");
             TestShard r = TestShard.start("replicaof", "127.0.0.1 " + p.port(), "enable-debug-command", "yes");
             RespClient writer = p.raw(); RespClient reader = p.raw(); RespClient sleeper = r.raw()) {
            awaitInSync(p.port(), r.port());
            reader.call("SET", "mine", "1");
            assertThat(reader.call("WAIT", "1", "5000")).isEqualTo(1L);
            // The replica stops acknowledging (its loop sleeps: the command is sent before the write,
            // which reaches the replica only through its primary); then another client writes.
            sleeper.send(RespClient.encode("DEBUG", "SLEEP", "3"));
            // Sent is not asleep: read in the same loop turn, the primary's stream may come first.
            await("the replica's loop asleep").until(() -> !answersPingWithin(r.port(), 300));
            writer.call("SET", "theirs", "1");
            assertThat(writer.call("WAIT", "1", "200")).as("the writer's write is not acknowledged yet").isEqualTo(0L);
            long start = System.nanoTime();
            assertThat(reader.call("WAIT", "1", "1500")).as("the reader's own write was acknowledged before").isEqualTo(1L);
            assertThat((System.nanoTime() - start) / 1_000_000).as("answered at once").isLessThan(1000);
            assertThat(sleeper.read()).isEqualTo("OK");
        }
    }

    /** Whether the shard's one loop answers a PING from a new connection within {@code millis}. */
    private static boolean answersPingWithin(int port, int millis) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(millis);
            s.getOutputStream().write(RespClient.encode("PING"));
            return s.getInputStream().read() >= 0;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        }
    }

    @Test
    void writesAreRefusedWithoutEnoughGoodReplicas() {
        try (TestShard p = TestShard.start("repl-diskless-sync-delay", "0"); TestShard r = replicaOf(p);
             RespClient c = p.raw()) {
            awaitInSync(p.port(), r.port());
            c.call("CONFIG", "SET", "min-replicas-to-write", "2");
            assertThat(c.call("SET", "k", "v")).isEqualTo(new RespClient.Error("NOREPLICAS Not enough good replicas to write."));
            assertThat(field(p.port(), "replication", "min_slaves_good_slaves")).isEqualTo("1");
            assertThat(c.call("GET", "k")).as("reads are fine").isNull();
            c.call("CONFIG", "SET", "min-replicas-to-write", "1");
            assertThat(c.call("SET", "k", "v")).isEqualTo("OK");
        }
    }

    @Test
    void aReplicaThatDoesNotReadIsDroppedAtTheHardOutputLimit() throws IOException {
        try (TestShard p = TestShard.start("repl-diskless-sync", "no"); RespClient c = p.raw(); Socket slow = new Socket()) {
            c.call("CONFIG", "SET", "client-output-buffer-limit", "replica 256kb 0 0");
            slow.setReceiveBufferSize(4096);
            slow.connect(new InetSocketAddress("127.0.0.1", p.port()));
            slow.getOutputStream().write(RespClient.encode("PSYNC", "?", "-1"));
            await("replica attached").until(() -> "1".equals(field(p.port(), "replication", "connected_slaves")));
            String big = "x".repeat(100_000);
            for (int i = 0; i < 200 && "1".equals(field(p.port(), "replication", "connected_slaves")); i++) {
                c.call("SET", "big" + (i % 10), big);
            }
            await("slow replica dropped").until(() -> "0".equals(field(p.port(), "replication", "connected_slaves")));
            assertThat(c.call("CONFIG", "GET", "client-output-buffer-limit").toString()).isNotNull();
        }
    }

    @Test
    void thePrimaryPingsItsReplicasEveryPingPeriodAndTheOffsetCountsIt() {
        try (TestShard p = TestShard.start("repl-diskless-sync-delay", "0", "repl-ping-replica-period", "1");
             TestShard r = replicaOf(p)) {
            awaitInSync(p.port(), r.port());
            long before = Long.parseLong(field(p.port(), "replication", "master_repl_offset"));
            await("two pings").until(() -> Long.parseLong(field(p.port(), "replication", "master_repl_offset")) >= before + 28);
            long now = Long.parseLong(field(p.port(), "replication", "master_repl_offset"));
            assertThat((now - before) % 14).as("only 14-byte *1 $4 ping commands").isZero();
            awaitInSync(p.port(), r.port());
        }
    }

    @Test
    void aReplicaSilentForReplTimeoutIsDropped() throws IOException {
        try (TestShard p = TestShard.start("repl-diskless-sync", "no", "repl-timeout", "1");
             Socket silent = new Socket("127.0.0.1", p.port())) {
            silent.getOutputStream().write(RespClient.encode("PSYNC", "?", "-1")); // then never an ACK
            await("online").until(() -> field(p.port(), "replication", "slave0") != null
                    && field(p.port(), "replication", "slave0").contains("state=online"));
            await("dropped after repl-timeout").until(() -> "0".equals(field(p.port(), "replication", "connected_slaves")));
        }
    }

    @Test
    void aReplicaSendingNewlinesWhileItLoadsIsNotDroppedForReplTimeout() throws IOException {
        try (TestShard p = TestShard.start("repl-diskless-sync", "no", "repl-timeout", "1");
             Socket loading = new Socket("127.0.0.1", p.port())) {
            loading.getOutputStream().write(RespClient.encode("PSYNC", "?", "-1")); // then only newlines, no ACK
            await("online").until(() -> field(p.port(), "replication", "slave0") != null
                    && field(p.port(), "replication", "slave0").contains("state=online"));
            // three times repl-timeout, a newline at every look: processInlineBuffer's refresh of repl_ack_time
            await("still attached while it sends newlines").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> {
                loading.getOutputStream().write('\n');
                return "1".equals(field(p.port(), "replication", "connected_slaves"));
            });
            await("dropped once the newlines stop").until(() -> "0".equals(field(p.port(), "replication", "connected_slaves")));
        }
    }

    @Test
    void aReplicaOverTheSoftLimitForItsSecondsIsDropped() throws IOException {
        try (TestShard p = TestShard.start("repl-diskless-sync", "no"); RespClient c = p.raw(); Socket slow = new Socket()) {
            c.call("CONFIG", "SET", "client-output-buffer-limit", "replica 0 128kb 1");
            slow.setReceiveBufferSize(4096);
            slow.connect(new InetSocketAddress("127.0.0.1", p.port()));
            slow.getOutputStream().write(RespClient.encode("PSYNC", "?", "-1"));
            await("replica attached").until(() -> "1".equals(field(p.port(), "replication", "connected_slaves")));
            String big = "x".repeat(100_000);
            for (int i = 0; i < 60; i++) {
                c.call("SET", "big" + (i % 10), big);
            }
            await("slow replica dropped").until(() -> "0".equals(field(p.port(), "replication", "connected_slaves")));
        }
    }

    @Test
    void keepaliveNewlinesPrecedeADelayedDisklessSyncAndAReplicaWithoutEofGetsDiskFraming() throws IOException {
        try (TestShard p = TestShard.start("repl-diskless-sync", "yes", "repl-diskless-sync-delay", "2");
             Socket eof = new Socket("127.0.0.1", p.port()); Socket plain = new Socket("127.0.0.1", p.port())) {
            eof.setSoTimeout(10_000);
            plain.setSoTimeout(10_000);
            eof.getOutputStream().write(RespClient.encode("REPLCONF", "capa", "eof", "capa", "psync2"));
            InputStream in = eof.getInputStream();
            assertThat(readHeader(in)).isEqualTo("+OK"); // read before PSYNC: a PSYNC behind an unsent reply is refused
            eof.getOutputStream().write(RespClient.encode("PSYNC", "?", "-1"));
            int newlines = 0;
            int b;
            while ((b = in.read()) == '\n') {
                newlines++;
            }
            assertThat(newlines).as("keepalives while the diskless delay runs").isPositive();
            assertThat((char) b).isEqualTo('+');
            assertThat(readHeader(in)).startsWith("FULLRESYNC ");
            assertThat(readHeader(in)).matches("\\$EOF:[0-9a-f]{40}");

            plain.getOutputStream().write(RespClient.encode("PSYNC", "?", "-1")); // no capa eof
            InputStream pin = plain.getInputStream();
            assertThat(readHeader(pin)).startsWith("+FULLRESYNC ");
            assertThat(readHeader(pin)).matches("\\$\\d+");
        }
    }

    @Test
    void theBacklogCanBeResizedLive() {
        try (TestShard p = TestShard.start("repl-diskless-sync-delay", "0"); TestShard r = replicaOf(p);
             RespClient c = p.raw()) {
            awaitInSync(p.port(), r.port());
            for (int i = 0; i < 2000; i++) {
                c.call("SET", "k" + i, "v".repeat(100));
            }
            long before = Long.parseLong(field(p.port(), "replication", "repl_backlog_histlen"));
            assertThat(before).isGreaterThan(200_000);
            awaitInSync(p.port(), r.port()); // the replica stands in the last block: the rest is the backlog's
            c.call("CONFIG", "SET", "repl-backlog-size", "16kb");
            Map<String, String> i = info(p.port(), "replication");
            assertThat(i.get("repl_backlog_size")).isEqualTo("16384");
            // Redis 7 lets go of whole blocks (here 64 KB, a sixteenth of the 1 MB it had) while
            // the rest still holds more than the size
            assertThat(Long.parseLong(i.get("repl_backlog_histlen"))).isBetween(16384L, 16384L + 65536);
            assertThat(Long.parseLong(i.get("repl_backlog_first_byte_offset")))
                    .isEqualTo(Long.parseLong(i.get("master_repl_offset")) - Long.parseLong(i.get("repl_backlog_histlen")) + 1);
            c.call("CONFIG", "SET", "repl-backlog-size", "100");
            assertThat(RespClient.text(((List<?>) c.call("CONFIG", "GET", "repl-backlog-size")).get(1))).isEqualTo("16384");
        }
    }

    @Test
    void legacySyncGetsTheRdbWithoutAFullresyncLineThenTheStream() throws IOException {
        try (TestShard p = TestShard.start("repl-diskless-sync", "no"); RespClient c = p.raw();
             Socket s = new Socket("127.0.0.1", p.port())) {
            c.call("SET", "before", "1");
            s.setSoTimeout(10_000);
            s.getOutputStream().write("SYNC\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String header = readHeader(in);
            assertThat(header).matches("\\$\\d+");
            byte[] rdb = in.readNBytes(Integer.parseInt(header.substring(1)));
            assertThat(new String(rdb, 0, 9, StandardCharsets.US_ASCII)).isEqualTo("REDIS0010");
            c.call("SET", "after", "2");
            String stream = new String(in.readNBytes(23 + 31), StandardCharsets.US_ASCII);
            assertThat(stream).isEqualTo("*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*3\r\n$3\r\nSET\r\n$5\r\nafter\r\n$1\r\n2\r\n");
        }
    }

    @Test
    void anRdbOnlyClientGetsTheSnapshotAndIsThenClosed() throws IOException {
        try (TestShard p = TestShard.start("repl-diskless-sync", "no"); RespClient c = p.raw();
             Socket s = new Socket("127.0.0.1", p.port())) {
            c.call("SET", "k", "v");
            s.setSoTimeout(10_000);
            s.getOutputStream().write(RespClient.encode("REPLCONF", "rdb-only", "1"));
            InputStream in = s.getInputStream();
            assertThat(readHeader(in)).isEqualTo("+OK"); // read before PSYNC: a PSYNC behind an unsent reply is refused
            s.getOutputStream().write(RespClient.encode("PSYNC", "?", "-1"));
            assertThat(readHeader(in)).startsWith("+FULLRESYNC ");
            String header = readHeader(in);
            byte[] rdb = in.readNBytes(Integer.parseInt(header.substring(1)));
            assertThat(new String(rdb, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("REDIS");
            c.call("SET", "after", "1");
            assertThat(in.read()).as("closed, with no stream").isEqualTo(-1);
        }
    }

    /** Skips keepalive newlines and returns the "$len" line. */
    private static String readHeader(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                if (!line.isEmpty()) {
                    return line.toString().replace("\r", "");
                }
            } else {
                line.append((char) b);
            }
        }
        throw new IOException("closed");
    }

    @Test
    void disklessReplicasArrivingTogetherShareOneSnapshot() {
        // A 60 s delay, but max-replicas 2: the snapshot starts as soon as both wait, and only then.
        try (TestShard p = TestShard.start("repl-diskless-sync-delay", "60", "repl-diskless-sync-max-replicas", "2");
             TestShard r1 = replicaOf(p)) {
            await("first replica waits").until(() -> info(p.port(), "replication").getOrDefault("slave0", "").contains("state=wait_bgsave"));
            try (TestShard r2 = replicaOf(p)) {
                awaitInSync(p.port(), r1.port());
                awaitInSync(p.port(), r2.port());
                // a sync is recorded once its replica's first ACK arrives, which may follow being in sync
                await("both full syncs recorded").until(() -> SyncEvents.side(p.port(), "primary").size() >= 2);
                List<Map<String, String>> served = SyncEvents.side(p.port(), "primary");
                assertThat(served).hasSize(2).allSatisfy(e -> assertThat(e.get("type")).isEqualTo("full"));
                assertThat(served.get(0).get("offset")).isEqualTo(served.get(1).get("offset"));
            }
        }
    }

    @Test
    void replDisableTcpNodelayTurnsNagleOnOnThePrimarysSideOfAFullySyncedReplica() throws Exception {
        try (TestShard p = TestShard.start("repl-diskless-sync-delay", "0", "repl-disable-tcp-nodelay", "yes");
             TestShard r = TestShard.start("replicaof", "127.0.0.1 " + p.port(), "repl-disable-tcp-nodelay", "yes")) {
            awaitInSync(p.port(), r.port());
            assertThat(tcpNoDelay(p, ClientSession.Kind.REPLICA)).as("the primary's socket to its replica").isFalse();
            assertThat(tcpNoDelay(r, ClientSession.Kind.MASTER)).as("the replica's own socket keeps it").isTrue();
        }
    }

    /** TCP_NODELAY of the one connection of {@code kind}, read on the shard's loop. */
    private static boolean tcpNoDelay(TestShard s, ClientSession.Kind kind) throws Exception {
        return s.shard().loop().submit(() -> {
            for (ClientSession c : s.shard().clients()) {
                if (c.kind() == kind && c.channel() != null) {
                    return c.channel().config().getOption(ChannelOption.TCP_NODELAY);
                }
            }
            throw new AssertionError("no " + kind + " connection");
        }).get();
    }

    @Test
    void roleListsOnlineReplicasWithTheirAckedOffsets() {
        try (TestShard p = TestShard.start("repl-diskless-sync-delay", "0"); TestShard r = replicaOf(p);
             RespClient c = p.raw(); RespClient rc = r.raw()) {
            awaitInSync(p.port(), r.port());
            await("ack").until(() -> ((List<?>) ((List<?>) c.call("ROLE")).get(2)).size() == 1);
            List<?> role = (List<?>) c.call("ROLE");
            assertThat(RespClient.text(role.get(0))).isEqualTo("master");
            List<?> replica = (List<?>) ((List<?>) role.get(2)).get(0);
            assertThat(RespClient.text(replica.get(0))).isEqualTo("127.0.0.1");
            assertThat(RespClient.text(replica.get(1))).isEqualTo(Integer.toString(r.port()));
            List<?> mine = (List<?>) rc.call("ROLE");
            assertThat(mine).hasSize(5);
            assertThat(RespClient.text(mine.get(0))).isEqualTo("slave");
            assertThat(mine.get(2)).isEqualTo((long) p.port());
            assertThat(RespClient.text(mine.get(3))).isEqualTo("connected");
        }
    }

    @Test
    void aSlowedSnapshotForReplicasCountsAsABgsaveInProgress() {
        // rdb-key-save-delay slows the replicas' snapshot as it slows BGSAVE (the suite relies on it)
        try (TestShard p = TestShard.start("repl-diskless-sync-delay", "0", "rdb-key-save-delay", "400000");
             RespClient c = p.raw()) {
            c.call("MSET", "a", "1", "b", "2", "c", "3", "d", "4");
            try (TestShard r = replicaOf(p); RespClient rc = r.raw()) {
                await("the snapshot runs").until(() -> "1".equals(field(p.port(), "persistence", "rdb_bgsave_in_progress")));
                assertThat(RespClient.text(((List<?>) rc.call("ROLE")).get(3))).isEqualTo("sync");
                assertThat(Long.parseLong(field(p.port(), "memory", "mem_total_replication_buffers"))).isNotNegative();
                awaitInSync(p.port(), r.port());
                assertThat(field(p.port(), "persistence", "rdb_bgsave_in_progress")).isEqualTo("0");
                assertThat(rc.call("DBSIZE")).isEqualTo(4L);
            }
        }
    }

    @Test
    void theReplicasSnapshotIsWrittenWithRdbcompression() throws IOException {
        try (TestShard p = TestShard.start("repl-diskless-sync", "no", "rdbcompression", "no"); RespClient c = p.raw()) {
            c.call("DEBUG", "POPULATE", "100", "key", "10000"); // padded values: LZF would shrink them to a few KB
            try (TestShard r = replicaOf(p)) {
                awaitInSync(p.port(), r.port());
                assertThat(java.nio.file.Files.size(r.dir().resolve("dump.rdb"))).as("the received RDB, kept").isGreaterThan(1_000_000);
            }
        }
    }

    @Test
    void aReplicasConnectionThatSendsAnythingButReplconfIsClosedUnanswered() throws IOException {
        try (TestShard p = TestShard.start("repl-diskless-sync", "no");
             Socket s = new Socket("127.0.0.1", p.port())) {
            s.setSoTimeout(10_000); // an answered GET would leave the connection open: the read below would time out
            s.getOutputStream().write("SYNC\r\nGET foo\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            StringBuilder got = new StringBuilder();
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) >= 0; ) {
                got.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            }
            assertThat(got.toString()).doesNotContain("$-1\r\n").doesNotContain("-ERR");
            try (RespClient c = p.raw()) {
                assertThat(c.call("PING")).isEqualTo("PONG");
            }
        }
    }
}
