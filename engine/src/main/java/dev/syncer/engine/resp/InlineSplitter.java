package dev.syncer.engine.resp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Splits an inline request (or a config file line) the way Redis's sdssplitargs does (quotes, escapes). */
public final class InlineSplitter {
    private InlineSplitter() {
    }

    /** The words (each char of line one byte, as ISO-8859-1), or null when quotes are unbalanced. */
    public static List<byte[]> split(String line) {
        List<byte[]> words = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return words;
            }
            StringBuilder word = new StringBuilder();
            boolean inDouble = false;
            boolean inSingle = false;
            while (true) {
                if (i >= n) {
                    if (inDouble || inSingle) {
                        return null;
                    }
                    break;
                }
                char c = line.charAt(i);
                if (inDouble) {
                    if (c == '\\' && i + 3 < n && line.charAt(i + 1) == 'x'
                            && isHex(line.charAt(i + 2)) && isHex(line.charAt(i + 3))) {
                        word.append((char) Integer.parseInt(line.substring(i + 2, i + 4), 16));
                        i += 3;
                    } else if (c == '\\' && i + 1 < n) {
                        i++;
                        char e = line.charAt(i);
                        word.append(switch (e) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            case 'b' -> '\b';
                            case 'a' -> (char) 7;
                            default -> e;
                        });
                    } else if (c == '"') {
                        if (i + 1 < n && !Character.isWhitespace(line.charAt(i + 1))) {
                            return null; // closing quote must be followed by a space
                        }
                        inDouble = false;
                        i++;
                        break;
                    } else {
                        word.append(c);
                    }
                } else if (inSingle) {
                    if (c == '\\' && i + 1 < n && line.charAt(i + 1) == '\'') {
                        i++;
                        word.append('\'');
                    } else if (c == '\'') {
                        if (i + 1 < n && !Character.isWhitespace(line.charAt(i + 1))) {
                            return null;
                        }
                        inSingle = false;
                        i++;
                        break;
                    } else {
                        word.append(c);
                    }
                } else if (Character.isWhitespace(c)) {
                    break;
                } else if (c == '"') {
                    inDouble = true;
                } else if (c == '\'') {
                    inSingle = true;
                } else {
                    word.append(c);
                }
                i++;
            }
            words.add(word.toString().getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
