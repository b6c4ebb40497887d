package dev.syncer.engine.command;

import dev.syncer.engine.server.ClientSession;
import dev.syncer.engine.server.Shard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * What AUTH and HELLO AUTH ask: does this user/password pair authenticate the client. Without
 * the ACL component only the default user exists and {@code requirepass} is its password.
 */
public interface Authenticator {

    /** Authenticates the session and returns true, or returns false (WRONGPASS). */
    boolean authenticate(ClientSession session, String user, byte[] password);

    /** The default user needs no password (AUTH with one argument is then an error). */
    boolean defaultUserNoPass();

    /**
     * A command a script calls, checked against the user running the script (Redis's
     * scriptVerifyACL): null when allowed, else getAclErrorMessage's words ("can't run this command
     * or subcommand"). With {@code log}, a denial goes to ACL LOG with context "lua".
     */
    default String scriptDenial(ClientSession session, CommandSpec spec, byte[][] argv, boolean log) {
        return null; // without users every client may run every command
    }

    /**
     * ACLUserCheckCmdWithUnrestrictedKeyAccess for reads: may this client's user run the command
     * and read any key (SORT's BY and GET patterns name keys no key spec sees).
     */
    default boolean unrestrictedReads(ClientSession session, CommandSpec spec, byte[][] argv) {
        return true;
    }

    /** Whether a user of that name exists (CLIENT KILL USER); without users, only "default". */
    default boolean userExists(String name) {
        return "default".equals(name);
    }

    /** requirepass alone, as a Redis without ACL users. */
    static Authenticator requirepass(Shard shard) {
        return new Authenticator() {
            @Override
            public boolean authenticate(ClientSession session, String user, byte[] password) {
                String required = shard.config().get("requirepass");
                boolean ok = "default".equals(user)
                        && (required.isEmpty() || MessageDigest.isEqual(required.getBytes(StandardCharsets.UTF_8), password));
                if (ok) {
                    session.authenticate();
                }
                return ok;
            }

            @Override
            public boolean defaultUserNoPass() {
                return shard.config().get("requirepass").isEmpty();
            }
        };
    }
}
