package dev.syncer.engine.server;

import java.util.Locale;
import java.util.Set;

/**
 * Redis 7's protected actions: {@code enable-protected-configs}, {@code enable-debug-command} and
 * {@code enable-module-command} each say {@code no} (the default), {@code yes} or {@code local}
 * (allowed from loopback only). Fixed at start-up, so a client can never open them for itself.
 */
public final class ProtectedActions {

    public static final String PROTECTED_CONFIGS = "enable-protected-configs";
    public static final String DEBUG_COMMAND = "enable-debug-command";
    public static final String MODULE_COMMAND = "enable-module-command";

    private static final Set<String> VALUES = Set.of("no", "yes", "local");

    private ProtectedActions() {
    }

    static void define(Config config) {
        for (String name : new String[] {PROTECTED_CONFIGS, DEBUG_COMMAND, MODULE_COMMAND}) {
            config.define(name, "no", ProtectedActions::normalise, false);
        }
    }

    private static String normalise(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!VALUES.contains(v)) {
            throw new IllegalArgumentException("argument(s) must be one of the following: no, yes, local");
        }
        return v;
    }

    /** allowProtectedAction: yes, or local and the client is on loopback (islocalClient). */
    public static boolean allowed(String setting, ClientSession session) {
        return "yes".equals(setting) || ("local".equals(setting) && session.isLocal());
    }

    /** The reply Redis gives a DEBUG or MODULE command that its setting does not allow. */
    public static String commandNotAllowed(String command, String setting) {
        return "ERR " + command + " command not allowed. If the " + setting + " option is set to \"local\", "
                + "you can run it from a local connection, otherwise you need to set this option "
                + "in the configuration file, and then restart the server.";
    }
}
