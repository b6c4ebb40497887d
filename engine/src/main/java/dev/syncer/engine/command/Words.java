package dev.syncer.engine.command;

import java.nio.charset.StandardCharsets;

/**
 * The fixed words rewritten commands are propagated with (Redis's {@code shared.*} objects, with
 * their exact spelling: upper case), and number text for arguments.
 */
final class Words {

    static final byte[] SET = ascii("SET");
    static final byte[] DEL = ascii("DEL");
    static final byte[] UNLINK = ascii("UNLINK");
    static final byte[] PXAT = ascii("PXAT");
    static final byte[] KEEPTTL = ascii("KEEPTTL");
    static final byte[] PEXPIREAT = ascii("PEXPIREAT");
    static final byte[] PERSIST = ascii("PERSIST");
    static final byte[] SREM = ascii("SREM");
    static final byte[] HSET = ascii("HSET");

    private Words() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] number(long n) {
        return ascii(Long.toString(n));
    }
}
