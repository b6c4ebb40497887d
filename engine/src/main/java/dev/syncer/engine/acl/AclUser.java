package dev.syncer.engine.acl;

import dev.syncer.engine.server.Principal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One ACL user as Redis 7.0 keeps it: on/off, passwords as SHA-256 hashes, a root
 * {@link AclSelector} and the "(...)" selectors added after it. {@link #apply} is ACLSetUser: one
 * rule at a time, changing the user in place so that connected clients see it.
 */
public final class AclUser implements Principal {

    private final String name;
    private final AclCategories categories;
    boolean enabled;
    boolean nopass;
    final Set<String> passwords = new LinkedHashSet<>(); // SHA-256 hex
    AclSelector root;
    final List<AclSelector> selectors = new ArrayList<>(); // after the root, in the order given
    /** All commands, keys and channels: the dispatcher's check is one field read. */
    volatile boolean unrestricted;

    AclUser(String name, AclCategories categories) {
        this.name = name;
        this.categories = categories;
        this.root = new AclSelector(categories);
        refresh();
    }

    /** Takes another user's rules (ACL SETUSER applies its rules to a copy, then commits it). */
    void copyFrom(AclUser o) {
        enabled = o.enabled;
        nopass = o.nopass;
        passwords.clear();
        passwords.addAll(o.passwords);
        root = o.root.copy();
        selectors.clear();
        o.selectors.forEach(s -> selectors.add(s.copy()));
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
        apply(op, false);
    }

    /** With {@code allChannels}, new selectors start with every channel (acl-pubsub-default allchannels). */
    void apply(String op, boolean allChannels) {
        String lower = op.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "" -> { }
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
            case "clearselectors" -> selectors.clear();
            case "reset" -> {
                for (String r : new String[] {"resetpass", "resetkeys", "resetchannels", "off", "clearselectors", "-@all"}) {
                    apply(r);
                }
                if (allChannels) {
                    apply("allchannels");
                }
            }
            case "sanitize-payload", "skip-sanitize-payload" -> { }
            default -> applyOther(op, allChannels);
        }
        refresh();
    }

    private void applyOther(String op, boolean allChannels) {
        char c = op.charAt(0);
        if (c == '>' || c == '<') {
            String hash = hash(op.substring(1).getBytes(StandardCharsets.UTF_8));
            password(c == '>', hash);
        } else if (c == '#' || c == '!') {
            String hash = op.substring(1);
            if (!hash.matches("[0-9a-f]{64}")) {
                throw new AclError("The password hash must be exactly 64 characters and contain only lowercase hexadecimal characters");
            }
            password(c == '#', hash);
        } else if (c == '(' && op.endsWith(")")) {
            selectors.add(selector(op.substring(1, op.length() - 1), allChannels));
        } else {
            root.apply(op);
        }
    }

    /** aclCreateSelectorFromOpSet: a new selector from the rules between the parentheses. */
    private AclSelector selector(String rules, boolean allChannels) {
        AclSelector s = new AclSelector(categories);
        if (allChannels) {
            s.apply("allchannels");
        }
        for (String rule : rules.trim().split("\\s+")) {
            if (!rule.isEmpty()) {
                s.apply(rule);
            }
        }
        return s;
    }

    private void password(boolean add, String hash) {
        if (add) {
            passwords.add(hash);
            nopass = false;
        } else if (!passwords.remove(hash)) {
            throw new AclError("The password you are trying to remove from the user does not exist");
        }
    }

    /** The root selector first, then the others: the order a command is checked in. */
    List<AclSelector> allSelectors() {
        List<AclSelector> all = new ArrayList<>(1 + selectors.size());
        all.add(root);
        all.addAll(selectors);
        return all;
    }

    /** ACLUserCheckChannelPerm: some selector may use this channel (or, {@code literal}, this pattern). */
    boolean channelAllowed(byte[] channel, boolean literal) {
        for (AclSelector s : allSelectors()) {
            if (s.channelAllowed(channel, literal)) {
                return true;
            }
        }
        return false;
    }

    boolean allChannels() {
        return allSelectors().stream().anyMatch(s -> s.allChannels);
    }

    private void refresh() {
        unrestricted = root.allCommands && root.allKeys && root.allChannels;
    }

    /** The root selector may run this leaf ("get", "config|get"). */
    boolean canRun(String leaf) {
        return root.canRun(leaf);
    }

    boolean canRun(String leaf, byte[][] argv) {
        return root.canRun(leaf, argv);
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

    String describeCommands() {
        return root.describeCommands();
    }

    String describeKeys() {
        return root.describeKeys();
    }

    String describeChannels() {
        return root.describeChannels();
    }

    /** ACLDescribeUser, ACL LIST's line and the aclfile's: "user NAME on #hash ~* &* +@all (~k* resetchannels -@all +get)". */
    String describe() {
        StringBuilder sb = new StringBuilder("user ").append(name).append(enabled ? " on" : " off");
        if (nopass) {
            sb.append(" nopass");
        }
        passwords.forEach(p -> sb.append(" #").append(p));
        sb.append(' ').append(root.describe());
        selectors.forEach(s -> sb.append(" (").append(s.describe()).append(')'));
        return sb.toString();
    }

    static String hash(byte[] password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(password));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
