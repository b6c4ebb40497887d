package dev.syncer.engine.activeactive;

import dev.syncer.engine.server.ClientSession;
import dev.syncer.engine.server.Principal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who may bring effects into this database: setting {@value #CONFIG} lists its syncer identities
 * as {@code user:origin} pairs (the ACL user a syncer authenticates as, and the source cluster it
 * is configured for). A CRDT.APPLY or CRDT.MERGE is accepted from the master link, from an
 * in-process client, or from a connection authenticated as one of these users — and a delta's
 * claimed origin must then be that user's source. Anything else is refused with NOPERM.
 */
final class SyncerIdentities {

    static final String CONFIG = "active-active-syncers";

    private SyncerIdentities() {
    }

    /** Parses "user:origin user:origin"; the origin follows the last ':'. */
    static String normalise(String value) {
        parse(value);
        return value.trim();
    }

    static Map<String, String> parse(String value) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : value.trim().split("\\s+")) {
            if (pair.isEmpty()) {
                continue;
            }
            int colon = pair.lastIndexOf(':');
            if (colon <= 0 || !ActiveActive.validClusterId(pair.substring(colon + 1))) {
                throw new IllegalArgumentException("each syncer identity must be user:origin (origin a cluster id)");
            }
            out.put(pair.substring(0, colon), pair.substring(colon + 1));
        }
        return out;
    }

    /**
     * Null if {@code session} may bring in an effect claiming {@code origin} (null: a state, whose
     * origin is not one cluster), else the NOPERM error.
     */
    static String refusal(Map<String, String> identities, ClientSession session, String command, String origin) {
        if (session.kind() == ClientSession.Kind.MASTER || session.channel() == null) {
            return null;
        }
        Principal p = session.principal();
        String source = p == null ? null : identities.get(p.name());
        if (source == null) {
            return "NOPERM this user is not a syncer identity of this database and may not run '"
                    + command.toLowerCase(java.util.Locale.ROOT) + "'";
        }
        if (origin != null && !origin.equals(source)) {
            return "NOPERM syncer identity '" + p.name() + "' brings effects of origin '" + source
                    + "' only, not of '" + origin + "'";
        }
        return null;
    }
}
