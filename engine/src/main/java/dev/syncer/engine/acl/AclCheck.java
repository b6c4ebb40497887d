package dev.syncer.engine.acl;

import dev.syncer.engine.command.CommandFlag;
import dev.syncer.engine.command.CommandSpec;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Redis 7.0's permission check of one command for one user (ACLCheckAllUserCommandPerm): the
 * command passes when one selector allows the command, every key it reads or writes and every
 * channel it publishes or subscribes to. When none does, the denial reported is the most telling
 * one: a channel before a key before the command, and of two the one further along argv.
 */
final class AclCheck {

    /** Why a check failed (Redis's ACL_DENIED_*, ranked), the argument index and what it names. */
    record Denial(String reason, String object, int index) {
        int rank() {
            return switch (reason) {
                case "command" -> 1;
                case "key" -> 2;
                default -> 4; // channel
            };
        }
    }

    private AclCheck() {
    }

    /** ACLCheckAllUserCommandPerm: null when some selector allows it all. */
    static Denial check(AclUser u, String leaf, CommandSpec spec, byte[][] argv) {
        List<KeySpecs.KeyRef> keys = null; // found once, for every selector (Redis's key result cache)
        Denial worst = null;
        for (AclSelector s : u.allSelectors()) {
            if (!s.allKeys && keys == null) {
                keys = KeySpecs.keys(leaf, spec, argv);
            }
            Denial d = checkCmd(s, leaf, spec, argv, keys);
            if (d == null) {
                return null;
            }
            if (worst == null || d.rank() > worst.rank() || (d.rank() == worst.rank() && d.index() > worst.index())) {
                worst = d;
            }
        }
        return worst;
    }

    /** ACLUserCheckCmdWithUnrestrictedKeyAccess: a selector that allows the command may read every key (SORT's BY and GET). */
    static boolean unrestrictedReads(AclUser u, String leaf, CommandSpec spec, byte[][] argv) {
        List<KeySpecs.KeyRef> keys = KeySpecs.keys(leaf, spec, argv);
        for (AclSelector s : u.allSelectors()) {
            if (checkCmd(s, leaf, spec, argv, keys) == null && s.allKeysWith(true, false)) {
                return true;
            }
        }
        return false;
    }

    /** ACLSelectorCheckCmd. */
    private static Denial checkCmd(AclSelector s, String leaf, CommandSpec spec, byte[][] argv, List<KeySpecs.KeyRef> keys) {
        if (!spec.has(CommandFlag.NO_AUTH) && !s.canRun(leaf, argv)) {
            return new Denial("command", leaf, 0);
        }
        if (!s.allKeys) {
            for (KeySpecs.KeyRef k : keys) {
                if (!s.keyAllowed(argv[k.pos()], k.read(), k.write())) {
                    return new Denial("key", text(argv[k.pos()]), k.pos());
                }
            }
        }
        if (!s.allChannels) {
            String name = spec.name();
            boolean pattern = name.equals("psubscribe");
            int to = switch (name) {
                case "publish", "spublish" -> Math.min(2, argv.length);
                case "subscribe", "ssubscribe", "psubscribe" -> argv.length;
                default -> 1; // unsubscribing is always allowed
            };
            for (int i = 1; i < to; i++) {
                if (!s.channelAllowed(argv[i], pattern)) {
                    return new Denial("channel", text(argv[i]), i);
                }
            }
        }
        return null;
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
