package dev.syncer.engine.replication.primary;

import dev.syncer.engine.server.OutputBufferLimit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplicaSetTest {

    @Test
    void aReplicasHardLimitIsNeverBelowTheBacklogSize() {
        long backlog = 100L << 20;
        assertThat(ReplicaSet.hardLimit(new OutputBufferLimit(512 * 1024, 0, 0), backlog)).isEqualTo(backlog);
        assertThat(ReplicaSet.hardLimit(new OutputBufferLimit(256L << 20, 64L << 20, 60), backlog)).isEqualTo(256L << 20);
        assertThat(ReplicaSet.hardLimit(new OutputBufferLimit(0, 32768, 60), backlog)).as("no hard limit").isZero();
    }
}
