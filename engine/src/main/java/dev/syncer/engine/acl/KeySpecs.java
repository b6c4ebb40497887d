package dev.syncer.engine.acl;

import dev.syncer.engine.command.CommandFlag;
import dev.syncer.engine.command.CommandSpec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which arguments of a command are keys and whether it reads or writes each, from Redis 7.0's key
 * specs ({@code key-specs.tsv}): getKeysFromCommandWithSpecs with the getkeys procedures of the
 * commands whose specs cannot say it alone (SET and BITFIELD decide by their arguments, SORT and
 * MIGRATE have incomplete specs). A command Redis does not have (CRDT.*) is read from its table
 * row: a write command's keys are written, others read.
 */
final class KeySpecs {

    /**
     * One key argument: its position in argv, the permissions it needs (%R~ read, %W~ write) and
     * its key-spec flags as COMMAND GETKEYSANDFLAGS lists them ("RW", "access", "delete").
     */
    record KeyRef(int pos, boolean read, boolean write, List<String> flags) {

        /** From the flags: "access" reads; insert, update and delete write. */
        static KeyRef of(int pos, String flags) {
            List<String> f = List.of(flags.split(","));
            return new KeyRef(pos, f.contains("access"), f.contains("insert") || f.contains("update")
                    || f.contains("delete"), f);
        }
    }

    /** One spec line: flags as written, logical flags, begin_search and find_keys. */
    private record Spec(String flags, boolean read, boolean write, boolean notKey, boolean incomplete,
                        String begin, String keyword, int index, String find, int a, int b, int c) {
    }

    private static final Map<String, List<Spec>> SPECS = load();

    private KeySpecs() {
    }

    /** The keys of {@code argv} as {@code leaf} ("get", "memory|usage") uses them; empty when none or the arguments do not say. */
    static List<KeyRef> keys(String leaf, CommandSpec spec, byte[][] argv) {
        switch (leaf) {
            case "set" -> {
                return List.of(KeyRef.of(1, hasWord(argv, 3, "get") ? "RW,access,update" : "OW,update")); // setGetKeys: GET reads the old value
            }
            case "bitfield" -> {
                return List.of(KeyRef.of(1, bitfieldReadOnly(argv) ? "RO,access" : "RW,access,update"));
            }
            case "sort" -> {
                return sortKeys(argv);
            }
            case "migrate" -> {
                return migrateKeys(argv);
            }
            default -> { }
        }
        List<Spec> specs = SPECS.get(leaf);
        if (specs == null) {
            return tableKeys(spec, argv);
        }
        List<KeyRef> out = new ArrayList<>();
        for (Spec s : specs) {
            if (!s.notKey() && !add(s, argv, out)) {
                return List.of(); // an invalid spec: the command's own syntax check answers
            }
        }
        return out;
    }

    /** getKeysUsingKeySpecs for one spec: false when it is invalid for these arguments. */
    private static boolean add(Spec s, byte[][] argv, List<KeyRef> out) {
        int argc = argv.length;
        int first = 0;
        if (s.begin().equals("index")) {
            first = s.index();
        } else if (s.begin().equals("keyword")) {
            int start = s.index() > 0 ? s.index() : argc + s.index();
            int end = s.index() > 0 ? argc - 1 : 1;
            for (int i = start; i != end; i = start <= end ? i + 1 : i - 1) {
                if (i >= argc || i < 1) {
                    break;
                }
                if (new String(argv[i], StandardCharsets.ISO_8859_1).equalsIgnoreCase(s.keyword())) {
                    first = i + 1;
                    break;
                }
            }
            if (first == 0) {
                return true; // keyword absent: no keys from this spec
            }
        } else {
            return false;
        }
        int last;
        int step;
        if (s.find().equals("range")) {
            step = s.b();
            if (s.a() >= 0) {
                last = first + s.a();
            } else if (s.c() == 0) {
                last = argc + s.a();
            } else {
                last = first + ((argc - first) / s.c() + s.a());
            }
        } else if (s.find().equals("keynum")) {
            step = s.c();
            if (first + s.a() >= argc) {
                return false;
            }
            long numkeys;
            try {
                numkeys = Long.parseLong(new String(argv[first + s.a()], StandardCharsets.ISO_8859_1));
            } catch (NumberFormatException e) {
                return false;
            }
            if (numkeys < 0 || numkeys > argc) {
                return false;
            }
            first += s.b();
            last = first + (int) numkeys - 1;
        } else {
            return false;
        }
        if (last >= argc || last < first || first >= argc) {
            return false;
        }
        for (int i = first; i <= last; i += Math.max(1, step)) {
            out.add(KeyRef.of(i, s.flags()));
        }
        return !s.incomplete();
    }

    /** A command Redis does not have: its table row's positions. */
    private static List<KeyRef> tableKeys(CommandSpec spec, byte[][] argv) {
        List<KeyRef> out = new ArrayList<>();
        if (spec.firstKey() <= 0) {
            return out;
        }
        boolean write = spec.has(CommandFlag.WRITE);
        int last = spec.lastKey() < 0 ? argv.length + spec.lastKey() : Math.min(spec.lastKey(), argv.length - 1);
        for (int i = spec.firstKey(); i <= last; i += Math.max(1, spec.step())) {
            out.add(KeyRef.of(i, write ? "RW,access,update" : "RO,access"));
        }
        return out;
    }

    /** bitfieldGetKeys: read-only while every operation is a complete GET or OVERFLOW. */
    private static boolean bitfieldReadOnly(byte[][] argv) {
        for (int i = 2; i < argv.length; i++) {
            int remaining = argv.length - i - 1;
            String op = new String(argv[i], StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            if (op.equals("get") && remaining >= 2) {
                i += 2;
            } else if (op.equals("overflow") && remaining >= 1) {
                i += 1;
            } else {
                return false; // SET, INCRBY, or a syntax error: treated as a write
            }
        }
        return true;
    }

    /** sortGetKeys: the sorted key, and the last STORE's destination (LIMIT, GET and BY skip their arguments). */
    private static List<KeyRef> sortKeys(byte[][] argv) {
        List<KeyRef> out = new ArrayList<>();
        out.add(KeyRef.of(1, "RO,access"));
        KeyRef store = null;
        for (int i = 2; i < argv.length; i++) {
            String word = new String(argv[i], StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            switch (word) {
                case "limit" -> i += 2;
                case "get", "by" -> i += 1;
                case "store" -> {
                    if (i + 1 < argv.length) {
                        store = KeyRef.of(i + 1, "OW,update");
                    }
                }
                default -> { }
            }
        }
        if (store != null) {
            out.add(store);
        }
        return out;
    }

    /** migrateGetKeys: the key argument, or with an empty one the keys after KEYS (AUTH and AUTH2 skip theirs). */
    private static List<KeyRef> migrateKeys(byte[][] argv) {
        int first = 3;
        int num = 1;
        for (int i = 6; i < argv.length; i++) {
            String word = new String(argv[i], StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            if (word.equals("auth")) {
                i += 1;
            } else if (word.equals("auth2")) {
                i += 2;
            } else if (word.equals("keys")) {
                if (argv[3].length == 0) {
                    first = i + 1;
                    num = argv.length - first;
                }
                break;
            }
        }
        List<KeyRef> out = new ArrayList<>();
        for (int i = first; i < first + num && i < argv.length; i++) {
            out.add(KeyRef.of(i, "RW,access,delete"));
        }
        return out;
    }

    private static boolean hasWord(byte[][] argv, int from, String word) {
        for (int i = from; i < argv.length; i++) {
            if (new String(argv[i], StandardCharsets.ISO_8859_1).equalsIgnoreCase(word)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, List<Spec>> load() {
        Map<String, List<Spec>> specs = new HashMap<>();
        try (InputStream in = KeySpecs.class.getResourceAsStream("key-specs.tsv")) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                List<Spec> list = specs.computeIfAbsent(cols[0], k -> new ArrayList<>());
                if (cols.length == 4) {
                    list.add(parse(cols[1], cols[2].split(" "), cols[3].split(" ")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return specs;
    }

    private static Spec parse(String written, String[] begin, String[] find) {
        List<String> f = List.of(written.toLowerCase(Locale.ROOT).split(","));
        boolean write = f.contains("insert") || f.contains("update") || f.contains("delete");
        String keyword = begin[0].equals("keyword") ? begin[1] : null;
        int index = begin[0].equals("index") ? Integer.parseInt(begin[1])
                : begin[0].equals("keyword") ? Integer.parseInt(begin[2]) : 0;
        boolean known = find.length == 4;
        return new Spec(written, f.contains("access"), write, f.contains("not_key"), f.contains("incomplete"), begin[0], keyword,
                index, find[0], known ? Integer.parseInt(find[1]) : 0, known ? Integer.parseInt(find[2]) : 0,
                known ? Integer.parseInt(find[3]) : 0);
    }
}
