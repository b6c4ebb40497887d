package dev.syncer.engine.security;

import dev.syncer.engine.testing.ReplicationWaits;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks on a shard's connections: idle and half-sent clients held forever, a bulk that never ends,
 * a client that never reads its replies (off-heap buffers grew until OutOfDirectMemoryError), and
 * more connections than maxclients. Each limit now closes or refuses the offender alone.
 */
class ClientLimitsIT {

    private static final int VALUE_BYTES = 100_000;
    private static final int PIPELINED_GETS = 200; // 20 MB of replies nobody reads

    @Test
    void idleAndHalfSentClientsAreClosedAfterTimeout() {
        try (TestShard shard = TestShard.start("timeout", "1");
             RespClient idle = shard.raw();
             RespClient halfSent = shard.raw()) {
            Bystander bystander = Bystander.on(shard);
            halfSent.send("*2\r\n$3\r\nGET\r\n$5\r\nab");
            assertThat(idle.isClosedByServer()).isTrue();
            assertThat(halfSent.isClosedByServer()).isTrue();
            bystander.assertServedAndDataIntact();
        }
    }

    @Test
    void aBulkBeyondTheQueryBufferLimitClosesItsClient() throws IOException {
        try (TestShard shard = TestShard.start("client-query-buffer-limit", "1mb");
             RespClient flooder = shard.raw()) {
            Bystander bystander = Bystander.on(shard);
            flooder.send("*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$4000000\r\n");
            byte[] chunk = new byte[64 * 1024];
            try {
                for (int i = 0; i < 32; i++) { // 2 MB of the 4 MB announced
                    flooder.send(chunk);
                }
            } catch (RuntimeException closedWhileSending) {
                // the shard may close the socket before every chunk is written
            }
            assertThat(flooder.isClosedByServer()).isTrue();
            bystander.assertServedAndDataIntact();
        }
    }

    @Test
    void aClientThatNeverReadsIsClosedAtTheHardOutputLimit() throws IOException {
        sleeperIsClosed("normal 4mb 0 0", watcher -> { });
    }

    @Test
    void aClientAboveTheSoftOutputLimitShowsItsOmemThenIsClosed() throws IOException {
        sleeperIsClosed("normal 0 1mb 1", watcher -> ReplicationWaits.await("the sleeper's omem above the soft limit")
                .until(() -> RespClient.text(watcher.call("CLIENT", "LIST")).lines()
                        .anyMatch(l -> l.contains("cmd=get") && omem(l) > 1024 * 1024)));
    }

    /** Under the given limits a never-reading client is closed (after what the watcher checks), alone. */
    private static void sleeperIsClosed(String limits, Consumer<RespClient> whileConnected) throws IOException {
        try (TestShard shard = TestShard.start("client-output-buffer-limit", limits)) {
            writeValue(shard);
            Bystander bystander = Bystander.on(shard);
            try (RespClient watcher = shard.raw()) {
                int before = connectedClients(shard);
                try (Socket sleeper = neverReading(shard)) {
                    whileConnected.accept(watcher);
                    ReplicationWaits.awaitField(shard.port(), "clients", "connected_clients",
                            v -> Integer.parseInt(v) == before);
                }
            }
            bystander.assertServedAndDataIntact();
        }
    }

    @Test
    void anUnauthenticatedClientThatNeverReadsIsClosedPastOneKilobyteOfReplies() throws IOException {
        try (TestShard shard = TestShard.start("requirepass", "secret");
             Socket attacker = new Socket()) {
            attacker.setReceiveBufferSize(4096);
            attacker.connect(new InetSocketAddress("127.0.0.1", shard.port()), 5000);
            CompletableFuture<Integer> flood = CompletableFuture.supplyAsync(() -> noauthFlood(attacker));
            ReplicationWaits.await("the never-reading unauthenticated client closed").until(flood::isDone);
            assertThat(flood.join()).as("batches written before the shard closed the connection").isLessThan(FLOOD_BATCHES);
            try (RespClient c = shard.raw()) {
                assertThat(c.call("AUTH", "secret")).isEqualTo("OK");
                assertThat(c.call("PING")).isEqualTo("PONG");
            }
        }
    }

    private static final int FLOOD_BATCHES = 1000; // 1000 x 1000 SETs: ~32 MB of NOAUTH errors if never closed

    /** As auth.tcl: SETs refused with NOAUTH, never read; the batches written until the write fails. */
    private static int noauthFlood(Socket s) {
        byte[] batch = RespClient.encode("SET", "x", "5");
        byte[] many = new byte[batch.length * 1000];
        for (int i = 0; i < 1000; i++) {
            System.arraycopy(batch, 0, many, i * batch.length, batch.length);
        }
        int written = 0;
        try {
            OutputStream out = s.getOutputStream();
            for (; written < FLOOD_BATCHES; written++) {
                out.write(many);
                out.flush();
            }
        } catch (IOException closedByTheShard) {
            // what the attack should meet
        }
        return written;
    }

    @Test
    void connectionsBeyondMaxclientsAreRefusedWithRedissError() {
        try (TestShard shard = TestShard.start("maxclients", "2");
             RespClient first = shard.raw();
             RespClient second = shard.raw();
             RespClient third = shard.raw()) {
            assertThat(first.call("PING")).isEqualTo("PONG");
            assertThat(third.read()).isEqualTo(new RespClient.Error("ERR max number of clients reached"));
            assertThat(second.call("PING")).isEqualTo("PONG");
        }
    }

    private static void writeValue(TestShard shard) {
        try (RespClient c = shard.raw()) {
            assertThat(c.call("SET", "value", "x".repeat(VALUE_BYTES))).isEqualTo("OK");
        }
    }

    /** A connection with a small receive window that pipelines large GETs and never reads a reply. */
    private static Socket neverReading(TestShard shard) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new InetSocketAddress("127.0.0.1", shard.port()), 5000);
        OutputStream out = s.getOutputStream();
        byte[] get = RespClient.encode("GET", "value");
        for (int i = 0; i < PIPELINED_GETS; i++) {
            out.write(get);
        }
        out.flush();
        return s;
    }

    private static int connectedClients(TestShard shard) {
        return Integer.parseInt(ReplicationWaits.field(shard.port(), "clients", "connected_clients"));
    }

    private static long omem(String clientLine) {
        for (String field : clientLine.split(" ")) {
            if (field.startsWith("omem=")) {
                return Long.parseLong(field.substring(5));
            }
        }
        return 0;
    }
}
