package dev.syncer.engine.acl;

import dev.syncer.engine.server.Glob;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One set of permissions as Redis 7.0's aclSelector: the commands it may run, the key patterns
 * (each with read and/or write permission) and channel patterns it may touch. A user has a root
 * selector and any number of "(...)" selectors; a command runs when one of them allows all of it.
 * {@link #apply} is ACLSetSelector.
 */
final class AclSelector {

    /** A key pattern with its permissions: "~p" read and write, "%R~p" read, "%W~p" write. */
    record KeyPattern(String pattern, boolean read, boolean write, Glob glob) {
        String describe() {
            return (read && write ? "~" : read ? "%R~" : "%W~") + pattern;
        }
    }

    private final AclCategories categories;
    boolean allCommands;
    private boolean allBase; // the last +@all / -@all: where the rules since start from
    final Set<String> allowed = new HashSet<>(); // leaves, when not allCommands
    final Map<String, Set<String>> firstArgs = new HashMap<>(); // "+select|0": leaf -> args
    final List<String> commandRules = new ArrayList<>(); // as given since the last +@all/-@all (GETUSER)
    boolean allKeys;
    final List<KeyPattern> keys = new ArrayList<>();
    boolean allChannels;
    final List<String> channels = new ArrayList<>();

    AclSelector(AclCategories categories) {
        this.categories = categories;
    }

    /** ACLCopySelector. */
    AclSelector copy() {
        AclSelector s = new AclSelector(categories);
        s.allCommands = allCommands;
        s.allBase = allBase;
        s.allowed.addAll(allowed);
        firstArgs.forEach((k, v) -> s.firstArgs.put(k, new HashSet<>(v)));
        s.commandRules.addAll(commandRules);
        s.allKeys = allKeys;
        s.keys.addAll(keys);
        s.allChannels = allChannels;
        s.channels.addAll(channels);
        return s;
    }

    /** ACLSetSelector: applies one rule; {@link AclError} with Redis's reason when it is not valid. */
    void apply(String op) {
        switch (op.toLowerCase(Locale.ROOT)) {
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
            default -> applyPattern(op);
        }
    }

    private void applyPattern(String op) {
        char c = op.isEmpty() ? ' ' : op.charAt(0);
        if (c == '~' || c == '%') {
            keyPattern(op);
        } else if (c == '&') {
            if (allChannels) {
                throw new AclError("Adding a pattern after the * pattern (or the 'allchannels' flag) is not valid and does not "
                        + "have any effect. Try 'resetchannels' to start with an empty list of channels");
            }
            String pattern = op.substring(1);
            if (hasSpaces(pattern)) {
                throw new AclError("Syntax error");
            }
            if (!channels.contains(pattern)) {
                channels.add(pattern);
            }
        } else if (c == '+' || c == '-') {
            commandRule(op.substring(1).toLowerCase(Locale.ROOT), c == '+');
        } else {
            throw new AclError("Syntax error");
        }
    }

    /** "~p", or "%" then R and/or W (each once), then "~p"; "%RW" alone names the empty pattern, as Redis accepts it. */
    private void keyPattern(String op) {
        if (allKeys) {
            throw new AclError("Adding a pattern after the * pattern (or the 'allkeys' flag) is not valid and does not "
                    + "have any effect. Try 'resetkeys' to start with an empty list of patterns");
        }
        boolean read = true;
        boolean write = true;
        int offset = 1;
        if (op.charAt(0) == '%') {
            read = false;
            write = false;
            boolean ok = true;
            for (; offset < op.length(); offset++) {
                char f = Character.toUpperCase(op.charAt(offset));
                if (f == 'R' && !read) {
                    read = true;
                } else if (f == 'W' && !write) {
                    write = true;
                } else if (op.charAt(offset) == '~') {
                    offset++;
                    break;
                } else {
                    ok = false;
                    break;
                }
            }
            if (!ok || !(read || write)) {
                throw new AclError("Syntax error");
            }
        }
        String pattern = op.substring(Math.min(offset, op.length()));
        if (hasSpaces(pattern)) {
            throw new AclError("Syntax error");
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

    private static boolean hasSpaces(String s) {
        return s.chars().anyMatch(ch -> Character.isWhitespace(ch) || ch == 0);
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
        if (allCommands && add) {
            leaves.forEach(firstArgs::remove);
            return; // +@all allows it already: nothing to add, nor to describe
        }
        if (allCommands) {
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
        // a whole command engulfs the rules of its subcommands and first args (+memory after +memory|doctor)
        commandRules.removeIf(r -> r.startsWith(target + "|", 1));
        commandRules.remove("+" + target);
        commandRules.remove("-" + target);
        commandRules.add((add ? "+" : "-") + target);
    }

    /**
     * "+select|0", "+debug|digest": the command only with that first argument (Redis allows it for
     * commands without subcommands). Anything else of the form cmd|x names no command.
     */
    private void allowFirstArg(String target, boolean add) {
        int bar = target.lastIndexOf('|');
        String command = target.substring(0, bar);
        String arg = target.substring(bar + 1);
        if (!add || !categories.known(command)) {
            throw new AclError("Unknown command or category name in ACL");
        }
        if (command.indexOf('|') >= 0) {
            throw new AclError("Allowing first-arg of a subcommand is not supported");
        }
        if (arg.isEmpty()) {
            throw new AclError("Syntax error");
        }
        if (!categories.subcommandsOf(command).isEmpty()) {
            throw new AclError("Unknown command or category name in ACL"); // a container's unknown subcommand
        }
        if (!canRun(command)) {
            firstArgs.computeIfAbsent(command, k -> new HashSet<>()).add(arg);
        }
        commandRules.remove("+" + target);
        commandRules.add("+" + target);
    }

    /** May run this leaf ("get", "config|get"). */
    boolean canRun(String leaf) {
        return allCommands || allowed.contains(leaf);
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

    /** ACLSelectorCheckKey: some pattern with the permissions the key needs matches it. */
    boolean keyAllowed(byte[] key, boolean read, boolean write) {
        if (allKeys) {
            return true;
        }
        for (KeyPattern k : keys) {
            if ((!read || k.read()) && (!write || k.write()) && k.glob().matches(key)) {
                return true;
            }
        }
        return false;
    }

    /** ACLSelectorHasUnrestrictedKeyAccess: every key, with these permissions. */
    boolean allKeysWith(boolean read, boolean write) {
        if (allKeys) {
            return true;
        }
        for (KeyPattern k : keys) {
            if ((!read || k.read()) && (!write || k.write()) && k.pattern().equals("*")) {
                return true;
            }
        }
        return false;
    }

    /** ACLCheckChannelAgainstList: a pattern subscription must name a pattern literally; a channel must match one. */
    boolean channelAllowed(byte[] channel, boolean literal) {
        if (allChannels) {
            return true;
        }
        String c = new String(channel, StandardCharsets.UTF_8);
        for (String pattern : channels) {
            if (literal ? pattern.equals(c) : Glob.compile(pattern, false).matches(channel)) {
                return true;
            }
        }
        return false;
    }

    /** GETUSER's "commands": +@all or -@all, then the rules given since. */
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

    /** ACLDescribeSelector: keys, channels ("resetchannels" first when not all), then the command rules. */
    String describe() {
        StringBuilder sb = new StringBuilder();
        String k = describeKeys();
        if (!k.isEmpty()) {
            sb.append(k).append(' ');
        }
        sb.append(allChannels ? "&*" : "resetchannels");
        if (!allChannels) {
            channels.forEach(c -> sb.append(" &").append(c));
        }
        return sb.append(' ').append(describeCommands()).toString();
    }
}
