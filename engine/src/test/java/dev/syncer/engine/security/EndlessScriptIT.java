package dev.syncer.engine.security;

import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Attack: {@code EVAL "while true do end" 0} (or a loop that swallows errors with pcall) would
 * hold the shard's event loop for ever. A script past busy-reply-threshold is stopped with an
 * error; the shard serves everyone again and the data is intact.
 */
class EndlessScriptIT {

    @Test
    void anEndlessScriptIsStoppedAtTheThresholdAndBystandersAreServed() {
        try (TestShard shard = TestShard.start("busy-reply-threshold", "300"); RespClient attacker = shard.raw()) {
            Bystander bystander = Bystander.on(shard);
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                Object plain = attacker.call("EVAL", "while true do end", "0");
                assertThat(plain).isInstanceOf(RespClient.Error.class);
                assertThat(((RespClient.Error) plain).message()).contains("busy-reply-threshold");
                Object swallowing = attacker.call("EVAL",
                        "while true do pcall(function() while true do end end) end", "0");
                assertThat(((RespClient.Error) swallowing).message()).contains("busy-reply-threshold");
            });
            assertThat(attacker.call("EVAL", "return 1", "0")).isEqualTo(1L);
            bystander.assertServedAndDataIntact();
        }
    }
}
