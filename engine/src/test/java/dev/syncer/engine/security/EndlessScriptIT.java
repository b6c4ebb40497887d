package dev.syncer.engine.security;

import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Attack: {@code EVAL "while true do end" 0} (or a loop that swallows errors with pcall) would
 * hold the shard's event loop for ever. As in Redis, past busy-reply-threshold the shard answers
 * everyone else again (BUSY) while the script runs, and SCRIPT KILL stops it even when it catches
 * errors with pcall; the shard then serves everyone and the data is intact.
 */
class EndlessScriptIT {

    @Test
    void anEndlessScriptLeavesTheShardAnsweringAndScriptKillStopsIt() {
        try (TestShard shard = TestShard.start("busy-reply-threshold", "300"); RespClient attacker = shard.raw();
             RespClient admin = shard.raw()) {
            Bystander bystander = Bystander.on(shard);
            for (String endless : new String[] {"while true do end",
                    "while true do pcall(function() while true do end end) end"}) {
                attacker.send(RespClient.encode("EVAL", endless, "0"));
                await("the shard answers BUSY past the threshold").atMost(Duration.ofSeconds(10))
                        .until(() -> admin.call("PING") instanceof RespClient.Error e && e.message().startsWith("BUSY"));
                assertThat(admin.call("SCRIPT", "KILL")).isEqualTo("OK");
                assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                        assertThat(RespClient.text(attacker.read())).contains("Script killed by user"));
            }
            assertThat(attacker.call("EVAL", "return 1", "0")).isEqualTo(1L);
            bystander.assertServedAndDataIntact();
        }
    }
}
