package dev.syncer.engine.command;

import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.params.ParameterizedTest;
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
 * each command. A new command family adds its own corpus file; nothing here changes.
 */
class RepliesMatchRealRedisIT {

    /** A corpus file shorter than this is a mistake, not a test. */
    private static final int MIN_COMMANDS = 10;

    static Stream<String> corpora() throws IOException, URISyntaxException {
        Path dir = Path.of(Objects.requireNonNull(
                RepliesMatchRealRedisIT.class.getResource("replies-corpus.txt")).toURI()).getParent();
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith("replies-") && n.endsWith(".txt")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("corpora")
    void everyReplyInTheCorpusMatchesRedis(String corpusFile) throws IOException {
        List<String> lines = corpus(corpusFile);
        try (RealRedis redis = RealRedis.start("--enable-debug-command", "yes");
             TestShard shard = TestShard.start();
             RespClient real = redis.raw();
             RespClient ours = shard.raw()) {
            List<String> mismatches = new ArrayList<>();
            int compared = 0;
            for (String line : lines) {
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

    private static String describe(Object reply, boolean unordered) {
        if (reply instanceof byte[] b) {
            return "$" + new String(b, StandardCharsets.UTF_8);
        }
        if (reply instanceof List<?> list) {
            List<String> items = new ArrayList<>(list.stream().map(r -> describe(r, false)).toList());
            if (unordered) {
                items.sort(null);
            }
            return items.toString();
        }
        return String.valueOf(reply);
    }
}
