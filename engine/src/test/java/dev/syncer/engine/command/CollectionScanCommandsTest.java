package dev.syncer.engine.command;

import dev.syncer.engine.testing.DirectShard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.syncer.engine.testing.DirectShard.error;
import static org.assertj.core.api.Assertions.assertThat;

class CollectionScanCommandsTest {

    private final DirectShard s = new DirectShard();

    @AfterEach
    void close() {
        s.close();
    }

    /** Runs a whole scan; the replies' items in order, checking every cursor but the last is not 0. */
    private List<String> scanAll(String... command) {
        List<String> items = new ArrayList<>();
        String cursor = "0";
        int calls = 0;
        do {
            String[] argv = command.clone();
            argv[2] = cursor;
            List<?> reply = (List<?>) s.call(argv);
            cursor = (String) reply.get(0);
            ((List<?>) reply.get(1)).forEach(o -> items.add((String) o));
            calls++;
        } while (!cursor.equals("0") && calls < 10_000);
        assertThat(cursor).isEqualTo("0");
        return items;
    }

    @Test
    void aSmallIntegerSetIsReturnedWholeInNumericOrderLikeAnIntset() {
        s.call("SADD", "s", "10", "-5", "3", "1");
        assertThat(s.call("SSCAN", "s", "0", "COUNT", "1")).isEqualTo(List.of("0", List.of("-5", "1", "3", "10")));
        assertThat(s.call("SSCAN", "s", "0", "MATCH", "1*")).isEqualTo(List.of("0", List.of("1", "10")));
    }

    @Test
    void aLargeSetIsWalkedWithACursorAndEveryMemberComesBack() {
        Set<String> expected = new HashSet<>();
        List<String> argv = new ArrayList<>(List.of("SADD", "big"));
        for (int i = 0; i < 1500; i++) {
            argv.add("member:" + i);
            expected.add("member:" + i);
        }
        s.call(argv.toArray(String[]::new));
        List<?> first = (List<?>) s.call("SSCAN", "big", "0");
        assertThat(first.get(0)).isNotEqualTo("0");
        List<String> all = scanAll("SSCAN", "big", "0", "COUNT", "20");
        assertThat(new HashSet<>(all)).isEqualTo(expected);
        assertThat(all).hasSize(expected.size());
        assertThat(scanAll("SSCAN", "big", "0", "MATCH", "member:1??")).hasSize(100);
    }

    @Test
    void hscanOfALargeHashPairsFieldsWithTheirValues() {
        List<String> argv = new ArrayList<>(List.of("HSET", "h"));
        for (int i = 0; i < 600; i++) {
            argv.add("f" + i);
            argv.add("v" + i);
        }
        s.call(argv.toArray(String[]::new));
        List<String> items = scanAll("HSCAN", "h", "0", "COUNT", "50");
        Map<String, String> pairs = new HashMap<>();
        for (int i = 0; i < items.size(); i += 2) {
            pairs.put(items.get(i), items.get(i + 1));
        }
        assertThat(pairs).hasSize(600).containsEntry("f42", "v42");
    }

    @Test
    void zscanGivesScoresAsRedisFormatsThem() {
        s.call("ZADD", "z", "1.5", "a", "-inf", "b", "0.1", "c");
        assertThat(s.call("ZSCAN", "z", "0")).isEqualTo(
                List.of("0", List.of("b", "-inf", "c", "0.10000000000000001", "a", "1.5")));
        List<String> argv = new ArrayList<>(List.of("ZADD", "bigz"));
        for (int i = 0; i < 300; i++) {
            argv.add(Integer.toString(i));
            argv.add("m" + i);
        }
        s.call(argv.toArray(String[]::new));
        List<String> items = scanAll("ZSCAN", "bigz", "0");
        assertThat(items).hasSize(600);
        int at = items.indexOf("m7");
        assertThat(items.get(at + 1)).isEqualTo("7");
    }

    @Test
    void aSmallSortedSetsScoresReadAsItsListpackHoldsThem() {
        assertThat(CollectionScanCommands.listpackScore(1e17)).isEqualTo("100000000000000000");
        assertThat(CollectionScanCommands.listpackScore(0.5)).isEqualTo("0.5");
        assertThat(CollectionScanCommands.listpackScore(1e19)).isEqualTo("1e+19");
        assertThat(CollectionScanCommands.listpackScore(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    }

    @Test
    void badArgumentsGetRedisErrorsButAMissingKeyIsAnEmptyScanFirst() {
        s.call("SADD", "s", "a");
        assertThat(s.call("SSCAN", "s", "abc")).isEqualTo(error("ERR invalid cursor"));
        assertThat(s.call("SSCAN", "s", "0", "COUNT", "0")).isEqualTo(error("ERR syntax error"));
        assertThat(s.call("SSCAN", "s", "0", "TYPE", "set")).isEqualTo(error("ERR syntax error"));
        assertThat(s.call("SSCAN", "nosuch", "0", "TYPE", "set")).isEqualTo(List.of("0", List.of()));
        s.call("SET", "str", "x");
        assertThat(s.call("HSCAN", "str", "0")).isEqualTo(error(CommandError.WRONGTYPE));
    }
}
