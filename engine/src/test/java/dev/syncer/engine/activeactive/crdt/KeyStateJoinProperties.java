package dev.syncer.engine.activeactive.crdt;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.Random;

import static dev.syncer.engine.activeactive.crdt.RandomStates.encoded;
import static dev.syncer.engine.activeactive.crdt.RandomStates.join;
import static dev.syncer.engine.activeactive.crdt.RandomStates.state;
import static org.assertj.core.api.Assertions.assertThat;

/** Join is a semilattice join for every element kind: commutative, associative, idempotent. */
class KeyStateJoinProperties {

    @Property(tries = 400)
    void joinIsCommutative(@ForAll long seed, @ForAll @IntRange(min = 0, max = 25) int ops) {
        Random random = new Random(seed);
        KeyState a = state(random, ops);
        KeyState b = state(random, ops);
        assertThat(encoded(join(a, b))).isEqualTo(encoded(join(b, a)));
    }

    @Property(tries = 400)
    void joinIsAssociative(@ForAll long seed, @ForAll @IntRange(min = 0, max = 20) int ops) {
        Random random = new Random(seed);
        KeyState a = state(random, ops);
        KeyState b = state(random, ops);
        KeyState c = state(random, ops);
        assertThat(encoded(join(join(a, b), c))).isEqualTo(encoded(join(a, join(b, c))));
    }

    @Property(tries = 300)
    void joinIsIdempotent(@ForAll long seed, @ForAll @IntRange(min = 0, max = 25) int ops) {
        Random random = new Random(seed);
        KeyState a = state(random, ops);
        KeyState b = state(random, ops);
        KeyState ab = join(a, b);
        assertThat(encoded(join(a, a))).isEqualTo(encoded(a));
        assertThat(encoded(join(ab, b))).isEqualTo(encoded(ab));
        assertThat(ab.copy().join(b).any()).as("joining what is already included changes nothing").isFalse();
    }

    @Property(tries = 300)
    void maxTimestampIsTheGreatestOfWhatTheStateObserved(@ForAll long seed, @ForAll @IntRange(min = 0, max = 25) int ops) {
        Random random = new Random(seed);
        KeyState a = join(state(random, ops), state(random, ops));
        long expected = a.observed().entries().values().stream().mapToLong(Long::longValue).max().orElse(0);
        assertThat(a.maxTimestamp()).isEqualTo(Math.max(expected, a.expiredBefore()));
    }

    @Property(tries = 300)
    void primitivesInAnyOrderGiveTheSameState(@ForAll long seed, @ForAll @IntRange(min = 1, max = 30) int ops) {
        Random random = new Random(seed);
        KeyState[] singles = new KeyState[ops];
        for (int i = 0; i < ops; i++) {
            singles[i] = state(random, 1);
        }
        KeyState forward = new KeyState();
        for (KeyState s : singles) {
            forward.join(s);
        }
        KeyState backward = new KeyState();
        for (int i = ops - 1; i >= 0; i--) {
            backward.join(singles[i]);
        }
        assertThat(encoded(forward)).isEqualTo(encoded(backward));
        assertThat(visible(forward)).isEqualTo(visible(backward));
    }

    @Property(tries = 300)
    void stateSurvivesItsEncoding(@ForAll long seed, @ForAll @IntRange(min = 0, max = 30) int ops) {
        KeyState a = state(new Random(seed), ops);
        KeyState decoded = StateCodec.decode(StateCodec.encode(a));
        assertThat(encoded(decoded)).isEqualTo(encoded(a));
        assertThat(visible(decoded)).isEqualTo(visible(a));
    }

    @Property(tries = 200)
    void copyIsIndependentOfTheOriginal(@ForAll long seed, @ForAll @IntRange(min = 1, max = 20) int ops) {
        Random random = new Random(seed);
        KeyState a = state(random, ops);
        String before = encoded(a);
        KeyState c = a.copy();
        for (int i = 0; i < ops; i++) {
            RandomStates.apply(random, c);
        }
        assertThat(encoded(a)).isEqualTo(before);
    }

    static String visible(KeyState s) {
        return Visible.describe(s);
    }
}
