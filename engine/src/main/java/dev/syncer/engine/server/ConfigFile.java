package dev.syncer.engine.server;

import dev.syncer.engine.resp.InlineSplitter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A shard's redis.conf: read at start-up as loadServerConfig reads one ("directive arg arg..."
 * lines, '#' comments, "double" or 'single' quoted arguments), and written back by CONFIG REWRITE
 * as rewriteConfig does: a directive already in the file gets its current value in place (even
 * when that is the default), unknown lines and comments stay, and settings changed from their
 * default that the file lacks are appended.
 */
public final class ConfigFile {

    private ConfigFile() {
    }

    /** Applies every directive of file to config; throws IllegalArgumentException with Redis's report. */
    public static void read(Path file, Config config) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1); // bytes as they are; words decoded after splitting
        for (int i = 0; i < lines.size(); i++) {
            List<String> words = splitArgs(lines.get(i).strip());
            if (words == null) {
                throw fatal(i, lines.get(i), "Unbalanced quotes in configuration line");
            }
            if (words.isEmpty() || words.get(0).startsWith("#")) {
                continue;
            }
            if (isUser(words.get(0)) && words.size() >= 2) {
                try {
                    config.addUser(words.subList(1, words.size()));
                } catch (IllegalArgumentException e) {
                    throw fatal(i, lines.get(i), e.getMessage());
                }
                continue;
            }
            if (config.canonicalName(words.get(0)) == null) {
                throw fatal(i, lines.get(i), "Bad directive or wrong number of arguments");
            }
            try {
                config.setInitial(words.get(0), String.join(" ", words.subList(1, words.size())));
            } catch (IllegalArgumentException e) {
                throw fatal(i, lines.get(i), e.getMessage());
            }
        }
        config.setFile(file);
    }

    private static IllegalArgumentException fatal(int index, String line, String reason) {
        return new IllegalArgumentException("\n*** FATAL CONFIG FILE ERROR ***\nReading the configuration file, at line "
                + (index + 1) + "\n>>> '" + line + "'\n" + reason);
    }

    /** CONFIG REWRITE: the file with the live settings, replaced atomically. */
    public static void rewrite(Config config) throws IOException {
        Path file = config.file();
        List<String> old = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.ISO_8859_1) : List.of();
        List<String> out = new ArrayList<>();
        Set<String> written = new HashSet<>();
        for (String line : old) {
            List<String> words = splitArgs(line.strip());
            if (words != null && !words.isEmpty() && isUser(words.get(0))) {
                // rewriteConfigUserOption: the live users replace the file's user lines, at the first
                if (written.add("user")) {
                    out.addAll(config.userLines().stream().map(ConfigFile::bytesAsChars).toList());
                }
                continue;
            }
            String name = words == null || words.isEmpty() ? null : config.canonicalName(words.get(0));
            if (name == null) {
                out.add(line); // comments, blank lines, and what this shard does not know, kept as they are
            } else if (written.add(name)) {
                out.add(line(name, config.get(name)));
            } // a repeated directive: its value is already in the first line
        }
        for (String name : config.names()) {
            if (!written.contains(name) && !config.isDefault(name)) {
                out.add(line(name, config.get(name)));
            }
        }
        if (!written.contains("user")) {
            out.addAll(config.userLines().stream().map(ConfigFile::bytesAsChars).toList());
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".rewrite.tmp");
        Files.write(tmp, out, StandardCharsets.ISO_8859_1);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    // multi-word settings (save, replicaof, client-output-buffer-limit) are written as their words;
    // the line is kept as its UTF-8 bytes, one char each, as the file's other lines are
    private static String line(String name, String value) {
        return bytesAsChars(name + " " + (value.isEmpty() ? "\"\"" : value));
    }

    private static String bytesAsChars(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** "user NAME rules...": a directive CONFIG GET does not list, kept by the configuration as users. */
    private static boolean isUser(String word) {
        return word.equalsIgnoreCase("user");
    }

    /** sdssplitargs over a line read byte per char: the words decoded as UTF-8; null for unbalanced quotes. */
    static List<String> splitArgs(String line) {
        List<byte[]> words = InlineSplitter.split(line);
        return words == null ? null : words.stream().map(w -> new String(w, StandardCharsets.UTF_8)).toList();
    }
}
