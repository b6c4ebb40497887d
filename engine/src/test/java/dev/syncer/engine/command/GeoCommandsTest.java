package dev.syncer.engine.command;

import dev.syncer.engine.testing.DirectShard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Values as redis.io documents them for Redis's own Sicily example. */
class GeoCommandsTest {

    private final DirectShard s = new DirectShard();

    @AfterEach
    void close() {
        s.close();
    }

    private void sicily() {
        assertThat(s.call("GEOADD", "Sicily", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania"))
                .isEqualTo(2L);
    }

    @Test
    void pointsAreStoredAsTheirFiftyTwoBitGeohashScores() {
        sicily();
        assertThat(s.call("ZSCORE", "Sicily", "Palermo")).isEqualTo("3479099956230698");
        assertThat(s.call("ZSCORE", "Sicily", "Catania")).isEqualTo("3479447370796909");
        assertThat(s.callStrings("GEOHASH", "Sicily", "Palermo", "Catania", "missing"))
                .containsExactly("sqc8b49rny0", "sqdtr74hyu0", null);
    }

    @Test
    void positionsAndDistancesAreThoseRedisReports() {
        sicily();
        assertThat(s.call("GEOPOS", "Sicily", "Palermo")).isEqualTo(
                List.of(List.of("13.36138933897018433", "38.11555639549629859")));
        assertThat(s.call("GEODIST", "Sicily", "Palermo", "Catania")).isEqualTo("166274.1516");
        assertThat(s.call("GEODIST", "Sicily", "Palermo", "Catania", "km")).isEqualTo("166.2742");
        assertThat(s.call("GEODIST", "Sicily", "Palermo", "Catania", "mi")).isEqualTo("103.3182");
    }

    @Test
    void geoaddReachesReplicasAsTheZaddItAmountsTo() {
        sicily();
        assertThat(s.takePropagatedText())
                .containsExactly("0:zadd Sicily 3479099956230698 Palermo 3479447370796909 Catania");
        s.call("GEOADD", "Sicily", "NX", "13.361389", "38.115556", "Palermo");
        assertThat(s.takePropagated()).isEmpty();
    }

    @Test
    void searchesFindTheMembersWithinTheCircleOrTheBox() {
        sicily();
        assertThat(s.call("GEORADIUS", "Sicily", "15", "37", "200", "km", "WITHDIST", "ASC")).isEqualTo(
                List.of(List.of("Catania", "56.4413"), List.of("Palermo", "190.4424")));
        assertThat(s.callStrings("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYBOX", "400", "400", "km", "ASC"))
                .containsExactly("Catania", "Palermo");
        assertThat(s.callStrings("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "100", "km"))
                .containsExactly("Catania");
    }

    @Test
    void scoresDecodeToTheCentreOfTheirBox() {
        double[] xy = GeoHash.position(GeoHash.score(13.361389, 38.115556));
        assertThat(xy[0]).isCloseTo(13.361389, org.assertj.core.api.Assertions.within(1e-5));
        assertThat(xy[1]).isCloseTo(38.115556, org.assertj.core.api.Assertions.within(1e-5));
        assertThat(GeoHash.formatDistance(0)).isEqualTo("0.0000");
        assertThat(GeoHash.formatDistance(0.77505)).isEqualTo("0.7750");
    }
}
