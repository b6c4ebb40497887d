package dev.syncer.engine.scripting;

import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A script past busy-reply-threshold keeps running while the shard answers everyone else. */
class ScriptBusyIT {

    private TestShard shard;
    private RespClient runner;
    private RespClient other;

    @BeforeEach
    void start() {
        shard = TestShard.start("busy-reply-threshold", "50");
        runner = RespClient.connect(shard.port());
        other = RespClient.connect(shard.port());
    }

    @AfterEach
    void stop() {
        runner.close();
        other.close();
        shard.close();
    }

    private void awaitBusy() {
        await("the script passes busy-reply-threshold").atMost(Duration.ofSeconds(10))
                .until(() -> other.call("PING") instanceof RespClient.Error e && e.message().startsWith("BUSY"));
    }

    @Test
    void otherClientsGetBusyUntilScriptKillStopsAReadOnlyScript() {
        runner.send(RespClient.encode("EVAL", "local n = 0 while true do n = n + 1 end", "0"));
        runner.send(RespClient.encode("PING")); // pipelined: answered after the script's error
        awaitBusy();
        assertThat(other.call("PING")).isEqualTo(new RespClient.Error(
                "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE."));
        assertThat(other.call("FUNCTION", "KILL")).isInstanceOf(RespClient.Error.class)
                .asString().contains("BUSY");
        assertThat(other.call("SCRIPT", "KILL")).isEqualTo("OK");
        assertThat(RespClient.text(runner.read())).contains("Script killed by user with SCRIPT KILL");
        assertThat(runner.read()).isEqualTo("PONG");
        assertThat(other.call("PING")).isEqualTo("PONG");
        assertThat(other.call("SCRIPT", "KILL")).isEqualTo(new RespClient.Error("NOTBUSY No scripts in execution right now."));
    }

    @Test
    void aScriptThatWroteCannotBeKilledAndItsEffectsStayAtomic() {
        runner.send(RespClient.encode("EVAL",
                "redis.call('set', KEYS[1], 'y') "
                        + "local function now() local t = redis.call('time') return t[1] * 1000000 + t[2] end "
                        + "local start = now() while now() < start + 3000000 do end return 'done'", "1", "x"));
        awaitBusy();
        assertThat(other.call("SCRIPT", "KILL")).isEqualTo(new RespClient.Error("UNKILLABLE Sorry the script already "
                + "executed write commands against the dataset. You can either wait the script termination or kill the "
                + "server in a hard way using the SHUTDOWN NOSAVE command."));
        assertThat(other.call("GET", "x")).isInstanceOf(RespClient.Error.class); // BUSY, not a look inside
        assertThat(RespClient.text(runner.read())).isEqualTo("done");
        assertThat(RespClient.text(other.call("GET", "x"))).isEqualTo("y");
    }

    @Test
    void functionKillStopsAFunctionAndFunctionStatsShowsIt() {
        other.call("FUNCTION", "LOAD", "#!lua name=spin\nredis.register_function('spin', function() while true do end end)");
        runner.send(RespClient.encode("FCALL", "spin", "0"));
        awaitBusy();
        assertThat(other.call("PING")).isEqualTo(new RespClient.Error(
                "BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE."));
        List<String> stats = RespClient.texts(((List<?>) other.call("FUNCTION", "STATS")).get(1));
        assertThat(stats).startsWith("name", "spin", "command");
        assertThat(other.call("FUNCTION", "KILL")).isEqualTo("OK");
        assertThat(RespClient.text(runner.read())).contains("killed by user");
        assertThat(other.call("PING")).isEqualTo("PONG");
    }

    @Test
    void aLongScriptThatEndsByItselfRepliesNormally() {
        assertThat(RespClient.text(runner.call("EVAL", "for i = 1, 300000 do redis.call('ping') end return 'ok'", "0")))
                .isEqualTo("ok");
        assertThat(runner.call("PING")).isEqualTo("PONG");
    }
}
