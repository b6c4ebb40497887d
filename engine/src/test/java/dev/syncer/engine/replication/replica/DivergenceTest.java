package dev.syncer.engine.replication.replica;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DivergenceTest {

    @Test
    void onlyAReadOnlyReplicaPanicsAsAfterErrorReply() {
        assertThat(Divergence.behavior("panic", true)).isEqualTo("panic");
        assertThat(Divergence.behavior("panic-on-replicas", true)).isEqualTo("panic-on-replicas");
        // replica-read-only no: Redis logs the error and carries on
        assertThat(Divergence.behavior("panic", false)).isEqualTo("ignore");
        assertThat(Divergence.behavior("panic-on-replicas", false)).isEqualTo("ignore");
        // the shard's own stop and ignore do not depend on it
        assertThat(Divergence.behavior("stop", false)).isEqualTo("stop");
        assertThat(Divergence.behavior("ignore", true)).isEqualTo("ignore");
    }

    @Test
    void errorInReadsTheErrorLineOfAReply() {
        assertThat(Divergence.errorIn("-ERR Library 'test' already exists\r\n".getBytes()))
                .isEqualTo("ERR Library 'test' already exists");
        assertThat(Divergence.errorIn("+OK\r\n".getBytes())).isNull();
    }
}
