package dev.syncer.engine.persistence;

import dev.syncer.engine.testing.LabProcess;
import dev.syncer.engine.testing.RespClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chaos on the lab: writes to the plain database acknowledged by its primary and one replica
 * (WAIT 1), the lab process killed with SIGKILL at a random moment and started again on the same
 * data directory: every acknowledged write is there. Rounds: {@code -Dchaos.lab.rounds=N} (default 2).
 */
class LabKillNineChaosIT {

    private static final int ROUNDS = Integer.getInteger("chaos.lab.rounds", 2);

    @Test
    void theLabComesBackWithEveryWriteAcknowledgedWithWaitAfterKillNine(@TempDir Path data) {
        Random random = new Random();
        List<String> acked = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            try (LabProcess lab = LabProcess.start("--data", data.toString(), "--appendfsync", "always")) {
                int proxy = lab.port("cache", "proxy");
                acked.addAll(ChaosWriters.<String>runThenKill(2, "r" + round, 30 + random.nextInt(200),
                        (prefix, out, stop) -> write(proxy, prefix, out, stop), lab::kill).acks);
            }
        }
        long lost = 0;
        try (LabProcess lab = LabProcess.start("--data", data.toString());
             RespClient c = RespClient.connect(lab.port("cache", "proxy"))) {
            for (String key : acked) {
                if (!key.equals(RespClient.text(c.call("GET", key)))) {
                    lost++;
                }
            }
        }
        System.out.printf("chaos lab (appendfsync always, WAIT 1): %d rounds, %d acknowledged writes, %d lost%n",
                ROUNDS, acked.size(), lost);
        assertThat(acked).as("writes acknowledged").hasSizeGreaterThan(ROUNDS * 20);
        assertThat(lost).as("acknowledged writes lost").isZero();
    }

    private static void write(int port, String prefix, ConcurrentLinkedQueue<String> acks, AtomicBoolean stop) {
        try (RespClient c = RespClient.connect(port)) {
            for (long i = 0; !stop.get(); i++) {
                String key = prefix + i;
                if ("OK".equals(c.call("SET", key, key)) && c.call("WAIT", "1", "1000") instanceof Long n && n >= 1) {
                    acks.add(key);
                }
            }
        } catch (RuntimeException e) {
            // the lab was killed under us
        }
    }
}
