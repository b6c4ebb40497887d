package dev.syncer.engine.command;

import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * INFO commandstats / errorstats / latencystats, LATENCY, COMMAND GETKEYS and LIST, CONFIG SET's
 * duplicate check and CLIENT LIST's fields, as Redis 7.0 reports them.
 */
class IntrospectionTest {

    @Test
    void commandAndErrorStatsCountCallsFailuresAndRejections() {
        try (TestShard shard = TestShard.start(); RespClient c = shard.raw()) {
            c.call("CONFIG", "RESETSTAT");
            c.call("SET", "k", "v");
            c.call("LPUSH", "k", "x"); // WRONGTYPE: a failed call
            c.call("GET"); // wrong arity: a rejected call
            c.call("NOSUCH");
            c.call("CLIENT", "ID");
            String stats = RespClient.text(c.call("INFO", "commandstats"));
            assertThat(stats).contains("cmdstat_set:calls=1,").contains("cmdstat_client|id:calls=1,")
                    .containsPattern("cmdstat_lpush:calls=1,usec=\\d+,usec_per_call=[\\d.]+,rejected_calls=0,failed_calls=1")
                    .contains("cmdstat_get:calls=0,usec=0,usec_per_call=0.00,rejected_calls=1,failed_calls=0");
            String errors = RespClient.text(c.call("INFO", "errorstats"));
            assertThat(errors).contains("errorstat_ERR:count=2").contains("errorstat_WRONGTYPE:count=1");
            assertThat(RespClient.text(c.call("INFO", "latencystats"))).containsPattern("latency_percentiles_usec_set:p50=[\\d.]+,p99=");
            assertThat(RespClient.text(c.call("INFO"))).doesNotContain("cmdstat_").contains("used_cpu_user");
            assertThat(c.call("CONFIG", "SET", "latency-tracking-info-percentiles", "10 a"))
                    .isInstanceOf(RespClient.Error.class);
            c.call("CONFIG", "SET", "latency-tracking-info-percentiles", "0.0 50.0 100.0");
            assertThat(RespClient.texts(c.call("CONFIG", "GET", "latency-tracking-info-percentiles")))
                    .containsExactly("latency-tracking-info-percentiles", "0 50 100");
            c.call("CONFIG", "RESETSTAT");
            assertThat(RespClient.text(c.call("INFO", "errorstats"))).doesNotContain("errorstat_");
        }
    }

    @Test
    void repeatedCallsCountUnderOneEntryAndResetStatStartsAfresh() {
        try (TestShard shard = TestShard.start(); RespClient c = shard.raw()) {
            c.call("SET", "k", "v");
            c.call("SET", "k", "v");
            c.call("CONFIG", "RESETSTAT");
            c.call("SET", "k", "v");
            c.call("SET", "k", "v");
            c.call("GET", "k");
            c.call("CLIENT", "ID");
            c.call("CLIENT", "ID");
            String stats = RespClient.text(c.call("INFO", "commandstats"));
            assertThat(stats).contains("cmdstat_set:calls=2,").contains("cmdstat_get:calls=1,")
                    .contains("cmdstat_client|id:calls=2,");
            assertThat(stats.indexOf("cmdstat_client|id")).isLessThan(stats.indexOf("cmdstat_get"));
            assertThat(stats.indexOf("cmdstat_get")).isLessThan(stats.indexOf("cmdstat_set"));
        }
    }

    @Test
    void latencyEventsAndHistogram() {
        try (TestShard shard = TestShard.start(); RespClient c = shard.raw()) {
            // A threshold no ordinary command or cron run reaches on a loaded machine, and no expire cycle to time.
            c.call("DEBUG", "SET-ACTIVE-EXPIRE", "0");
            c.call("CONFIG", "SET", "latency-monitor-threshold", "100");
            c.call("DEBUG", "SLEEP", "0.15");
            List<?> latest = (List<?>) c.call("LATENCY", "LATEST");
            assertThat(RespClient.text(((List<?>) latest.get(0)).get(0))).isEqualTo("command");
            assertThat((List<?>) c.call("LATENCY", "HISTORY", "command")).hasSize(1);
            assertThat((List<?>) c.call("LATENCY", "HISTORY", "nothing")).isEmpty();
            c.call("CONFIG", "RESETSTAT");
            c.call("SET", "a", "b");
            List<?> histogram = (List<?>) c.call("LATENCY", "HISTOGRAM", "set", "nosuch");
            assertThat(RespClient.text(histogram.get(0))).isEqualTo("set");
            List<?> entry = (List<?>) histogram.get(1);
            assertThat(RespClient.text(entry.get(0))).isEqualTo("calls");
            assertThat(entry.get(1)).isEqualTo(1L);
            assertThat(c.call("LATENCY", "RESET")).isEqualTo(1L);
            assertThat(c.call("LATENCY", "HELP", "x")).isInstanceOf(RespClient.Error.class);
        }
    }

    @Test
    void commandGetKeysAndList() {
        try (TestShard shard = TestShard.start(); RespClient c = shard.raw()) {
            assertThat(RespClient.texts(c.call("COMMAND", "GETKEYS", "ZUNIONSTORE", "t", "2", "a", "b", "WEIGHTS", "1", "2")))
                    .containsExactly("t", "a", "b");
            assertThat(RespClient.texts(c.call("COMMAND", "GETKEYS", "EVAL", "return 1", "1", "k"))).containsExactly("k");
            assertThat((List<?>) c.call("COMMAND", "GETKEYS", "EVAL", "return 1", "0")).isEmpty();
            assertThat(RespClient.texts(c.call("COMMAND", "GETKEYS", "XREAD", "COUNT", "1", "STREAMS", "s1", "s2", "0", "0")))
                    .containsExactly("s1", "s2");
            assertThat(c.call("COMMAND", "GETKEYS", "PING", "x")).isEqualTo(new RespClient.Error("ERR The command has no key arguments"));
            assertThat(c.call("COMMAND", "GETKEYS", "PING"))
                    .isEqualTo(new RespClient.Error("ERR wrong number of arguments for 'command|getkeys' command"));
            assertThat(c.call("COMMAND", "GETKEYS", "NOPE", "x")).isEqualTo(new RespClient.Error("ERR Invalid command specified"));
            assertThat(RespClient.texts(c.call("COMMAND", "LIST", "FILTERBY", "PATTERN", "se?"))).containsExactly("set");
            assertThat(c.call("COMMAND", "LIST", "BAD")).isEqualTo(new RespClient.Error("ERR syntax error"));
            assertThat(RespClient.texts(((List<?>) ((List<?>) c.call("COMMAND", "INFO", "EVAL")).get(0)).get(2)))
                    .contains("movablekeys");
        }
    }

    @Test
    void configSetDuplicatesAndClientListFields() {
        try (TestShard shard = TestShard.start(); RespClient c = shard.raw()) {
            assertThat(RespClient.text(c.call("CONFIG", "SET", "maxmemory", "10000001", "maxmemory", "10000002")))
                    .contains("duplicate parameter");
            assertThat(RespClient.texts(c.call("CONFIG", "GET", "maxmemory"))).containsExactly("maxmemory", "0");
            assertThat(RespClient.text(c.call("CLIENT", "INFO"))).contains(" qbuf=26 ").contains(" cmd=client|info ")
                    .contains(" redir=-1 ");
            assertThat(c.call("CLIENT", "KILL")).isInstanceOf(RespClient.Error.class);
            assertThat(c.call("CLIENT", "KILL", "ID", "-1"))
                    .isEqualTo(new RespClient.Error("ERR client-id should be greater than 0"));
        }
    }
}
