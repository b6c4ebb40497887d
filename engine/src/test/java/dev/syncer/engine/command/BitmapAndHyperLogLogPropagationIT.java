package dev.syncer.engine.command;

import dev.syncer.engine.testing.PropagationComparison;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What replicas receive for bitmaps, BITFIELD, LCS and HyperLogLogs equals redis-server 7.0's
 * stream: writes that change nothing are not propagated, a PFCOUNT that refreshes its cached
 * cardinality is, PFDEBUG is when it converts to dense, and read-only forms never are.
 */
class BitmapAndHyperLogLogPropagationIT {

    private static final List<String[]> STEPS = List.of(
            new String[] {"SETBIT b 7 1"}, new String[] {"SETBIT b 7 1"}, new String[] {"SETBIT b 7 0"},
            new String[] {"SETBIT fresh 0 0"}, new String[] {"SETBIT b -1 1"}, new String[] {"GETBIT b 7"},
            new String[] {"SET s foobar EX 1000"}, new String[] {"SETBIT s 100 1"},
            new String[] {"BITCOUNT s"}, new String[] {"BITPOS s 1"},
            new String[] {"BITOP AND dest b s"}, new String[] {"BITOP NOT dest2 s"},
            new String[] {"BITOP OR dest nosuch1 nosuch2"}, new String[] {"BITOP OR none nosuch1"},
            new String[] {"BITFIELD bf SET u8 0 5"}, new String[] {"BITFIELD bf SET u8 0 5"},
            new String[] {"BITFIELD bf GET u8 0"}, new String[] {"BITFIELD bf INCRBY i5 #2 100 GET u8 0"},
            new String[] {"BITFIELD bf OVERFLOW FAIL INCRBY u2 0 9"},
            new String[] {"BITFIELD created OVERFLOW FAIL SET u2 0 9"}, new String[] {"BITFIELD_RO bf GET u8 0"},
            new String[] {"LCS s bf"},
            new String[] {"PFADD h a b c"}, new String[] {"PFADD h a"}, new String[] {"PFADD h"},
            new String[] {"PFCOUNT h"}, new String[] {"PFCOUNT h"}, new String[] {"PFCOUNT h nosuch"},
            new String[] {"PFADD empty"}, new String[] {"PFMERGE m h"}, new String[] {"PFMERGE m"},
            new String[] {"PFDEBUG TODENSE h"}, new String[] {"PFDEBUG TODENSE h"}, new String[] {"PFDEBUG ENCODING m"},
            new String[] {"PFDEBUG DECODE m"},
            new String[] {"MULTI", "PFADD x a", "PFCOUNT x", "SETBIT y 3 1", "EXEC"},
            new String[] {"SET notanhll hello"}, new String[] {"PFADD notanhll a"}, new String[] {"PFCOUNT notanhll"});

    @Test
    void replicasReceiveWhatRedisPropagatesForTheStringFamilies() {
        PropagationComparison c = PropagationComparison.run(STEPS);
        assertThat(c.replyMismatches()).isEmpty();
        assertThat(c.ours()).isEqualTo(c.theirs());
        assertThat(c.theirs()).contains("0:PFCOUNT h", "0:PFDEBUG TODENSE h", "0:BITOP OR dest nosuch1 nosuch2")
                .doesNotContain("0:SETBIT b -1 1", "0:BITFIELD_RO bf GET u8 0", "0:PFCOUNT h nosuch");
    }
}
