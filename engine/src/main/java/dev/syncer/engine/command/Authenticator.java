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
