package dev.syncer.engine.acl;

import dev.syncer.engine.command.Authenticator;
import dev.syncer.engine.command.CommandDispatcher;
import dev.syncer.engine.command.CommandSpec;
import dev.syncer.engine.persistence.FatalStartupError;
import dev.syncer.engine.server.ClientSession;
import dev.syncer.engine.server.Config;
import dev.syncer.engine.server.Principal;
import dev.syncer.engine.server.Shard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Redis 7.0's ACL on a shard: the users (the {@code default} user always exists and is who every
 * connection starts as), who AUTH authenticates, and the check every command passes before it runs
 * (ACLCheckAllPerm): may this user run the command, touch these keys, these channels. A user with
 * every command, key and channel — the default user unless changed — costs one field read per command.
 * {@code requirepass} is the default user's password; {@code aclfile} holds the users when set.
 */
public final class Acl implements Authenticator {

    public static final String ACLFILE = "aclfile";
    public static final String LOG_MAX_LEN = "acllog-max-len";

    public static final String PUBSUB_DEFAULT = "acl-pubsub-default";

    private final Shard shard;
    private final dev.syncer.engine.command.CommandTable table;
    private final AclCategories categories;
    private final Map<String, AclUser> users = new TreeMap<>();
    private final AclUser defaultUser;
    final AclLog log = new AclLog();
    private dev.syncer.engine.command.PubSub pubSub;

    private Acl(Shard shard, CommandDispatcher commands) {
        this(shard, commands.table(), new AclCategories(commands.table()));
    }

    public static void define(Config config) {
        config.define(ACLFILE, "", s -> s, false);
        config.define(LOG_MAX_LEN, "128", Config::integer, true);
        config.define(PUBSUB_DEFAULT, "resetchannels", v -> {
            String s = v.trim().toLowerCase(Locale.ROOT);
            if (!s.equals("allchannels") && !s.equals("resetchannels")) {
                throw new IllegalArgumentException("argument(s) must be one of the following: allchannels, resetchannels");
            }
            return s;
        }, true);
    }

    /** Attaches last (its command universe then includes every component's commands). */
    public static Acl attach(Shard shard, CommandDispatcher commands) {
        Acl acl = new Acl(shard, commands);
        acl.pubSub = commands.pubSub();
        acl.requirepass(shard.config().get("requirepass"));
        shard.config().watch("requirepass", acl::requirepass);
        AclCommand.register(commands.table(), acl); // before the aclfile: its rules may name ACL
        acl.loadConfiguredUsers(shard.config().users());
        shard.config().setUserLines(acl::userLines);
        Path file = acl.aclfile();
        if (file != null && Files.exists(file)) {
            String error = acl.load(file, null);
            if (error != null) {
                throw new IllegalArgumentException("Error loading the ACL file: " + error);
            }
        }
        shard.setAdmission(acl::admit);
        commands.setAuthenticator(acl);
        commands.table().setCatalog(new AclCommandCatalog(acl.categories));
        commands.addGate(acl::check);
        return acl;
    }

    /**
     * ACLLoadUsersAtStartup's first half: the users of redis.conf's "user" lines and --user options
     * (the default user among them starts from "reset"). Users there and an aclfile as well is a
     * set-up Redis refuses to start with, as is a rule that does not apply.
     */
    private void loadConfiguredUsers(List<List<String>> declared) {
        if (declared.isEmpty()) {
            return;
        }
        if (aclfile() != null) {
            throw new FatalStartupError("Configuring Redis with users defined in redis.conf and at the same setting an "
                    + "ACL file path is invalid. This setup is very likely to lead to configuration errors and security "
                    + "holes, please define either an ACL file or declare users directly in your redis.conf, but not both.", null);
        }
        for (List<String> words : declared) {
            String name = words.get(0);
            try {
                if (name.equals("default")) {
                    defaultUser.apply("reset");
                }
                setUser(name, words.subList(1, words.size()));
            } catch (IllegalArgumentException e) {
                throw new FatalStartupError("Error loading ACL user '" + name + "' from the configuration: "
                        + e.getMessage().replaceFirst("^ERR ", "") + ". Critical error while loading ACLs. Exiting.", e);
            }
        }
    }

    /** rewriteConfigUserOption: every user's line for CONFIG REWRITE, none when an aclfile keeps them. */
    private List<String> userLines() {
        return aclfile() != null ? List.of() : users.values().stream().map(AclUser::describe).toList();
    }

    /** The aclfile, a relative name read in {@code dir} (Redis works in its dir); null when not set. */
    Path aclfile() {
        String file = shard.config().get(ACLFILE);
        return file.isEmpty() ? null : Path.of(shard.config().get("dir")).resolve(file);
    }

    private void admit(ClientSession session) {
        session.startAs(defaultUser, defaultUser.nopass && defaultUser.enabled);
    }

    /** CONFIG SET requirepass: the default user's only password (empty: nopass). */
    private void requirepass(String password) {
        defaultUser.apply("resetpass");
        defaultUser.apply(password.isEmpty() ? "nopass" : ">" + password);
    }

    // ---- users ------------------------------------------------------------------------------

    public AclUser user(String name) {
        return users.get(name);
    }

    @Override
    public boolean userExists(String name) {
        return users.containsKey(name);
    }

    List<AclUser> users() {
        return List.copyOf(users.values());
    }

    AclCategories categories() {
        return categories;
    }

    /**
     * ACL SETUSER: applies the rules to a copy, then to the user (created if new), so a bad rule
     * changes nothing. Throws {@link IllegalArgumentException} with Redis's error text.
     */
    public void setUser(String name, List<String> rules) {
        if (name.isEmpty() || name.chars().anyMatch(c -> Character.isWhitespace(c) || c == 0)) {
            throw new IllegalArgumentException("ERR Usernames can't contain spaces or null characters");
        }
        List<String> merged = mergeSelectorArguments(rules);
        boolean allChannels = "allchannels".equals(shard.config().get(PUBSUB_DEFAULT));
        AclUser existing = users.get(name);
        AclUser draft = new AclUser(name, categories);
        if (existing != null) {
            draft.copyFrom(existing);
        } else if (allChannels) {
            draft.apply("allchannels");
        }
        for (String rule : merged) {
            try {
                draft.apply(rule, allChannels);
            } catch (AclError e) {
                throw new IllegalArgumentException("ERR Error in ACL SETUSER modifier '" + rule + "': " + e.getMessage());
            }
        }
        if (existing == null) {
            users.put(name, draft);
        } else {
            existing.copyFrom(draft);
            killRevokedSubscribers(existing);
        }
    }

    /**
     * ACLMergeSelectorArguments: "(+get" "~k*)" given as separate arguments become one "(+get ~k*)"
     * rule; a parenthesis never closed is an error.
     */
    static List<String> mergeSelectorArguments(List<String> rules) {
        List<String> out = new ArrayList<>();
        StringBuilder open = null;
        String openedAt = null;
        for (String op : rules) {
            if (open == null && op.startsWith("(") && !op.endsWith(")")) {
                open = new StringBuilder(op);
                openedAt = op;
            } else if (open != null) {
                open.append(' ').append(op);
                if (op.endsWith(")")) {
                    out.add(open.toString());
                    open = null;
                }
            } else {
                out.add(op);
            }
        }
        if (open != null) {
            throw new IllegalArgumentException("ERR Unmatched parenthesis in acl selector starting at '" + openedAt + "'.");
        }
        return out;
    }

    /** ACL DELUSER: removes the user and disconnects its clients; false if there was none. */
    boolean deleteUser(String name, ClientSession current) {
        AclUser u = users.remove(name);
        if (u == null) {
            return false;
        }
        disconnect(u, current);
        return true;
    }

    private void disconnect(AclUser u, ClientSession current) {
        for (ClientSession c : new ArrayList<ClientSession>(clientsOf(u))) {
            if (c == current) {
                c.closeAfterReply(true);
            } else if (c.channel() != null) {
                c.channel().close();
            }
        }
    }

    /** ACLKillPubsubClientsIfNeeded: a subscriber of the user that may no longer hear a subscription is dropped. */
    private void killRevokedSubscribers(AclUser u) {
        if (u.allChannels() || pubSub == null) {
            return;
        }
        for (ClientSession c : clientsOf(u)) {
            boolean[] revoked = {false};
            pubSub.forEachSubscription(c, (name, pattern) -> revoked[0] |= !u.channelAllowed(name, pattern));
            if (revoked[0] && c.channel() != null) {
                c.channel().close();
            }
        }
    }

    private List<ClientSession> clientsOf(AclUser u) {
        List<ClientSession> out = new ArrayList<>();
        for (ClientSession c : shard.clients()) {
            if (c.principal() == u) {
                out.add(c);
            }
        }
        return out;
    }

    // ---- authentication ---------------------------------------------------------------------

    @Override
    public boolean authenticate(ClientSession session, String user, byte[] password) {
        AclUser u = users.get(user);
        if (u != null && u.enabled && u.checkPassword(password)) {
            session.authenticate(u);
            return true;
        }
        logDenial(session, "auth", "AUTH", user);
        return false;
    }

    @Override
    public boolean defaultUserNoPass() {
        return defaultUser.nopass;
    }

    // ---- the permission check ---------------------------------------------------------------

    /** The dispatcher's gate: null lets the command run, else the NOPERM error (and an ACL LOG entry). */
    private String check(CommandSpec spec, ClientSession session, byte[][] argv) {
        Principal p = session.principal();
        if (!(p instanceof AclUser u) || u.unrestricted) {
            return null; // the hot path: an in-process client, or a user that may do anything
        }
        AclCheck.Denial d = denial(u, spec, argv);
        if (d == null) {
            return null;
        }
        logDenial(session, d.reason(), d.object(), u.name());
        return "NOPERM " + message(d, false);
    }

    @Override
    public String scriptDenial(ClientSession session, CommandSpec spec, byte[][] argv, boolean log) {
        if (!(session.principal() instanceof AclUser u) || u.unrestricted) {
            return null;
        }
        AclCheck.Denial d = denial(u, spec, argv);
        if (d == null) {
            return null;
        }
        if (log) {
            logDenial(session, d.reason(), d.object(), u.name(), "lua");
        }
        return switch (d.reason()) {
            case "command" -> "can't run this command or subcommand";
            case "key" -> "can't access at least one of the keys mentioned in the command arguments";
            default -> "can't publish to the channel mentioned in the command";
        };
    }

    @Override
    public boolean unrestrictedReads(ClientSession session, CommandSpec spec, byte[][] argv) {
        if (!(session.principal() instanceof AclUser u) || u.unrestricted) {
            return true;
        }
        return AclCheck.unrestrictedReads(u, categories.leafOf(spec, argv), spec, argv);
    }

    /** ACLCheckAllUserCommandPerm: the denial to report, or null when some selector allows the command. */
    AclCheck.Denial denial(AclUser u, CommandSpec spec, byte[][] argv) {
        return AclCheck.check(u, categories.leafOf(spec, argv), spec, argv);
    }

    /** getAclErrorMessage: the NOPERM text, or ACL DRYRUN's verbose one. */
    static String message(AclCheck.Denial d, boolean verbose) {
        return switch (d.reason()) {
            case "command" -> (verbose ? "This" : "this") + " user has no permissions to run the '" + d.object() + "' command";
            case "key" -> verbose ? "This user has no permissions to access the '" + d.object() + "' key"
                    : "this user has no permissions to access one of the keys used as arguments";
            default -> verbose ? "This user has no permissions to access the '" + d.object() + "' channel"
                    : "this user has no permissions to access one of the channels used as arguments";
        };
    }

    private void logDenial(ClientSession session, String reason, String object, String user) {
        logDenial(session, reason, object, user, session.inMulti() ? "multi" : "toplevel");
    }

    private void logDenial(ClientSession session, String reason, String object, String user, String context) {
        String info = "id=" + session.id() + " addr=" + session.address() + " laddr=" + session.localAddress()
                + " name=" + session.name() + " user=" + session.userName() + " db=" + session.db()
                + " cmd=" + session.lastCommand().toLowerCase(Locale.ROOT);
        log.add(reason, context, object, user, info, shard.clock().millis(),
                (int) shard.config().getLong(LOG_MAX_LEN));
    }

    // ---- aclfile ----------------------------------------------------------------------------

    /**
     * ACL LOAD: replaces every user from the file; an error (Redis's text) keeps the current ones.
     * The clients of replaced users are disconnected, {@code current} after its reply.
     */
    String load(Path file, ClientSession current) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "Error loading ACLs, opening file '" + file + "': " + e.getMessage();
        }
        Acl staged = new Acl(shard, table, categories);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+");
            if (!words[0].equals("user") || words.length < 2) {
                return file + ":" + (n + 1) + ": should start with user keyword";
            }
            try {
                if (!seen.add(words[1])) {
                    return "Duplicate user '" + words[1] + "' found";
                }
                if (words[1].equals("default")) {
                    staged.defaultUser.apply("reset");
                }
                staged.setUser(words[1], List.of(words).subList(2, words.length));
            } catch (IllegalArgumentException e) {
                return file + ":" + (n + 1) + ": " + e.getMessage().replaceFirst("^ERR ", "");
            }
        }
        for (AclUser old : users.values()) {
            if (old != defaultUser) {
                disconnect(old, current);
            }
        }
        users.clear();
        defaultUser.copyFrom(staged.defaultUser);
        users.put("default", defaultUser);
        staged.users.forEach((name, u) -> users.putIfAbsent(name, u));
        return null;
    }

    private Acl(Shard shard, dev.syncer.engine.command.CommandTable table, AclCategories categories) {
        this.shard = shard;
        this.table = table;
        this.categories = categories;
        this.defaultUser = new AclUser("default", categories);
        for (String rule : new String[] {"+@all", "~*", "&*", "on", "nopass"}) {
            defaultUser.apply(rule);
        }
        users.put("default", defaultUser);
    }

    /** ACL SAVE: every user's line, written to a temporary file renamed over the aclfile. */
    void save(Path file) {
        StringBuilder sb = new StringBuilder();
        users.values().forEach(u -> sb.append(u.describe()).append('\n'));
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
            Files.deleteIfExists(tmp);
            // password hashes: readable by the server's user only, as Redis's 0600 files
            Files.createFile(tmp, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    dev.syncer.engine.command.CommandTable table() {
        return table;
    }

    Shard shard() {
        return shard;
    }
}
