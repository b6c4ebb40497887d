package dev.syncer.engine.command;

import dev.syncer.engine.testing.PropagationComparison;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What replicas receive for the geo commands equals redis-server 7.0's stream: GEOADD as the ZADD
 * it amounts to (only when it changed something), stores as received, read-only searches never.
 */
class GeoPropagationIT {

    private static final List<String[]> STEPS = List.of(
            new String[] {"GEOADD Sicily 13.361389 38.115556 Palermo 15.087269 37.502669 Catania"},
            new String[] {"GEOADD Sicily NX 13.361389 38.115556 Palermo"},
            new String[] {"GEOADD Sicily CH XX 13.5 38.1 Palermo"},
            new String[] {"GEOADD Sicily 200 1 bad"},
            new String[] {"GEORADIUS Sicily 15 37 200 km ASC"},
            new String[] {"GEORADIUS Sicily 15 37 200 km STORE dst"},
            new String[] {"GEORADIUS Sicily 15 37 200 km STOREDIST dst2"},
            new String[] {"GEORADIUS Sicily 0 0 1 km STORE dst"},
            new String[] {"GEORADIUS Sicily 0 0 1 km STORE dst"},
            new String[] {"GEORADIUSBYMEMBER Sicily Palermo 300 km STORE dst3"},
            new String[] {"GEORADIUS_RO Sicily 15 37 200 km"},
            new String[] {"GEOSEARCH Sicily FROMMEMBER Palermo BYRADIUS 300 km"},
            new String[] {"GEOSEARCHSTORE dst4 Sicily FROMMEMBER Palermo BYBOX 400 400 km STOREDIST"},
            new String[] {"GEOSEARCHSTORE dst4 nosuch FROMMEMBER Palermo BYBOX 400 400 km"},
            new String[] {"GEOSEARCHSTORE dst5 nosuch FROMMEMBER Palermo BYBOX 400 400 km"},
            new String[] {"MULTI", "GEOADD g 1 1 a", "GEOSEARCHSTORE g2 g FROMLONLAT 1 1 BYRADIUS 10 km", "EXEC"});

    @Test
    void replicasReceiveWhatRedisPropagatesForGeoCommands() {
        PropagationComparison c = PropagationComparison.run(STEPS);
        assertThat(c.replyMismatches()).isEmpty();
        assertThat(c.ours()).isEqualTo(c.theirs());
        assertThat(c.theirs()).contains("0:zadd Sicily 3479099956230698 Palermo 3479447370796909 Catania");
    }
}
