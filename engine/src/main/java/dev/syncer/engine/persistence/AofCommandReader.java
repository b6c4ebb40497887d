package dev.syncer.engine.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the commands of an AOF file (RESP multibulks, with Redis's "#" annotation lines), counting
 * bytes so a load can tell where the last complete command ended, as loadSingleAppendOnlyFile does.
 */
final class AofCommandReader {

    /** The file ended in the middle of a command: {@link #validUpTo} is where the last complete one ended. */
    static final class Truncated extends IOException {
        Truncated() {
            super("Unexpected end of file reading the append only file");
        }
    }

    /** The bytes are not a command (loadSingleAppendOnlyFile's fmterr). */
    static final class BadFormat extends IOException {
        BadFormat() {
            super("Bad file format reading the append only file");
        }
    }

    private final InputStream in;
    private long position;

    AofCommandReader(InputStream in, long startPosition) {
        this.in = in;
        this.position = startPosition;
    }

    long position() {
        return position;
    }

    /** The next command, or null at a clean end of file; Truncated mid-command; IOException on bad format. */
    byte[][] next() throws IOException {
        while (true) {
            int first = in.read();
            if (first < 0) {
                return null;
            }
            position++;
            if (first == '#') {
                line(); // an annotation (e.g. #TS:...), as Redis skips it
                continue;
            }
            if (first != '*') {
                throw new BadFormat();
            }
            long count = number(line());
            if (count < 1) {
                throw new BadFormat();
            }
            byte[][] argv = new byte[(int) Math.min(count, 1024 * 1024)][];
            for (int i = 0; i < argv.length; i++) {
                int dollar = read();
                if (dollar != '$') {
                    throw new BadFormat();
                }
                long len = number(line());
                if (len < 0 || len > Integer.MAX_VALUE - 8) {
                    throw new BadFormat();
                }
                byte[] arg = in.readNBytes((int) len);
                position += arg.length;
                if (arg.length < len) {
                    throw new Truncated();
                }
                if (read() != '\r' || read() != '\n') {
                    throw new BadFormat();
                }
                argv[i] = arg;
            }
            return argv;
        }
    }

    private int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new Truncated();
        }
        position++;
        return b;
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int b = read();
            if (b == '\r') {
                if (read() != '\n') {
                    throw new BadFormat();
                }
                return sb.toString();
            }
            if (sb.length() > 64) {
                throw new BadFormat();
            }
            sb.append((char) b);
        }
    }

    private static long number(String text) throws IOException {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new BadFormat();
        }
    }

    static boolean startsWithRdbMagic(byte[] head) {
        return head.length >= 5 && new String(head, 0, 5, StandardCharsets.US_ASCII).equals("REDIS");
    }

}
