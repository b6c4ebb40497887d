package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Key;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlockingPopsTest {

    private static final long NOW = 1_700_000_000_000L;

    private static long timeout(String text) {
        return BlockingPops.timeoutAt(new Args(new byte[][] {text.getBytes(StandardCharsets.US_ASCII)}), 0, NOW);
    }

    @Test
    void zeroWaitsForever() {
        assertThat(timeout("0")).isZero();
        assertThat(timeout("0.0")).isZero();
    }

    @Test
    void fractionalSecondsRoundUpToTheNextMillisecond() {
        assertThat(timeout("1.5")).isEqualTo(NOW + 1500);
        assertThat(timeout("0.0001")).isEqualTo(NOW + 1);
        assertThat(timeout("2e-3")).isEqualTo(NOW + 2);
    }

    @Test
    void negativeInfiniteAndJunkTimeoutsGetRedisErrors() {
        assertThatThrownBy(() -> timeout("-1")).hasMessage("ERR timeout is negative");
        assertThatThrownBy(() -> timeout("inf")).hasMessage("ERR timeout is negative");
        assertThatThrownBy(() -> timeout("1e30")).hasMessage("ERR timeout is negative");
        assertThatThrownBy(() -> timeout("abc")).hasMessage("ERR timeout is not a float or out of range");
        assertThatThrownBy(() -> timeout("")).hasMessage("ERR timeout is not a float or out of range");
    }

    @Test
    void watchedKeysAreReadOffTheKeyPositionsOfTheWrittenForm() {
        CommandTable table = CommandTable.standard();
        List<String> keys = new ArrayList<>();
        byte[][] mset = {b("MSET"), b("a"), b("1"), b("b"), b("2")};
        WatchedKeys.forEachKey(table.lookup(mset[0]), mset, k -> keys.add(k.toString()));
        byte[][] lpop = {b("LPOP"), b("list"), b("3")};
        WatchedKeys.forEachKey(table.lookup(lpop[0]), lpop, k -> keys.add(k.toString()));
        byte[][] multi = {b("MULTI")};
        WatchedKeys.forEachKey(table.lookup(multi[0]), multi, k -> keys.add(k.toString()));
        assertThat(keys).containsExactly("a", "b", "list");
        assertThat(new Key(b("a"))).isEqualTo(Key.of("a"));
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
