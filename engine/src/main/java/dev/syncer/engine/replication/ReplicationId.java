package dev.syncer.engine.replication;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A replication ID: 40 lowercase hex characters naming one history of the dataset (not a server).
 * Compared ignoring case, as Redis's strcasecmp does.
 */
public record ReplicationId(String hex) {

    /** Forty zeros: "no previous history" in INFO's master_replid2. */
    public static final ReplicationId NONE = new ReplicationId("0".repeat(40));

    private static final SecureRandom RANDOM = new SecureRandom();

    public ReplicationId {
        hex = hex.toLowerCase(Locale.ROOT);
    }

    /** A fresh random ID, as Redis's changeReplicationId. */
    public static ReplicationId random() {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        return new ReplicationId(HexFormat.of().formatHex(bytes));
    }

    /** A well-formed ID from the wire, or null (wrong length or not hex). */
    public static ReplicationId parse(String text) {
        if (text == null || text.length() != 40) {
            return null;
        }
        for (int i = 0; i < 40; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return null;
            }
        }
        return new ReplicationId(text);
    }

    /** True when text names this ID (any case). */
    public boolean matches(String text) {
        return text != null && hex.equalsIgnoreCase(text);
    }

    @Override
    public String toString() {
        return hex;
    }
}
