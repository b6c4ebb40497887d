package dev.syncer.engine.command;

import dev.syncer.engine.testing.PropagationComparison;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stream writes against a real redis-server 7.0 and a shard: what each propagates must be the same
 * (XADD's "*" and "ms-*" as concrete IDs, approximate trims as exact ones, XREADGROUP, XCLAIM and
 * XAUTOCLAIM as forced XCLAIMs and XGROUP SETID). Times from each server's clock compare as "<unix-ms>".
 */
class StreamPropagationMatchesRealRedisIT {

    private static List<String[]> script() {
        List<String[]> s = new ArrayList<>();
        String[][] steps = {
                {"XADD s * f v"}, {"XADD s2 5-* a 1"}, {"XADD s2 5-* a 2"}, {"XADD s2 6-1 a 3"},
                {"XADD s MAXLEN ~ 0 9999999999990-* f v2"}, {"XADD s NOMKSTREAM 9999999999991-* f v3"},
                {"XADD none NOMKSTREAM * f v"},
                {"XADD s2 MAXLEN = 2 7-0 a 4"}, {"XADD s2 MINID 6 8-0 a 5"}, {"XDEL s2 6-1 99-0"}, {"XDEL s2 99-0"},
                {"XSETID s2 100-0 ENTRIESADDED 50 MAXDELETEDID 6-1"}, {"XTRIM s2 MAXLEN 0"}, {"XTRIM s2 MAXLEN 0"},
                {"XGROUP CREATE q g $ MKSTREAM"}, {"XADD q 1-0 a 1"}, {"XADD q 2-0 b 2"}, {"XADD q 3-0 c 3"},
                {"XGROUP CREATECONSUMER q g zed"}, {"XGROUP CREATECONSUMER q g zed"},
                {"XREADGROUP GROUP g alice COUNT 2 STREAMS q >"}, {"XREADGROUP GROUP g alice STREAMS q 0"},
                {"XREADGROUP GROUP g alice STREAMS q >"}, {"XREADGROUP GROUP g alice STREAMS q >"},
                {"XREAD STREAMS q 0"}, {"XGROUP CREATE q n 0"},
                {"XREADGROUP GROUP n nobody NOACK STREAMS q >"}, {"XREADGROUP GROUP n nobody NOACK STREAMS q >"},
                {"XACK q g 1-0 9-0"}, {"XACK q g 1-0"},
                {"XCLAIM q g bob 0 2-0 TIME 1000"}, {"XCLAIM q g bob 0 2-0 JUSTID LASTID 50-0"},
                {"XCLAIM q g bob 0 3-0 RETRYCOUNT 9 IDLE 10"}, {"XCLAIM q g bob 0 1-0 FORCE"},
                {"XCLAIM q g bob 0 9-0 LASTID 60-0"}, {"XCLAIM q g carol 99999999 2-0"},
                {"XDEL q 3-0"}, {"XAUTOCLAIM q g dave 0 0 COUNT 10"}, {"XAUTOCLAIM q g dave 0 0 JUSTID"},
                {"XGROUP SETID q g 0 ENTRIESREAD 0"}, {"XGROUP SETID q g $"},
                {"XGROUP DELCONSUMER q g dave"}, {"XGROUP DELCONSUMER q g dave"},
                {"XGROUP DESTROY q n"}, {"XGROUP DESTROY q n"},
                {"MULTI"}, {"XADD m 1-* a 1"}, {"XADD m 1-* a 2"}, {"EXEC"}};
        for (int i = 1; i <= 120; i++) {
            s.add(new String[] {"XADD big " + i + "-0 field " + i + " value " + "x".repeat(i % 40 + 1)});
            if (i == 60) {
                s.addAll(Arrays.asList(steps).subList(0, 14));
            }
        }
        s.add(new String[] {"XTRIM big MAXLEN ~ 10"});
        s.add(new String[] {"XTRIM big MINID ~ 110"});
        s.add(new String[] {"XADD big MINID ~ 115 9999999999990-* field last"});
        s.add(new String[] {"XADD big MAXLEN ~ 1 LIMIT 1 9999999999991-* field limited"});
        s.addAll(Arrays.asList(steps).subList(14, steps.length));
        return s;
    }

    @Test
    void streamWritesPropagateAsRedisPropagatesThem() {
        PropagationComparison c = PropagationComparison.run(script());
        assertThat(c.replyMismatches()).isEmpty();
        assertThat(c.ours()).isEqualTo(c.theirs());
        assertThat(c.theirs()).contains("0:XADD s <unix-ms>-0 f v", "0:XADD s2 5-0 a 1", "0:XGROUP SETID q g 60-0 ENTRIESREAD 3")
                .anyMatch(x -> x.startsWith("0:XTRIM big MAXLEN = "))
                .anyMatch(x -> x.startsWith("0:XCLAIM q g alice 0 1-0 TIME <unix-ms> RETRYCOUNT 1 FORCE JUSTID"));
    }
}
