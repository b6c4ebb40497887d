package dev.syncer.engine.replication.roles;

import dev.syncer.engine.server.Loading;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** processCommand's loading checks: what a load refuses, as Redis 7.0's CMD_LOADING / CMD_NO_ASYNC_LOADING flags. */
class ReplicationGatesTest {

    private static String check(Loading loading, String... argv) {
        byte[][] args = new byte[argv.length][];
        for (int i = 0; i < argv.length; i++) {
            args[i] = argv[i].getBytes(StandardCharsets.UTF_8);
        }
        return ReplicationGates.processCommandLoading(loading, argv[0].toLowerCase(java.util.Locale.ROOT), args);
    }

    @Test
    void withoutALoadEverythingRuns() {
        assertThat(check(Loading.NONE, "get", "k")).isNull();
        assertThat(check(Loading.NONE, "config", "set", "appendonly", "yes")).isNull();
    }

    @Test
    void aLoadingShardRunsOnlyItsLoadingCommands() {
        assertThat(check(Loading.LOADING, "get", "k")).isEqualTo(ReplicationGates.LOADING);
        assertThat(check(Loading.LOADING, "ping")).isEqualTo(ReplicationGates.LOADING);
        assertThat(check(Loading.LOADING, "replicaof", "no", "one")).isEqualTo(ReplicationGates.LOADING);
        assertThat(check(Loading.LOADING, "info", "persistence")).isNull();
        assertThat(check(Loading.LOADING, "config", "get", "dir")).isNull();
        assertThat(check(Loading.LOADING, "object", "HELP")).isNull();
        assertThat(check(Loading.LOADING, "object", "encoding", "k")).isEqualTo(ReplicationGates.LOADING);
        assertThat(check(Loading.LOADING, "syncevents", "since", "0")).as("a console reads a loading replica's syncs").isNull();
    }

    @Test
    void anAsyncLoadRefusesOnlyWhatWouldDisturbIt() {
        assertThat(check(Loading.ASYNC, "get", "k")).isNull();
        assertThat(check(Loading.ASYNC, "ping")).isNull();
        assertThat(check(Loading.ASYNC, "replicaof", "no", "one")).isEqualTo(ReplicationGates.LOADING);
        assertThat(check(Loading.ASYNC, "bgsave")).isEqualTo(ReplicationGates.LOADING);
        assertThat(check(Loading.ASYNC, "config", "set", "maxmemory", "0", "APPENDONLY", "no"))
                .as("DENY_LOADING_CONFIG, in any position").isEqualTo(ReplicationGates.LOADING);
        assertThat(check(Loading.ASYNC, "config", "set", "maxmemory", "0")).isNull();
    }
}
