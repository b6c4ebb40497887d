package dev.syncer.engine.server;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Redis's glob patterns (KEYS, SCAN MATCH, CONFIG GET) with the semantics of its
 * {@code stringmatchlen}: {@code *}, {@code ?}, {@code [abc]}, {@code [^a]}, {@code [a-z]},
 * {@code \x}, including its quirks (an unterminated class runs to the end of the pattern,
 * a trailing backslash is a literal, an empty string matches only the empty pattern).
 *
 * <p>The pattern is compiled once into one-byte tokens and stars, then matched with a single
 * backtracking point (the latest star): every non-star token consumes exactly one byte, so a
 * later star can always absorb what an earlier one would, and the match costs at most
 * O(pattern × text) — {@code a*a*a*…*b} against a long key answers at once. Redis 7.2's nesting
 * limit is kept: a match that needs more than {@value #MAX_NESTING} star groups fails.
 */
public final class Glob {

    /** Redis's limit on recursion through star groups (stringmatchlen_impl's nesting). */
    static final int MAX_NESTING = 1000;

    private static final byte ONE = 0;
    private static final byte ANY = 1;
    private static final byte STAR = 2;
    private static final byte CLASS = 3;

    private final byte[] kinds;
    /** For ONE: the byte; for CLASS: the index into classes. */
    private final int[] values;
    private final ByteClass[] classes;
    private final boolean nocase;
    private final boolean empty;
    private final boolean tooDeep;

    private Glob(byte[] kinds, int[] values, ByteClass[] classes, boolean nocase, int starGroups) {
        this.kinds = kinds;
        this.values = values;
        this.classes = classes;
        this.nocase = nocase;
        this.empty = kinds.length == 0;
        boolean trailingStar = kinds.length > 0 && kinds[kinds.length - 1] == STAR;
        this.tooDeep = starGroups - (trailingStar ? 1 : 0) > MAX_NESTING;
    }

    public static Glob compile(byte[] pattern, boolean nocase) {
        Compiler c = new Compiler(pattern, nocase);
        return c.compile();
    }

    public static Glob compile(String pattern, boolean nocase) {
        return compile(pattern.getBytes(StandardCharsets.ISO_8859_1), nocase);
    }

    /** True when the pattern is exactly {@code *}: callers may skip matching (KEYS's allkeys). */
    public static boolean isMatchAll(byte[] pattern) {
        return pattern.length == 1 && pattern[0] == '*';
    }

    public boolean matches(String text) {
        return matches(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** stringmatchlen: true when the whole text matches. */
    public boolean matches(byte[] text) {
        if (text.length == 0) {
            return empty; // Redis's loop never starts on an empty string
        }
        if (tooDeep) {
            return false;
        }
        int p = 0;
        int s = 0;
        int starP = -1;
        int starS = 0;
        while (s < text.length) {
            if (p < kinds.length && kinds[p] == STAR) {
                starP = p++;
                starS = s;
            } else if (p < kinds.length && matchesOne(p, text[s])) {
                p++;
                s++;
            } else if (starP >= 0) {
                p = starP + 1; // let the latest star absorb one more byte
                s = ++starS;
            } else {
                return false;
            }
        }
        while (p < kinds.length && kinds[p] == STAR) {
            p++;
        }
        return p == kinds.length;
    }

    private boolean matchesOne(int p, byte b) {
        return switch (kinds[p]) {
            case ANY -> true;
            case ONE -> nocase ? lower(values[p]) == lower(b) : values[p] == b;
            default -> classes[values[p]].matches(b, nocase);
        };
    }

    static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }

    /** A bracket expression; ranges compare bytes as signed chars, as Redis does on x86. */
    private record ByteClass(boolean negate, int[] singles, boolean[] escaped, int[] rangeFrom, int[] rangeTo) {
        boolean matches(byte b, boolean nocase) {
            boolean match = false;
            for (int i = 0; i < singles.length && !match; i++) {
                match = escaped[i] || !nocase ? singles[i] == b : lower(singles[i]) == lower(b);
            }
            for (int i = 0; i < rangeFrom.length && !match; i++) {
                int c = nocase ? lower(b) : b;
                int from = nocase ? lower(rangeFrom[i]) : rangeFrom[i];
                int to = nocase ? lower(rangeTo[i]) : rangeTo[i];
                match = c >= from && c <= to;
            }
            return negate != match;
        }
    }

    /** Tokenises a pattern the way stringmatchlen walks it; the walk never depends on the text. */
    private static final class Compiler {
        private final byte[] pattern;
        private final boolean nocase;
        private byte[] kinds;
        private int[] values;
        private ByteClass[] classes = new ByteClass[0];
        private int count;
        private int starGroups;

        Compiler(byte[] pattern, boolean nocase) {
            this.pattern = pattern;
            this.nocase = nocase;
            this.kinds = new byte[pattern.length];
            this.values = new int[pattern.length];
        }

        Glob compile() {
            int i = 0;
            int n = pattern.length;
            while (i < n) {
                byte c = pattern[i];
                if (c == '*') {
                    while (i + 1 < n && pattern[i + 1] == '*') {
                        i++;
                    }
                    add(STAR, 0);
                    starGroups++;
                } else if (c == '?') {
                    add(ANY, 0);
                } else if (c == '[') {
                    i = readClass(i + 1);
                } else {
                    if (c == '\\' && i + 1 < n) {
                        c = pattern[++i];
                    }
                    add(ONE, c);
                }
                i++;
            }
            return new Glob(Arrays.copyOf(kinds, count), Arrays.copyOf(values, count), classes, nocase, starGroups);
        }

        /** Reads a class starting after '['; returns the index of its last pattern byte. */
        private int readClass(int i) {
            int n = pattern.length;
            boolean negate = i < n && pattern[i] == '^';
            if (negate) {
                i++;
            }
            IntList singles = new IntList();
            IntList escapes = new IntList();
            IntList from = new IntList();
            IntList to = new IntList();
            while (true) {
                if (i < n && pattern[i] == '\\' && n - i >= 2) {
                    i++;
                    singles.add(pattern[i]);
                    escapes.add(1);
                } else if (i < n && pattern[i] == ']') {
                    break;
                } else if (i >= n) {
                    i = n - 1; // unterminated: the class ends with the pattern
                    break;
                } else if (n - i >= 3 && pattern[i + 1] == '-') {
                    int a = pattern[i];
                    int b = pattern[i + 2];
                    from.add(Math.min(a, b));
                    to.add(Math.max(a, b));
                    i += 2;
                } else {
                    singles.add(pattern[i]);
                    escapes.add(0);
                }
                i++;
            }
            boolean[] escaped = new boolean[escapes.size];
            for (int k = 0; k < escaped.length; k++) {
                escaped[k] = escapes.values[k] == 1;
            }
            classes = Arrays.copyOf(classes, classes.length + 1);
            classes[classes.length - 1] = new ByteClass(negate, singles.toArray(), escaped, from.toArray(), to.toArray());
            add(CLASS, classes.length - 1);
            return i;
        }

        private void add(byte kind, int value) {
            kinds[count] = kind;
            values[count] = value;
            count++;
        }
    }

    private static final class IntList {
        int[] values = new int[4];
        int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
