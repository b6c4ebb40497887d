package dev.syncer.engine.command;

import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays each corpus file beside this class ({@code replies-*.txt}: every family, its options,
 * edge cases and error paths) against redis-server 7.0 and a shard, and requires the same reply to
 * each command — once in RESP2 and once after HELLO 3, where every RESP3 type (map, set, double,
 * null, push, ...) must be the one Redis chose. A new command family adds its own corpus file;
 * nothing here changes.
 */
class RepliesMatchRealRedisIT {

    /** Marks a corpus line replayed in RESP2 only (e.g. what RESP2's subscribed mode refuses). */
    private static final String RESP2_ONLY = "resp2: ";

    /** A corpus file shorter than this is a mistake, not a test. */
    private static final int MIN_COMMANDS = 10;

    static Stream<Arguments> corpora() throws IOException, URISyntaxException {
        Path dir = Path.of(Objects.requireNonNull(
                RepliesMatchRealRedisIT.class.getResource("replies-corpus.txt")).toURI()).getParent();
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith("replies-") && n.endsWith(".txt")).sorted()
                    .flatMap(n -> Stream.of(Arguments.of(n, 2), Arguments.of(n, 3))).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0} in RESP{1}")
    @MethodSource("corpora")
    void everyReplyInTheCorpusMatchesRedis(String corpusFile, int protocol) throws IOException {
        List<String> lines = corpus(corpusFile);
        try (RealRedis redis = RealRedis.start("--enable-debug-command", "yes");
             TestShard shard = TestShard.start();
             RespClient real = redis.raw();
             RespClient ours = shard.raw()) {
            if (protocol == 3) {
                assertThat(real.call("HELLO", "3")).isInstanceOf(RespClient.Map.class);
                assertThat(ours.call("HELLO", "3")).isInstanceOf(RespClient.Map.class);
            }
            List<String> mismatches = new ArrayList<>();
            int compared = 0;
            for (String line : lines) {
                if (line.startsWith(RESP2_ONLY)) {
                    if (protocol == 3) {
                        continue;
                    }
                    line = line.substring(RESP2_ONLY.length());
                }
                boolean unordered = line.startsWith("~ ");
                String[] argv = words(unordered ? line.substring(2) : line);
                String expected = describe(real.call(argv), unordered);
                String actual = describe(ours.call(argv), unordered);
                compared++;
                if (!expected.equals(actual)) {
                    mismatches.add(line + "\n    redis: " + expected + "\n    shard: " + actual);
                }
            }
            assertThat(compared).isGreaterThanOrEqualTo(MIN_COMMANDS);
            assertThat(mismatches).isEmpty();
        }
    }

    private static List<String> corpus(String file) throws IOException {
        try (InputStream in = Objects.requireNonNull(
                RepliesMatchRealRedisIT.class.getResourceAsStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }

    /** Splits on blanks; "double quotes" make one word (possibly empty). */
    static String[] words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (quoted) {
                if (c == '"') {
                    quoted = false;
                } else {
                    word.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                word = word == null ? new StringBuilder() : word;
            } else if (c == ' ') {
                if (word != null) {
                    out.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            out.add(word.toString());
        }
        return out.toArray(String[]::new);
    }

    /** The reply as text that keeps its RESP type: "$" bulk, "%" map, "~" set, ">" push, "," double, "#" boolean. */
    private static String describe(Object reply, boolean unordered) {
        return switch (reply) {
            case byte[] b -> "$" + new String(b, StandardCharsets.UTF_8);
            case List<?> list -> describe(list, unordered, "");
            case RespClient.Map m -> describe(pairs(m.flat()), unordered, "%");
            case RespClient.Set s -> describe(s.items(), true, "~"); // a set's order is not part of it
            case RespClient.Push p -> describe(p.items(), unordered, ">");
            case RespClient.DoubleValue d -> "," + d.text();
            case RespClient.Verbatim v -> "=" + v.format() + ":" + v.text();
            case RespClient.Attributed a -> "|" + describe(pairs(a.attributes()), false, "") + describe(a.reply(), unordered);
            case Boolean b -> "#" + b;
            case null -> "null";
            default -> String.valueOf(reply);
        };
    }

    private static String describe(List<?> items, boolean unordered, String type) {
        List<String> described = new ArrayList<>(items.stream().map(r -> describe(r, false)).toList());
        if (unordered) {
            described.sort(null);
        }
        return type + described;
    }

    /** A map's entries as [key, value] pairs, so an unordered comparison keeps each key with its value. */
    private static List<List<Object>> pairs(List<Object> flat) {
        List<List<Object>> out = new ArrayList<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            out.add(java.util.Arrays.asList(flat.get(i), flat.get(i + 1)));
        }
        return out;
    }
}
