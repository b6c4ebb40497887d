package dev.syncer.engine.replication.failover;

import dev.syncer.engine.testing.Datasets;
import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.syncer.engine.testing.ReplicationWaits.await;
import static dev.syncer.engine.testing.ReplicationWaits.awaitInSync;
import static dev.syncer.engine.testing.ReplicationWaits.digest;
import static dev.syncer.engine.testing.ReplicationWaits.field;
import static org.assertj.core.api.Assertions.assertThat;

/** FAILOVER: Redis 7.0's checks, an abort on timeout, and switchovers with redis-server on either side. */
class FailoverIT {

    private static RespClient.Error err(String m) {
        return new RespClient.Error(m);
    }

    @Test
    void failoverRefusesWhatRedisRefuses() {
        try (TestShard p = TestShard.start("repl-diskless-sync-delay", "0"); RespClient c = p.raw()) {
            assertThat(c.call("FAILOVER")).isEqualTo(err("ERR FAILOVER requires connected replicas."));
            assertThat(c.call("FAILOVER", "ABORT")).isEqualTo(err("ERR No failover in progress."));
            assertThat(c.call("FAILOVER", "TIMEOUT", "0")).isEqualTo(err("ERR FAILOVER timeout must be greater than 0"));
            assertThat(c.call("FAILOVER", "BOGUS")).isEqualTo(err("ERR syntax error"));
            try (TestShard r = TestShard.start("replicaof", "127.0.0.1 " + p.port()); RespClient rc = r.raw()) {
                awaitInSync(p.port(), r.port());
                assertThat(c.call("FAILOVER", "TO", "127.0.0.1", "1", "FORCE"))
                        .isEqualTo(err("ERR FAILOVER with force option requires both a timeout and target HOST and IP."));
                assertThat(c.call("FAILOVER", "TO", "127.0.0.1", "1")).isEqualTo(err("ERR FAILOVER target HOST and PORT is not a replica."));
                assertThat(rc.call("FAILOVER")).isEqualTo(err("ERR FAILOVER is not valid when server is a replica."));
            }
        }
    }

    @Test
    void aFailoverWhoseTargetNeverCatchesUpIsAbortedAtItsTimeoutAndWritesResume() throws Exception {
        try (TestShard p = TestShard.start("repl-diskless-sync", "no"); RespClient c = p.raw();
             Socket silent = new Socket("127.0.0.1", p.port())) {
            silent.getOutputStream().write(RespClient.encode("REPLCONF", "listening-port", "7777"));
            // its +OK read before PSYNC, as a replica does: a PSYNC behind an unsent reply is refused
            assertThat(new String(silent.getInputStream().readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("+OK\r\n");
            silent.getOutputStream().write(RespClient.encode("PSYNC", "?", "-1")); // and never an ACK
            await("online").until(() -> field(p.port(), "replication", "slave0").contains("state=online"));
            c.call("SET", "k", "1");
            assertThat(c.call("FAILOVER", "TO", "127.0.0.1", "7777", "TIMEOUT", "500")).isEqualTo("OK");
            assertThat(field(p.port(), "replication", "master_failover_state")).isEqualTo("waiting-for-sync");
            assertThat(c.call("REPLICAOF", "NO", "ONE")).isEqualTo(err("ERR REPLICAOF not allowed while failing over."));
            assertThat(c.call("FAILOVER")).isEqualTo(err("ERR FAILOVER already in progress."));
            try (RespClient writer = p.raw()) {
                CompletableFuture<Object> paused = CompletableFuture.supplyAsync(() -> writer.call("SET", "k", "2"));
                assertThat(c.call("GET", "k")).as("reads are not paused").isNotNull();
                assertThat(paused.get(10, TimeUnit.SECONDS)).as("the write ran once the failover was aborted").isEqualTo("OK");
            }
            assertThat(field(p.port(), "replication", "master_failover_state")).isEqualTo("no-failover");
            assertThat(field(p.port(), "replication", "role")).isEqualTo("master");
        }
    }

    @Test
    void realRedisPrimaryFailsOverToOurReplica() {
        try (RealRedis real = RealRedis.start("--enable-debug-command", "local", "--repl-diskless-sync-delay", "0");
             TestShard ours = TestShard.start("replicaof", "127.0.0.1 " + real.port(), "repl-diskless-sync-delay", "0");
             RespClient r = real.raw()) {
            Datasets.everyType(real.port(), "x");
            awaitInSync(real.port(), ours.port());
            String oldId = field(real.port(), "replication", "master_replid");
            assertThat(r.call("FAILOVER", "TO", "127.0.0.1", Integer.toString(ours.port()))).isEqualTo("OK");
            await("ours promoted").until(() -> "master".equals(field(ours.port(), "replication", "role")));
            awaitInSync(ours.port(), real.port());
            assertThat(field(ours.port(), "replication", "master_replid2")).isEqualTo(oldId);
            assertThat(field(real.port(), "stats", "sync_full")).as("redis served one full sync, received none").isEqualTo("1");
            assertThat(real.log()).contains("Successful partial resynchronization with master.");
            Datasets.everyType(ours.port(), "y");
            awaitInSync(ours.port(), real.port());
            assertThat(digest(real.port())).isEqualTo(digest(ours.port()));
        }
    }

    @Test
    void ourPrimaryFailsOverToARealReplica() throws IOException {
        try (TestShard ours = TestShard.start("repl-diskless-sync-delay", "0");
             RealRedis real = RealRedis.start("--enable-debug-command", "local", "--replicaof", "127.0.0.1", Integer.toString(ours.port()));
             RespClient c = ours.raw()) {
            Datasets.everyType(ours.port(), "x");
            awaitInSync(ours.port(), real.port());
            String oldId = field(ours.port(), "replication", "master_replid");
            assertThat(c.call("FAILOVER", "TO", "127.0.0.1", Integer.toString(real.port()))).isEqualTo("OK");
            await("redis promoted").until(() -> "master".equals(field(real.port(), "replication", "role")));
            awaitInSync(real.port(), ours.port());
            assertThat(field(ours.port(), "replication", "master_replid2")).isEqualTo(oldId);
            assertThat(field(ours.port(), "replication", "master_failover_state")).isEqualTo("no-failover");
            assertThat(real.log()).contains("MASTER MODE enabled (failover request from");
            Datasets.everyType(real.port(), "y");
            awaitInSync(real.port(), ours.port());
            assertThat(digest(real.port())).isEqualTo(digest(ours.port()));
        }
    }

    /**
     * FAILOVER pauses writes through CLIENT PAUSE's mechanism (Redis's pauseClients(PAUSE_DURING_FAILOVER,
     * LLONG_MAX, CLIENT_PAUSE_WRITE)): the parked count in blocked_clients, may-replicate commands wait
     * too, and the failover's end keeps a user's own pause.
     */
    @Test
    void aFailoverPausesAsClientPauseDoesAndItsEndKeepsAUsersPause() throws Exception {
        try (TestShard p = TestShard.start("repl-diskless-sync", "no"); RespClient c = p.raw(); RespClient writer = p.raw();
             RespClient publisher = p.raw(); Socket silent = new Socket("127.0.0.1", p.port())) {
            int port = p.port();
            silent.getOutputStream().write(RespClient.encode("REPLCONF", "listening-port", "7777"));
            assertThat(new String(silent.getInputStream().readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("+OK\r\n");
            silent.getOutputStream().write(RespClient.encode("PSYNC", "?", "-1")); // and never an ACK
            await("online").until(() -> field(port, "replication", "slave0").contains("state=online"));
            c.call("SET", "k", "1");
            assertThat(c.call("FAILOVER", "TO", "127.0.0.1", "7777", "TIMEOUT", "1500")).isEqualTo("OK");
            publisher.send(RespClient.encode("PUBLISH", "ch", "m"));
            await("PUBLISH parked").until(() -> field(port, "clients", "blocked_clients").equals("1"));
            assertThat(c.call("CLIENT", "PAUSE", "60000", "WRITE")).isEqualTo("OK"); // a user's own, under the failover's
            writer.send(RespClient.encode("SET", "k", "2"));
            await("SET parked").until(() -> field(port, "clients", "blocked_clients").equals("2"));

            await("aborted at its timeout").until(() -> field(port, "replication", "master_failover_state").equals("no-failover"));
            assertThat(field(port, "clients", "blocked_clients")).as("the user's pause still holds").isEqualTo("2");
            assertThat(c.call("GET", "k")).as("reads go on").isEqualTo("1".getBytes());

            assertThat(c.call("CLIENT", "UNPAUSE")).isEqualTo("OK");
            assertThat(writer.read()).isEqualTo("OK");
            assertThat(publisher.read()).isEqualTo(0L);
            assertThat(field(port, "clients", "blocked_clients")).isEqualTo("0");
        }
    }
}
