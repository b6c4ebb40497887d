package dev.syncer.app.attach;

import dev.syncer.engine.testing.Json;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What --print writes is JSON a reader takes back as it was. */
class JsonTextTest {

    @Test
    void nestedValuesAndEscapesReadBackUnchanged() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", "slots 0-5460 \"quoted\" \\ tab\t nl\n ctl\u0001 → ∞");
        doc.put("offset", 42L);
        doc.put("up", true);
        doc.put("replid2", null);
        doc.put("nodes", List.of(Map.of("role", "primary"), List.of()));

        assertThat(Json.parse(JsonText.of(doc))).isEqualTo(doc);
    }

    @Test
    void numbersThatJsonCannotHoldAreNull() {
        assertThat(JsonText.of(Arrays.asList(Double.POSITIVE_INFINITY, Double.NaN, 1.5))).isEqualTo("[null,null,1.5]");
    }
}
