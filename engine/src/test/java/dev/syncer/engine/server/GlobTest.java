package dev.syncer.engine.server;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class GlobTest {

    private static boolean matches(String pattern, String text) {
        return Glob.compile(pattern, false).matches(text);
    }

    @Test
    void starsQuestionMarksAndLiteralsMatchAsInRedis() {
        assertThat(matches("h?llo", "hello")).isTrue();
        assertThat(matches("h*llo", "hllo")).isTrue();
        assertThat(matches("h*llo", "heeeello")).isTrue();
        assertThat(matches("h*llo", "hellox")).isFalse();
        assertThat(matches("a*", "a")).isTrue();
        assertThat(matches("*", "")).isFalse(); // stringmatchlen never enters its loop on ""
        assertThat(matches("", "")).isTrue();
    }

    @Test
    void classesRangesNegationAndEscapesFollowStringmatchlen() {
        assertThat(matches("h[ae]llo", "hallo")).isTrue();
        assertThat(matches("h[ae]llo", "hillo")).isFalse();
        assertThat(matches("h[^e]llo", "hallo")).isTrue();
        assertThat(matches("h[^e]llo", "hello")).isFalse();
        assertThat(matches("h[a-b]llo", "hbllo")).isTrue();
        assertThat(matches("h[b-a]llo", "hallo")).isTrue(); // reversed ranges are swapped
        assertThat(matches("a\\*b", "a*b")).isTrue();
        assertThat(matches("a\\*b", "axb")).isFalse();
        assertThat(matches("[\\]]", "]")).isTrue();
        assertThat(matches("ab\\", "ab\\")).isTrue(); // a trailing backslash is a literal
        assertThat(matches("a[bc", "ab")).isTrue(); // an unterminated class ends with the pattern
        assertThat(matches("a[", "ab")).isFalse();
        assertThat(matches("a[^", "ab")).isTrue();
    }

    @Test
    void nocaseFoldsAsciiLettersOnlyOutsideEscapes() {
        Glob g = Glob.compile("MAX*", true);
        assertThat(g.matches("maxmemory")).isTrue();
        assertThat(Glob.compile("[A-C]x", true).matches("bX")).isTrue();
        assertThat(Glob.compile("[\\A]", true).matches("a")).isFalse();
    }

    @Test
    void manyStarsAgainstALongKeyAnswerAtOnce() {
        String pattern = "a*".repeat(60) + "b";
        String key = "a".repeat(40_000);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThat(matches(pattern, key)).isFalse());
    }

    @Test
    void moreThanAThousandStarGroupsNeverMatchAsWithRedissNestingLimit() {
        assertThat(matches("*a".repeat(1000), "a".repeat(1000))).isTrue();
        assertThat(matches("*a".repeat(1001), "a".repeat(1001))).isFalse();
        assertThat(matches("*a".repeat(1000) + "*", "a".repeat(1000))).isTrue(); // a trailing star does not nest
    }

    @Test
    void agreesWithAPlainRecursiveMatcherOnRandomPatterns() {
        Random random = new Random(12);
        String alphabet = "ab*?[]^-\\";
        for (int i = 0; i < 200_000; i++) {
            String pattern = randomText(random, alphabet, 7);
            String text = randomText(random, "ab]-^\\*", 6);
            boolean nocase = random.nextBoolean();
            byte[] p = pattern.getBytes(StandardCharsets.ISO_8859_1);
            byte[] t = text.getBytes(StandardCharsets.ISO_8859_1);
            assertThat(Glob.compile(p, nocase).matches(t))
                    .as("pattern %s text %s", pattern, text)
                    .isEqualTo(ReferenceMatcher.match(p, 0, t, 0, nocase));
        }
    }

    private static String randomText(Random random, String alphabet, int maxLength) {
        int n = random.nextInt(maxLength + 1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    /** Exponential but obviously faithful walk of stringmatchlen's rules, for small inputs only. */
    private static final class ReferenceMatcher {
        static boolean match(byte[] p, int pi, byte[] s, int si, boolean nocase) {
            if (s.length == 0) {
                return p.length == 0;
            }
            if (pi == p.length) {
                return si == s.length;
            }
            if (si == s.length) {
                for (int k = pi; k < p.length; k++) {
                    if (p[k] != '*') {
                        return false;
                    }
                }
                return true;
            }
            byte c = p[pi];
            if (c == '*') {
                for (int k = si; k <= s.length; k++) {
                    if (match(p, pi + 1, s, k, nocase)) {
                        return true;
                    }
                }
                return false;
            }
            if (c == '?') {
                return match(p, pi + 1, s, si + 1, nocase);
            }
            if (c == '[') {
                int k = pi + 1;
                boolean not = k < p.length && p[k] == '^';
                if (not) {
                    k++;
                }
                boolean hit = false;
                while (true) {
                    if (k < p.length && p[k] == '\\' && p.length - k >= 2) {
                        k++;
                        hit |= p[k] == s[si];
                    } else if (k < p.length && p[k] == ']') {
                        break;
                    } else if (k >= p.length) {
                        k = p.length - 1;
                        break;
                    } else if (p.length - k >= 3 && p[k + 1] == '-') {
                        int lo = Math.min(p[k], p[k + 2]);
                        int hi = Math.max(p[k], p[k + 2]);
                        int ch = s[si];
                        if (nocase) {
                            lo = Glob.lower(lo);
                            hi = Glob.lower(hi);
                            ch = Glob.lower(ch);
                        }
                        hit |= ch >= lo && ch <= hi;
                        k += 2;
                    } else {
                        hit |= nocase ? Glob.lower(p[k]) == Glob.lower(s[si]) : p[k] == s[si];
                    }
                    k++;
                }
                return not != hit && match(p, k + 1, s, si + 1, nocase);
            }
            if (c == '\\' && p.length - pi >= 2) {
                pi++;
                c = p[pi];
            }
            boolean same = nocase ? Glob.lower(c) == Glob.lower(s[si]) : c == s[si];
            return same && match(p, pi + 1, s, si + 1, nocase);
        }
    }
}
