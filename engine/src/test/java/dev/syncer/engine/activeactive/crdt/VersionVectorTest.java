package dev.syncer.engine.activeactive.crdt;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VersionVectorTest {

    @Test
    void entriesStaySortedByOriginWithTheGreatestTimestampOfEach() {
        VersionVector vv = new VersionVector();
        assertThat(vv.observe("west", 5)).isTrue();
        assertThat(vv.observe("east", 7)).isTrue();
        assertThat(vv.observe("north", 3)).isTrue();
        assertThat(vv.observe("east", 6)).isFalse();
        assertThat(vv.observe("north", 9)).isTrue();
        assertThat(vv.entries()).containsExactly(Map.entry("east", 7L), Map.entry("north", 9L), Map.entry("west", 5L));
        assertThat(vv.origin(1)).isEqualTo("north");
        assertThat(vv.timestamp(1)).isEqualTo(9);
        assertThat(vv.get("south")).isZero();
        assertThat(vv.covers(new Tag(9, "north"))).isTrue();
        assertThat(vv.covers(new Tag(10, "north"))).isFalse();
        assertThat(vv.maxTimestamp()).isEqualTo(9);
    }

    @Test
    void dropsWhatAnotherVectorOrTheTimeBoundCovers() {
        VersionVector vv = new VersionVector();
        vv.observe("east", 7);
        vv.observe("north", 9);
        vv.observe("west", 5);
        VersionVector keyLevel = new VersionVector();
        keyLevel.observe("north", 9);
        assertThat(vv.dropCovered(keyLevel, 6)).isTrue(); // north by the vector, west by the bound
        assertThat(vv.entries()).containsExactly(Map.entry("east", 7L));
        assertThat(vv.dropCovered(keyLevel, 6)).isFalse();
        assertThat(vv.dropCovered(null, 8)).isTrue();
        assertThat(vv.isEmpty()).isTrue();
        assertThat(vv).isEqualTo(new VersionVector());
    }

    /** A state attached to a value a snapshot holds is copied before a join changes it: the copy must not share entries. */
    @Test
    void aCopyChangesIndependently() {
        VersionVector vv = new VersionVector();
        vv.observe("east", 7);
        VersionVector copy = vv.copy();
        copy.observe("east", 8);
        copy.observe("west", 1);
        assertThat(vv.entries()).containsExactly(Map.entry("east", 7L));
        assertThat(copy).isNotEqualTo(vv);
        vv.join(copy);
        assertThat(vv).isEqualTo(copy).hasSameHashCodeAs(copy);
    }
}
