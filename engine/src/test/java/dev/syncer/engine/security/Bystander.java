package dev.syncer.engine.security;

import dev.syncer.engine.testing.Datasets;
import dev.syncer.engine.testing.ReplicationWaits;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * What every attack test checks around the attack: a dataset written before it, then that an
 * ordinary client is answered promptly and the dataset's DEBUG DIGEST is unchanged.
 */
final class Bystander {

    private final TestShard shard;
    private final String digestBefore;

    private Bystander(TestShard shard) {
        this.shard = shard;
        Datasets.everyType(shard.port(), "bystander");
        this.digestBefore = ReplicationWaits.digest(shard.port());
    }

    /** Writes a dataset of every type and remembers its digest. */
    static Bystander on(TestShard shard) {
        return new Bystander(shard);
    }

    /** A new client gets PONG within a second, and the data is what it was before the attack. */
    void assertServedAndDataIntact() {
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
            try (RespClient c = shard.raw()) {
                assertThat(c.call("PING")).isEqualTo("PONG");
            }
        });
        assertThat(ReplicationWaits.digest(shard.port())).isEqualTo(digestBefore);
    }
}
