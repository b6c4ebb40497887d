package dev.syncer.engine.server;

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
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            List<String> words = splitArgs(lines.get(i).strip());
            if (words == null) {
                throw fatal(i, lines.get(i), "Unbalanced quotes in configuration line");
            }
            if (words.isEmpty() || words.get(0).startsWith("#")) {
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
        List<String> old = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        List<String> out = new ArrayList<>();
        Set<String> written = new HashSet<>();
        for (String line : old) {
            List<String> words = splitArgs(line.strip());
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
        Path tmp = file.resolveSibling(file.getFileName() + ".rewrite.tmp");
        Files.write(tmp, out, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    // multi-word settings (save, replicaof, client-output-buffer-limit) are written as their words
    private static String line(String name, String value) {
        return name + " " + (value.isEmpty() ? "\"\"" : value);
    }

    /** sdssplitargs: words split on blanks, quoted ones unquoted; null for unbalanced quotes. */
    static List<String> splitArgs(String line) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return words;
            }
            StringBuilder w = new StringBuilder();
            char quote = 0;
            while (i < n) {
                char c = line.charAt(i);
                if (quote == 0) {
                    if (Character.isWhitespace(c)) {
                        break;
                    }
                    if (c == '"' || c == '\'') {
                        quote = c;
                    } else {
                        w.append(c);
                    }
                } else if (c == '\\' && i + 1 < n && (quote == '"' || line.charAt(i + 1) == '\'')) {
                    char e = line.charAt(++i);
                    w.append(quote == '"' ? unescape(e) : e);
                } else if (c == quote) {
                    quote = 0;
                    if (i + 1 < n && !Character.isWhitespace(line.charAt(i + 1))) {
                        return null; // a closing quote must be followed by a blank
                    }
                } else {
                    w.append(c);
                }
                i++;
            }
            if (quote != 0) {
                return null;
            }
            words.add(w.toString());
        }
    }

    private static char unescape(char e) {
        return switch (e) {
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'b' -> '\b';
            case 'a' -> (char) 7;
            default -> e;
        };
    }
}
