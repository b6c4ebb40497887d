package dev.syncer.engine.persistence;

import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.ShardProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Collection;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chaos: clients write to a shard process with the AOF on, the process is killed with SIGKILL at a
 * random moment, restarted on the same directory, and every write it acknowledged is looked for.
 * With {@code appendfsync always} none may be missing; with {@code everysec} at most one second's
 * worth (a process kill loses nothing there either, as the write() precedes the reply). Rounds:
 * {@code -Dchaos.rounds=N} (default 3 per policy, well under a minute).
 */
class KillNineChaosIT {

    private static final int ROUNDS = Integer.getInteger("chaos.rounds", 3);
    private static final int WRITERS = 4;

    private record Ack(String key, long atNanos) {
    }

    @Test
    void appendfsyncAlwaysLosesNoAcknowledgedWriteToKillNine(@TempDir Path dir) {
        Result r = rounds(dir, "always");
        System.out.printf("chaos appendfsync always: %d rounds, %d acknowledged writes, %d lost%n", ROUNDS, r.acked, r.lost);
        assertThat(r.acked).as("writes acknowledged").isGreaterThan(ROUNDS * 50L);
        assertThat(r.lost).as("acknowledged writes lost").isZero();
    }

    @Test
    void appendfsyncEverysecLosesAtMostOneSecondOfWritesToKillNine(@TempDir Path dir) {
        Result r = rounds(dir, "everysec");
        System.out.printf("chaos appendfsync everysec: %d rounds, %d acknowledged writes, %d lost (bound: %d, the last second's)%n",
                ROUNDS, r.acked, r.lost, r.lastSecond);
        assertThat(r.acked).as("writes acknowledged").isGreaterThan(ROUNDS * 50L);
        assertThat(r.lost).as("acknowledged writes lost").isLessThanOrEqualTo(r.lastSecond);
    }

    private record Result(long acked, long lost, long lastSecond) {
    }

    private static Result rounds(Path dir, String policy) {
        Random random = new Random();
        List<Ack> acked = new ArrayList<>();
        long lost = 0;
        long lastSecond = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Collection<Ack> acks;
            long[] killedAt = new long[1];
            try (ShardProcess shard = ShardProcess.start(dir, "--appendonly", "yes", "--appendfsync", policy)) {
                acks = ChaosWriters.<Ack>runThenKill(WRITERS, "r" + round, 100 + random.nextInt(1500),
                        (prefix, out, stop) -> write(shard.port(), prefix, out, stop), () -> {
                            killedAt[0] = System.nanoTime();
                            shard.kill();
                        }).acks;
            }
            acked.addAll(acks);
            for (Ack a : acks) {
                if (killedAt[0] - a.atNanos() <= TimeUnit.SECONDS.toNanos(1)) {
                    lastSecond++;
                }
            }
        }
        try (ShardProcess restarted = ShardProcess.start(dir, "--appendonly", "yes", "--appendfsync", policy);
             RespClient c = RespClient.connect(restarted.port())) {
            for (Ack a : acked) {
                if (!a.key().equals(RespClient.text(c.call("GET", a.key())))) {
                    lost++;
                }
            }
        }
        return new Result(acked.size(), lost, lastSecond);
    }

    /** SETs a new key after another; a key counts as acknowledged once its +OK arrived. */
    private static void write(int port, String prefix, ConcurrentLinkedQueue<Ack> acks, AtomicBoolean stop) {
        try (RespClient c = RespClient.connect(port)) {
            for (long i = 0; !stop.get(); i++) {
                String key = prefix + i;
                if ("OK".equals(c.call("SET", key, key))) {
                    acks.add(new Ack(key, System.nanoTime()));
                }
            }
        } catch (RuntimeException e) {
            // the process was killed under us: what was acknowledged so far is what counts
        }
    }
}
