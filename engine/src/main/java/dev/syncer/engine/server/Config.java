package dev.syncer.engine.server;

import dev.syncer.engine.keyspace.MaxmemoryPolicy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The shard's settings, by Redis's names, as CONFIG GET/SET and the launcher see them. Each
 * parameter has a default, a normaliser that validates and canonicalises a new value (throwing
 * {@link IllegalArgumentException} with the reason), and listeners that apply it live.
 */
public final class Config {

    /** Validates and canonicalises a value; throws IllegalArgumentException with the reason. */
    public interface Normaliser extends UnaryOperator<String> {
    }

    private static final class Param {
        final String name;
        final Normaliser normaliser;
        final boolean mutable;
        /** A PROTECTED_CONFIG: CONFIG SET needs enable-protected-configs. */
        boolean isProtected;
        /** A HIDDEN_CONFIG: CONFIG GET returns it only when asked for by name, never for a pattern. */
        boolean hidden;
        final List<Consumer<String>> listeners = new ArrayList<>();
        final String defaultValue;
        String value;
        /** getLong's last parse, kept with the text it came from (commands read settings per call). */
        Parsed parsed;

        Param(String name, String value, Normaliser normaliser, boolean mutable) {
            this.name = name;
            this.defaultValue = value;
            this.value = value;
            this.normaliser = normaliser;
            this.mutable = mutable;
        }
    }

    private record Parsed(String text, long value) {
    }

    private final Map<String, Param> params = new LinkedHashMap<>();
    private final Map<String, String> aliases = new LinkedHashMap<>();
    private Path file;
    /** redis.conf's "user" lines and --user options: each a name and its rules, created at start-up. */
    private final List<List<String>> users = new ArrayList<>();
    private Supplier<List<String>> userLines = List::of;

    public Config() {
        define("bind", "127.0.0.1", s -> s, true); // CONFIG SET rebinds the plain listeners
        define("daemonize", "no", Config::notDaemonized, false);
        define("port", "6379", Config::integer, true); // CONFIG SET moves the listener, as Redis's changeListener
        define("requirepass", "", s -> s, true);
        define("masterauth", "", s -> s, true);
        define("masteruser", "", s -> s, true);
        define("dir", ".", s -> s, true);
        define("dbfilename", "dump.rdb", Config::baseName, true);
        markProtected("dir");
        markProtected("dbfilename");
        ProtectedActions.define(this);
        Tls.define(this);
        UnixSocket.define(this);
        define("databases", "16", Config::integer, false);
        define("proto-max-bulk-len", "536870912", v -> atLeast(memory(v), 1024 * 1024), true);
        define("client-query-buffer-limit", "1073741824", Config::memory, true);
        define("maxclients", "10000", Config::integer, true);
        define("timeout", "0", Config::integer, true);
        define("busy-reply-threshold", "5000", Config::integer, true); // scripts: others get BUSY past it
        define("hz", "10", Config::integer, true);
        define("dynamic-hz", "yes", Config::yesNo, true); // accepted; the cron keeps hz whatever the client count
        define("maxmemory", "0", Config::memory, true);
        define("maxmemory-policy", "noeviction", s -> MaxmemoryPolicy.of(s).configName(), true);
        define("maxmemory-samples", "5", v -> between(integer(v), 1, 64), true);
        define("maxmemory-eviction-tenacity", "10", v -> between(integer(v), 0, 100), true);
        define("lazyfree-lazy-eviction", "no", Config::yesNo, true);
        define("maxmemory-clients", "0", ClientEviction::parse, true);
        define("lfu-log-factor", "10", Config::integer, true);
        define("lfu-decay-time", "1", Config::integer, true);
        define("appendonly", "no", Config::yesNo, true);
        define("save", "3600 1 300 100 60 10000", Config::saveRules, true);
        define("rdbcompression", "yes", Config::yesNo, true);
        define("rdbchecksum", "yes", Config::yesNo, true);
        define("lazyfree-lazy-expire", "no", Config::yesNo, true);
        define("hll-sparse-max-bytes", "3000", Config::memory, true);
        define("tcp-keepalive", "300", Config::integer, true);
        define("loglevel", "notice", s -> s, true);
        define("cluster-enabled", "no", Config::yesNo, false);
    }

    /** Adds a parameter; components own theirs (replication defines repl-*). */
    public void define(String name, String defaultValue, Normaliser normaliser, boolean mutable) {
        params.put(name, new Param(name, normaliser.apply(defaultValue), normaliser, mutable));
    }

    /** Marks a parameter PROTECTED_CONFIG: a client may set it only if enable-protected-configs allows. */
    public void markProtected(String name) {
        param(name).isProtected = true;
    }

    public boolean isProtected(String name) {
        return param(name).isProtected;
    }

    /**
     * Marks a parameter HIDDEN_CONFIG: left out of CONFIG GET patterns (CONFIG GET * lists Redis's
     * settings), returned when named. Redis hides its testing knobs and the one immutable setting
     * its CONFIG sanity test does not know (lua-enable-deprecated-api); the shard's own immutable
     * settings are hidden the same way, so setting every listed setting to its value succeeds.
     */
    public void markHidden(String name) {
        param(name).hidden = true;
    }

    /** isValidDBfilename: a file name, never a path (else SAVE could write anywhere). */
    static String baseName(String s) {
        if (s.indexOf('/') >= 0 || s.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("dbfilename can't be a path, just a filename");
        }
        return s;
    }

    public void alias(String alias, String name) {
        aliases.put(alias, name);
    }

    private Param param(String name) {
        Param exact = params.get(name); // callers name settings in lower case: no copy per command
        if (exact != null) {
            return exact;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        Param p = params.get(aliases.getOrDefault(lower, lower));
        if (p == null) {
            throw new IllegalArgumentException("Unknown option or number of arguments for CONFIG SET - '" + name + "'");
        }
        return p;
    }

    /** The name a setting is known by when name may be an alias (slaveof -> replicaof); null if unknown. */
    public String canonicalName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String canonical = aliases.getOrDefault(lower, lower);
        return params.containsKey(canonical) ? canonical : null;
    }

    /** Every setting's name, in definition order (aliases left out). */
    public List<String> names() {
        return List.copyOf(params.keySet());
    }

    public boolean isDefault(String name) {
        Param p = param(name);
        return p.value.equals(p.defaultValue);
    }

    /** The config file the shard was started with (CONFIG REWRITE writes it), or null. */
    public Path file() {
        return file;
    }

    public void setFile(Path file) {
        this.file = file;
    }

    /**
     * A "user NAME rules..." directive (the words after "user"), as ACLAppendUserForLoading keeps
     * it for start-up; a name given twice is refused in Redis's words.
     */
    public void addUser(List<String> words) {
        if (words.isEmpty()) {
            throw new IllegalArgumentException("Bad directive or wrong number of arguments");
        }
        if (users.stream().anyMatch(u -> u.get(0).equals(words.get(0)))) {
            throw new IllegalArgumentException("Error in user declaration '" + words.get(0)
                    + "': Duplicate user found. A user can only be defined once in config files");
        }
        users.add(List.copyOf(words));
    }

    /** The users the configuration declares, in order. */
    public List<List<String>> users() {
        return List.copyOf(users);
    }

    /** CONFIG REWRITE's "user" lines: the ACL component supplies its users' (none by default). */
    public List<String> userLines() {
        return userLines.get();
    }

    public void setUserLines(Supplier<List<String>> lines) {
        this.userLines = lines;
    }

    public boolean has(String name) {
        if (params.containsKey(name)) {
            return true; // callers name settings in lower case: one lookup (XADD asks twice per call)
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return params.containsKey(aliases.getOrDefault(lower, lower));
    }

    public String get(String name) {
        return param(name).value;
    }

    public long getLong(String name) {
        Param p = param(name);
        Parsed last = p.parsed;
        String text = p.value;
        if (last == null || last.text() != text) {
            last = new Parsed(text, Long.parseLong(text));
            p.parsed = last;
        }
        return last.value();
    }

    public boolean getBoolean(String name) {
        return "yes".equals(get(name));
    }

    /** Sets a value from CONFIG SET: refuses immutable parameters, as Redis does. */
    public void set(String name, String value) {
        Param p = param(name);
        if (!p.mutable) {
            throw new IllegalArgumentException("can't set immutable config");
        }
        apply(p, value);
    }

    /** Sets a value at start-up (launcher options); immutable ones included. */
    public void setInitial(String name, String value) {
        apply(param(name), value);
    }

    /** A listener that refuses the value (e.g. TLS files that do not load) restores the previous one. */
    private void apply(Param p, String value) {
        String normalised = p.normaliser.apply(value);
        String previous = p.value;
        p.value = normalised;
        try {
            for (Consumer<String> l : p.listeners) {
                l.accept(normalised);
            }
        } catch (IllegalArgumentException e) {
            p.value = previous;
            for (Consumer<String> l : p.listeners) {
                try {
                    l.accept(previous);
                } catch (IllegalArgumentException again) {
                    e.addSuppressed(again);
                }
            }
            throw e;
        }
    }

    /** Calls listener now and whenever the parameter changes. */
    public void watch(String name, Consumer<String> listener) {
        Param p = param(name);
        p.listeners.add(listener);
        listener.accept(p.value);
    }

    /**
     * Parameters whose name matches a glob (CONFIG GET), in definition order. As configGetCommand,
     * a name without glob characters is looked up directly (hidden settings included); a pattern
     * never matches a hidden one.
     */
    public Map<String, String> matching(String glob) {
        Map<String, String> out = new LinkedHashMap<>();
        if (glob.indexOf('*') < 0 && glob.indexOf('?') < 0 && glob.indexOf('[') < 0) {
            String canonical = canonicalName(glob);
            if (canonical != null) {
                out.put(glob.toLowerCase(Locale.ROOT), params.get(canonical).value);
            }
            return out;
        }
        Glob pattern = Glob.compile(glob, true);
        for (Param p : params.values()) {
            if (!p.hidden && pattern.matches(p.name)) {
                out.put(p.name, p.value);
            }
        }
        for (Map.Entry<String, String> a : aliases.entrySet()) {
            if (!params.get(a.getValue()).hidden && pattern.matches(a.getKey())) {
                out.put(a.getKey(), params.get(a.getValue()).value);
            }
        }
        return out;
    }

    // ---- normalisers -------------------------------------------------------------------------

    public static String integer(String s) {
        try {
            return Long.toString(Long.parseLong(s.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("argument couldn't be parsed into an integer");
        }
    }

    /** daemonize: the shard always runs in the foreground (its launcher or the console owns the process). */
    static String notDaemonized(String s) {
        if (!yesNo(s).equals("no")) {
            throw new IllegalArgumentException("the shard does not daemonize; daemonize must be 'no'");
        }
        return "no";
    }

    public static String yesNo(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        if (!v.equals("yes") && !v.equals("no")) {
            throw new IllegalArgumentException("argument must be 'yes' or 'no'");
        }
        return v;
    }

    /** Redis's bounds check for numeric settings: "argument must be between <min> and <max> inclusive". */
    static String atLeast(String value, long min) {
        if (Long.parseLong(value) < min) {
            throw new IllegalArgumentException("argument must be between " + min + " and " + Long.MAX_VALUE + " inclusive");
        }
        return value;
    }

    static String between(String value, long min, long max) {
        long v = Long.parseLong(value);
        if (v < min || v > max) {
            throw new IllegalArgumentException("argument must be between " + min + " and " + max + " inclusive");
        }
        return value;
    }

    /** "1mb", "64k", "1gb", "100" to bytes, as Redis's memtoull. */
    public static String memory(String s) {
        return Long.toString(parseMemory(s));
    }

    public static long parseMemory(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        long mul = 1;
        String[][] units = {{"gb", "1073741824"}, {"mb", "1048576"}, {"kb", "1024"}, {"g", "1000000000"},
            {"m", "1000000"}, {"k", "1000"}, {"b", "1"}};
        for (String[] u : units) {
            if (v.endsWith(u[0])) {
                mul = Long.parseLong(u[1]);
                v = v.substring(0, v.length() - u[0].length());
                break;
            }
        }
        try {
            long n = Long.parseLong(v);
            if (n < 0) {
                throw new IllegalArgumentException("argument must be a memory value");
            }
            return Math.multiplyExact(n, mul);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("argument must be a memory value");
        }
    }

    /** "seconds changes [seconds changes ...]" or "" (no automatic saves). */
    public static String saveRules(String s) {
        String[] parts = s.trim().isEmpty() ? new String[0] : s.trim().split("\\s+");
        if (parts.length % 2 != 0) {
            throw new IllegalArgumentException("Invalid save parameters");
        }
        for (String p : parts) {
            try {
                if (Long.parseLong(p) < 0) {
                    throw new IllegalArgumentException("Invalid save parameters");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Invalid save parameters");
            }
        }
        return String.join(" ", parts);
    }
}
