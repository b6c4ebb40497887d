package dev.syncer.engine.acl;

import dev.syncer.engine.server.Glob;
import dev.syncer.engine.server.Principal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One ACL user as Redis 7.0 keeps it (without selectors): on/off, passwords as SHA-256 hashes,
 * the commands it may run, the key and channel patterns it may touch. {@link #apply} is
 * ACLSetUser: one rule at a time, changing the user in place so that connected clients see it.
 */
public final class AclUser implements Principal {

    /** A key pattern with its permissions: "~p" read and write, "%R~p" read, "%W~p" write. */
    record KeyPattern(String pattern, boolean read, boolean write, Glob glob) {
        String describe() {
            return (read && write ? "~" : read ? "%R~" : "%W~") + pattern;
        }
    }

    private final String name;
    private final AclCategories categories;
    boolean enabled;
    boolean nopass;
    final Set<String> passwords = new LinkedHashSet<>(); // SHA-256 hex
    boolean allCommands;
    private boolean allBase; // the last +@all / -@all: where the rules since start from
    final Set<String> allowed = new HashSet<>(); // leaves, when not allCommands
    final java.util.Map<String, Set<String>> firstArgs = new java.util.HashMap<>(); // "+select|0": leaf -> args
    final List<String> commandRules = new ArrayList<>(); // as given since the last reset (GETUSER)
    boolean allKeys;
    final List<KeyPattern> keys = new ArrayList<>();
    boolean allChannels;
    final List<String> channels = new ArrayList<>();
    /** All commands, keys and channels: the dispatcher's check is one field read. */
    volatile boolean unrestricted;

    AclUser(String name, AclCategories categories) {
        this.name = name;
        this.categories = categories;
        refresh();
    }

    /** Takes another user's rules (ACL SETUSER applies its rules to a copy, then commits it). */
    void copyFrom(AclUser o) {
        enabled = o.enabled;
        nopass = o.nopass;
        passwords.clear();
        passwords.addAll(o.passwords);
        allCommands = o.allCommands;
        allBase = o.allBase;
        allowed.clear();
        allowed.addAll(o.allowed);
        firstArgs.clear();
        o.firstArgs.forEach((k, v) -> firstArgs.put(k, new HashSet<>(v)));
        commandRules.clear();
        commandRules.addAll(o.commandRules);
        allKeys = o.allKeys;
        keys.clear();
        keys.addAll(o.keys);
        allChannels = o.allChannels;
        channels.clear();
        channels.addAll(o.channels);
        refresh();
    }

    @Override
    public String name() {
        return name;
    }

    public boolean enabled() {
        return enabled;
    }

    /** ACLSetUser: applies one rule; {@link AclError} with Redis's reason when it is not valid. */
    void apply(String op) {
        String lower = op.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "on" -> enabled = true;
            case "off" -> enabled = false;
            case "nopass" -> {
                nopass = true;
                passwords.clear();
            }
            case "resetpass" -> {
                nopass = false;
                passwords.clear();
            }
            case "allkeys", "~*" -> {
                allKeys = true;
                keys.clear();
            }
            case "resetkeys" -> {
                allKeys = false;
                keys.clear();
            }
            case "allchannels", "&*" -> {
                allChannels = true;
                channels.clear();
            }
            case "resetchannels" -> {
                allChannels = false;
                channels.clear();
            }
            case "allcommands", "+@all" -> setAllCommands(true);
            case "nocommands", "-@all" -> setAllCommands(false);
            case "reset" -> {
                for (String r : new String[] {"resetpass", "resetkeys", "resetchannels", "off", "-@all"}) {
                    apply(r);
                }
            }
            case "sanitize-payload", "skip-sanitize-payload" -> { }
            default -> applyPattern(op);
        }
        refresh();
    }

    private void applyPattern(String op) {
        char c = op.isEmpty() ? ' ' : op.charAt(0);
        if (c == '>' || c == '<') {
            String hash = hash(op.substring(1).getBytes(StandardCharsets.UTF_8));
            password(c == '>', hash);
        } else if (c == '#' || c == '!') {
            String hash = op.substring(1);
            if (!hash.matches("[0-9a-f]{64}")) {
                throw new AclError("The password hash must be exactly 64 characters and contain only lowercase hexadecimal characters");
            }
            password(c == '#', hash);
        } else if (c == '~' || c == '%') {
            keyPattern(op);
        } else if (c == '&') {
            if (allChannels) {
                throw new AclError("Adding a pattern after the * pattern (or the 'allchannels' flag) is not valid and does not "
                        + "have any effect. Try 'resetchannels' to start with an empty list of channels");
            }
            String pattern = op.substring(1);
            if (!channels.contains(pattern)) {
                channels.add(pattern);
            }
        } else if (c == '+' || c == '-') {
            commandRule(op.substring(1).toLowerCase(Locale.ROOT), c == '+');
        } else {
            throw new AclError("Syntax error");
        }
    }

    private void password(boolean add, String hash) {
        if (add) {
            passwords.add(hash);
            nopass = false;
        } else if (!passwords.remove(hash)) {
            throw new AclError("The password you are trying to remove from the user does not exist");
        }
    }

    private void keyPattern(String op) {
        boolean read = true;
        boolean write = true;
        String pattern;
        if (op.charAt(0) == '%') {
            int tilde = op.indexOf('~');
            if (tilde < 2) {
                throw new AclError("Syntax error");
            }
            read = false;
            write = false;
            for (char f : op.substring(1, tilde).toUpperCase(Locale.ROOT).toCharArray()) {
                if (f == 'R') {
                    read = true;
                } else if (f == 'W') {
                    write = true;
                } else {
                    throw new AclError("Syntax error");
                }
            }
            pattern = op.substring(tilde + 1);
        } else {
            pattern = op.substring(1);
        }
        if (allKeys) {
            throw new AclError("Adding a pattern after the * pattern (or the 'allkeys' flag) is not valid and does not "
                    + "have any effect. Try 'resetkeys' to start with an empty list of patterns");
        }
        if (read && write && pattern.equals("*")) {
            apply("allkeys");
            return;
        }
        for (int i = 0; i < keys.size(); i++) {
            KeyPattern k = keys.get(i);
            if (k.pattern().equals(pattern)) {
                keys.set(i, new KeyPattern(pattern, k.read() || read, k.write() || write, k.glob()));
                return;
            }
        }
        keys.add(new KeyPattern(pattern, read, write, Glob.compile(pattern, false)));
    }

    private void setAllCommands(boolean all) {
        allCommands = all;
        allBase = all;
        allowed.clear();
        firstArgs.clear();
        commandRules.clear();
    }

    /** +cmd, -cmd, +@cat, -@cat, +cmd|sub, -cmd|sub. */
    private void commandRule(String target, boolean add) {
        Set<String> leaves;
        if (target.startsWith("@")) {
            String cat = target.substring(1);
            if (!AclCategories.NAMES.contains(cat)) {
                throw new AclError("Unknown command or category name in ACL");
            }
            leaves = categories.in(cat);
        } else if (target.indexOf('|') >= 0) {
            if (!categories.leaves().contains(target)) {
                allowFirstArg(target, add);
                return;
            }
            leaves = Set.of(target);
        } else if (!categories.known(target)) {
            throw new AclError("Unknown command or category name in ACL");
        } else {
            List<String> subs = categories.subcommandsOf(target);
            leaves = subs.isEmpty() ? Set.of(target) : new HashSet<>(subs);
        }
        if (allCommands && !add) {
            allCommands = false; // from here on the set says it all
            allowed.addAll(categories.leaves());
        }
        if (!allCommands) {
            if (add) {
                allowed.addAll(leaves);
            } else {
                allowed.removeAll(leaves);
            }
        }
        leaves.forEach(firstArgs::remove);
        String rule = (add ? "+" : "-") + target;
        commandRules.remove("+" + target);
        commandRules.remove("-" + target);
        commandRules.add(rule);
    }

    /**
     * "+select|0", "+debug|digest": the command only with that first argument (Redis allows it for
     * commands without subcommands). Anything else of the form cmd|x names no command.
     */
    private void allowFirstArg(String target, boolean add) {
        int bar = target.indexOf('|');
        String command = target.substring(0, bar);
        String arg = target.substring(bar + 1);
        if (!add || !categories.leaves().contains(command) || arg.indexOf('|') >= 0) {
            throw new AclError("Unknown command or category name in ACL");
        }
        if (arg.isEmpty()) {
            throw new AclError("Syntax error");
        }
        if (!canRun(command)) {
            firstArgs.computeIfAbsent(command, k -> new HashSet<>()).add(arg);
        }
        commandRules.remove("+" + target);
        commandRules.add("+" + target);
    }

    /** May run this leaf with these arguments (a first-arg rule looks at argv[1]). */
    boolean canRun(String leaf, byte[][] argv) {
        if (canRun(leaf)) {
            return true;
        }
        Set<String> args = firstArgs.get(leaf);
        return args != null && argv.length >= 2
                && args.contains(new String(argv[1], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
    }

    private void refresh() {
        unrestricted = allCommands && allKeys && allChannels;
    }

    /** May run this leaf ("get", "config|set"). */
    boolean canRun(String leaf) {
        return allCommands || allowed.contains(leaf);
    }

    boolean checkPassword(byte[] password) {
        if (nopass) {
            return true;
        }
        String hash = hash(password);
        boolean ok = false;
        for (String p : passwords) {
            ok |= MessageDigest.isEqual(p.getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII));
        }
        return ok;
    }

    /** ACL GETUSER's "commands": +@all or -@all, then the rules given since. */
    String describeCommands() {
        StringBuilder sb = new StringBuilder(allBase ? "+@all" : "-@all");
        for (String r : commandRules) {
            sb.append(' ').append(r);
        }
        return sb.toString();
    }

    String describeKeys() {
        if (allKeys) {
            return "~*";
        }
        List<String> out = new ArrayList<>();
        keys.forEach(k -> out.add(k.describe()));
        return String.join(" ", out);
    }

    String describeChannels() {
        if (allChannels) {
            return "&*";
        }
        List<String> out = new ArrayList<>();
        channels.forEach(c -> out.add("&" + c));
        return String.join(" ", out);
    }

    /** ACL LIST's line and the aclfile's: "user NAME on #hash ~* &* +@all". */
    String describe() {
        StringBuilder sb = new StringBuilder("user ").append(name).append(enabled ? " on" : " off");
        if (nopass) {
            sb.append(" nopass");
        }
        passwords.forEach(p -> sb.append(" #").append(p));
        String k = describeKeys();
        if (!k.isEmpty()) {
            sb.append(' ').append(k);
        }
        sb.append(allChannels ? " &*" : " resetchannels");
        if (!allChannels) {
            channels.forEach(c -> sb.append(" &").append(c));
        }
        return sb.append(' ').append(describeCommands()).toString();
    }

    static String hash(byte[] password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(password));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
