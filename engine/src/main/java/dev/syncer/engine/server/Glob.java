package dev.syncer.engine.server;

import java.util.regex.Pattern;

/** Redis's glob patterns (KEYS, SCAN MATCH, CONFIG GET): *, ?, [abc], [^a], [a-z], \x. */
public final class Glob {

    private Glob() {
    }

    public static Pattern toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        int n = glob.length();
        for (int i = 0; i < n; i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '\\' -> {
                    if (i + 1 < n) {
                        re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                    }
                }
                case '[' -> {
                    int close = glob.indexOf(']', i + 1);
                    if (close < 0) {
                        re.append("\\[");
                        break;
                    }
                    String body = glob.substring(i + 1, close);
                    boolean negate = body.startsWith("^");
                    if (negate) {
                        body = body.substring(1);
                    }
                    StringBuilder cls = new StringBuilder(negate ? "[^" : "[");
                    for (int j = 0; j < body.length(); j++) {
                        char b = body.charAt(j);
                        if (b == '\\' && j + 1 < body.length()) {
                            b = body.charAt(++j);
                            cls.append('\\').append(b);
                        } else if (b == '-' && j > 0 && j + 1 < body.length()) {
                            cls.append('-');
                        } else {
                            cls.append(Character.isLetterOrDigit(b) ? String.valueOf(b) : "\\" + b);
                        }
                    }
                    re.append(cls).append(']');
                    i = close;
                }
                default -> re.append(Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c);
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    /** Matches binary-safe text: bytes are read as Latin-1 so every byte is one character. */
    public static boolean matches(Pattern pattern, byte[] text) {
        return pattern.matcher(new String(text, java.nio.charset.StandardCharsets.ISO_8859_1)).matches();
    }

    public static Pattern toBinaryRegex(byte[] glob) {
        return toRegex(new String(glob, java.nio.charset.StandardCharsets.ISO_8859_1));
    }
}
