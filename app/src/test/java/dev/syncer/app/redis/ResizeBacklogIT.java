package dev.syncer.app.redis;

import dev.syncer.app.adapter.Hub;
import dev.syncer.app.adapter.ProbePool;
import dev.syncer.app.monitor.Target;
import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.ReplicationWaits;
import dev.syncer.views.model.port.Operation;
import dev.syncer.views.model.port.OperationRequest;
import dev.syncer.views.model.port.OperationResult;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CONFIG SET repl-backlog-size on a real redis-server: the runway it buys, and Redis's refusal verbatim. */
class ResizeBacklogIT {

    @Test
    void resizingSaysTheRunwayItBuysAndARefusalComesBackVerbatim() throws Exception {
        try (RealRedis redis = RealRedis.start(); ProbePool probes = new ProbePool()) {
            Target target = Target.of("127.0.0.1", redis.port());
            RedisOperationsPort port = new RedisOperationsPort(probes, new Hub(), target, () -> null);
            try {
                OperationResult done = port.submit(new OperationRequest("op-1",
                        new Operation.ResizeBacklog(target.id(), 4 * 1_048_576), Instant.now()), p -> { })
                        .get(20, TimeUnit.SECONDS);

                assertThat(done.summary()).contains("CONFIG SET repl-backlog-size 4194304 -> OK", "runway");
                assertThat(ReplicationWaits.field(redis.port(), "replication", "repl_backlog_size")).isEqualTo("4194304");

                assertThatThrownBy(() -> port.submit(new OperationRequest("op-2",
                        new Operation.ResizeBacklog(target.id(), -5), Instant.now()), p -> { }).get(20, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasMessageContaining("ERR CONFIG SET failed (possibly related to argument 'repl-backlog-size')");
            } finally {
                port.close();
            }
        }
    }
}
