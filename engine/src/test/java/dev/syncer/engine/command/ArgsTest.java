package dev.syncer.engine.command;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ArgsTest {

    private static Args args(String... words) {
        byte[][] argv = new byte[words.length][];
        for (int i = 0; i < words.length; i++) {
            argv[i] = words[i].getBytes(StandardCharsets.ISO_8859_1);
        }
        return new Args(argv);
    }

    @Test
    void optionsMatchWhateverTheirCaseAndNothingElse() {
        Args a = args("XADD", "maxlen", "MaxLen", "MAXLE", "MAXLENS", "~", "m\u00c1xlen", "maxlen\u00ff", "[axlen");
        assertThat(a.is(0, "xadd")).isTrue();
        assertThat(a.is(1, "MAXLEN")).isTrue();
        assertThat(a.is(2, "MAXLEN")).isTrue();
        assertThat(a.is(3, "MAXLEN")).isFalse();
        assertThat(a.is(4, "MAXLEN")).isFalse();
        assertThat(a.is(5, "~")).isTrue();
        assertThat(a.is(6, "MAXLEN")).isFalse(); // a Latin-1 letter is no ASCII one
        assertThat(a.is(7, "MAXLEN")).isFalse();
        assertThat(a.is(8, "{AXLEN")).isFalse(); // '[' and '{' differ by the case bit, yet are no letters
        assertThat(a.is(9, "MAXLEN")).isFalse(); // past the end
    }
}
