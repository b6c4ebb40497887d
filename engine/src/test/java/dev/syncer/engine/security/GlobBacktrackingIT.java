package dev.syncer.engine.security;

import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Attack: {@code KEYS a*a*a*…*b} against a 40-character key held a shard at 100 % CPU for minutes
 * (a regex translation backtracked exponentially). The matcher is now Redis's stringmatchlen,
 * bounded by pattern × key length, for KEYS, SCAN MATCH and CONFIG GET alike.
 */
class GlobBacktrackingIT {

    private static final String KEY = "a".repeat(40);
    private static final String PATTERN = "a*".repeat(40) + "b";

    @Test
    void manyStarsAgainstALongKeyAnswerAtOnceAndBystandersAreServed() {
        try (TestShard shard = TestShard.start(); RespClient attacker = shard.raw()) {
            attacker.call("SET", KEY, "v");
            Bystander bystander = Bystander.on(shard);
            assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
                assertThat(attacker.call("KEYS", PATTERN)).isEqualTo(List.of());
                assertThat(((List<?>) attacker.call("SCAN", "0", "MATCH", PATTERN, "COUNT", "1000")).get(1))
                        .isEqualTo(List.of());
                assertThat(attacker.call("CONFIG", "GET", "*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*x"))
                        .isEqualTo(List.of());
                assertThat(attacker.call("KEYS", "a*a*b*")).isEqualTo(List.of());
                assertThat(RespClient.texts(attacker.call("KEYS", "a*a"))).isEqualTo(List.of(KEY));
            });
            bystander.assertServedAndDataIntact();
        }
    }
}
