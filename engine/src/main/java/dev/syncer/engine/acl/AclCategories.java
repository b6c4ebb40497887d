package dev.syncer.engine.acl;

import dev.syncer.engine.command.CommandFlag;
import dev.syncer.engine.command.CommandSpec;
import dev.syncer.engine.command.CommandTable;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Redis 7.0's command categories over this shard's command table, the one place they are decided:
 * read, write, admin, fast and slow from each command's {@link CommandFlag}s; the data-type and
 * other groups (string, keyspace, dangerous, ...) from {@code categories.tsv}. ACL rules work on
 * "leaves": commands without subcommands, and {@code container|subcommand} names.
 */
final class AclCategories {

    /** ACL CAT's order (Redis's ACLCommandCategories). */
    static final List<String> NAMES = List.of("keyspace", "read", "write", "set", "sortedset", "list", "hash",
            "string", "bitmap", "hyperloglog", "geo", "stream", "pubsub", "admin", "fast", "slow", "blocking",
            "dangerous", "connection", "transaction", "scripting");

    private static final Map<String, List<String>> DATA = load();

    private final CommandTable table;
    private volatile int builtFor = -1;
    private volatile Map<String, Set<String>> categoriesOf = Map.of(); // leaf -> categories
    private volatile Map<String, List<String>> subcommands = Map.of(); // container -> its leaves

    AclCategories(CommandTable table) {
        this.table = table;
    }

    /** Every leaf, sorted. */
    Set<String> leaves() {
        refresh();
        return categoriesOf.keySet();
    }

    /** The leaves of one category (lower-case name), in name order. */
    Set<String> in(String category) {
        Set<String> out = new TreeSet<>();
        for (Map.Entry<String, Set<String>> e : categoriesOf().entrySet()) {
            if (e.getValue().contains(category)) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    Set<String> categoriesOf(String leaf) {
        return categoriesOf().getOrDefault(leaf, Set.of());
    }

    /** The subcommand leaves of a container command (CONFIG, ACL, CLIENT...), empty for others. */
    List<String> subcommandsOf(String name) {
        refresh();
        return subcommands.getOrDefault(name, List.of());
    }

    /** A known leaf or container name. */
    boolean known(String name) {
        refresh();
        return categoriesOf.containsKey(name) || subcommands.containsKey(name);
    }

    /** The leaf a request runs: "config|get" for CONFIG GET, "get" for GET. */
    String leafOf(CommandSpec spec, byte[][] argv) {
        List<String> subs = subcommandsOf(spec.name());
        if (!subs.isEmpty() && argv.length >= 2) {
            String leaf = spec.name() + "|" + new String(argv[1], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            if (subs.contains(leaf)) {
                return leaf;
            }
        }
        return spec.name();
    }

    private Map<String, Set<String>> categoriesOf() {
        refresh();
        return categoriesOf;
    }

    /** Rebuilt when components add commands (Active-Active's CRDT.* after the ACL attached). */
    private void refresh() {
        if (builtFor != table.size()) { // a restricted user's every command comes here: no lock on the way
            rebuild();
        }
    }

    private synchronized void rebuild() {
        if (builtFor == table.size()) {
            return;
        }
        Map<String, Set<String>> cats = new TreeMap<>();
        Map<String, List<String>> subs = new HashMap<>();
        for (CommandSpec spec : table.all()) {
            String name = spec.name().toLowerCase(Locale.ROOT);
            List<String> children = new ArrayList<>();
            for (String leaf : DATA.keySet()) {
                if (leaf.startsWith(name + "|")) {
                    children.add(leaf);
                    cats.put(leaf, new LinkedHashSet<>(DATA.get(leaf)));
                }
            }
            if (!children.isEmpty()) {
                subs.put(name, List.copyOf(children));
                continue;
            }
            Set<String> c = new LinkedHashSet<>(DATA.getOrDefault(name, List.of()));
            if (spec.has(CommandFlag.WRITE)) {
                c.add("write");
            }
            if (spec.has(CommandFlag.READONLY)) {
                c.add("read");
            }
            if (spec.has(CommandFlag.ADMIN)) {
                c.add("admin");
                c.add("dangerous");
            }
            c.add(spec.has(CommandFlag.FAST) ? "fast" : "slow");
            cats.put(name, c);
        }
        subcommands = subs;
        categoriesOf = cats;
        builtFor = table.size(); // last: readers that see it see the maps
    }

    private static Map<String, List<String>> load() {
        Map<String, List<String>> data = new TreeMap<>();
        try (InputStream in = AclCategories.class.getResourceAsStream("categories.tsv")) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", 2);
                data.put(parts[0], parts.length < 2 || parts[1].isBlank() ? List.of() : List.of(parts[1].trim().split(" ")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return data;
    }
}
