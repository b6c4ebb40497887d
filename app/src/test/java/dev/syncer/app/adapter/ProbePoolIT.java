package dev.syncer.app.adapter;

import dev.syncer.app.monitor.RedisProbe;
import dev.syncer.app.monitor.Target;
import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.ReplicationWaits;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over a real deployment a server that takes the TCP connection and never answers (a hung host)
 * does not hold up the round: the others' samples come at once, the silent one's says so.
 */
class ProbePoolIT {

    @Test
    void aServerThatNeverAnswersDoesNotHoldUpTheOthers() throws IOException {
        // the kernel completes the handshake for connections in the backlog: nothing ever replies
        try (RealRedis redis = RealRedis.start();
             ServerSocket silent = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
             ProbePool probes = ProbePool.overNetwork()) {
            Target answering = Target.of("127.0.0.1", redis.port());
            Target hung = Target.of("127.0.0.1", silent.getLocalPort());

            // connected first: a fresh JVM's first login can itself take longer than a round on a busy machine
            ReplicationWaits.await("the console's first answer from redis-server")
                    .until(() -> probes.poll(List.of(answering)).get(0).reachable());

            long start = System.nanoTime();
            List<RedisProbe.Sample> round = probes.poll(List.of(answering, hung));
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(round.get(0).reachable()).isTrue();
            assertThat(round.get(0).info().get("role")).isEqualTo("master");
            assertThat(round.get(1).reachable()).isFalse();
            assertThat(round.get(1).error()).startsWith("no answer within");
            assertThat(millis).as("the round waited for the hung server no longer than ROUND_WAIT and a margin")
                    .isLessThan(ProbePool.ROUND_WAIT.toMillis() + 2_000);

            RedisProbe.Sample again = probes.poll(List.of(answering, hung)).get(1);
            assertThat(again.reachable()).as("the hung poll goes on; it is not started twice").isFalse();
        }
    }

    @Test
    void aRoundWithoutAWaitThatIsInterruptedSaysSoForTheServersThatHaveNotAnswered() throws IOException {
        // how the lab's pool (which waits for every answer) ends when the console closes
        try (ServerSocket silent = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
             ProbePool probes = new ProbePool()) {
            Thread.currentThread().interrupt();
            List<RedisProbe.Sample> round = probes.poll(List.of(Target.of("127.0.0.1", silent.getLocalPort())));
            assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
            assertThat(round.get(0).reachable()).isFalse();
            assertThat(round.get(0).error()).isEqualTo("no answer before the round was interrupted");
        }
    }
}
