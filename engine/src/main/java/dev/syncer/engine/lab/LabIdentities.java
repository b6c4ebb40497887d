package dev.syncer.engine.lab;

import dev.syncer.engine.acl.Acl;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lab's syncer identities: for each Active-Active database and source cluster, one ACL user
 * ({@code syncer-<source>}) with a password made for this lab run, allowed only what a syncer
 * sends the target's primary (CRDT.APPLY, CRDT.MERGE, SELECT, PING). Every shard of the target
 * instance knows these users and that each brings effects of its own source only.
 */
final class LabIdentities {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> passwords = new ConcurrentHashMap<>();

    static String user(String source) {
        return "syncer-" + source;
    }

    String password(String database, String source) {
        return passwords.computeIfAbsent(database + "/" + source, k -> {
            byte[] secret = new byte[32];
            RANDOM.nextBytes(secret);
            return HexFormat.of().formatHex(secret);
        });
    }

    /** The active-active-syncers setting of {@code cluster}'s instance: its peers' identities. */
    static String setting(List<String> clusters, String cluster) {
        List<String> pairs = new ArrayList<>();
        for (String source : clusters) {
            if (!source.equals(cluster)) {
                pairs.add(user(source) + ":" + source);
            }
        }
        return String.join(" ", pairs);
    }

    /** Creates the identities on one shard of {@code cluster}'s instance of the database. */
    void install(Acl acl, String database, List<String> clusters, String cluster) {
        for (String source : clusters) {
            if (!source.equals(cluster)) {
                acl.setUser(user(source), List.of("reset", "on", ">" + password(database, source), "~*",
                        "+crdt.apply", "+crdt.merge", "+select", "+ping"));
            }
        }
    }
}
