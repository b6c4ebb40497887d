package dev.syncer.engine.persistence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The multi-part AOF's manifest, as Redis 7.0's aofManifest: one base file, history files waiting
 * to be deleted, and the incremental files in the order they are loaded. Its text form is Redis's
 * ({@code file <name> seq <n> type <b|h|i>} per line), so redis-server and a shard read each other's.
 */
final class AofManifest {

    enum Type {
        BASE('b'), HISTORY('h'), INCR('i');

        final char code;

        Type(char code) {
            this.code = code;
        }

        static Type of(String code) {
            for (Type t : values()) {
                if (code.length() == 1 && code.charAt(0) == t.code) {
                    return t;
                }
            }
            throw new IllegalArgumentException("Unknown AOF file type: " + code);
        }
    }

    record Entry(String name, long seq, Type type) {
        Entry as(Type other) {
            return new Entry(name, seq, other);
        }
    }

    Entry base;
    final List<Entry> history = new ArrayList<>();
    final List<Entry> incrs = new ArrayList<>();
    long baseSeq;
    long incrSeq;

    /** aofLoadManifestFromFile: null when there is no manifest; IOException with Redis's reason when it is invalid. */
    static AofManifest read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    static AofManifest parse(String text) throws IOException {
        AofManifest m = new AofManifest();
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+");
            if (words.length % 2 != 0) {
                throw new IOException("Invalid AOF manifest file format");
            }
            String name = null;
            long seq = -1;
            Type type = null;
            for (int i = 0; i < words.length; i += 2) {
                try {
                    switch (words[i]) {
                        case "file" -> name = words[i + 1];
                        case "seq" -> seq = Long.parseLong(words[i + 1]);
                        case "type" -> type = Type.of(words[i + 1]);
                        default -> { } // fields of later versions are ignored, as Redis does
                    }
                } catch (IllegalArgumentException e) {
                    throw new IOException("Invalid AOF manifest file format");
                }
            }
            if (name == null || seq < 0 || type == null) {
                throw new IOException("Invalid AOF manifest file format");
            }
            if (name.contains("/") || name.contains("\\")) {
                throw new IOException("File can't be a path, just a filename");
            }
            Entry e = new Entry(name, seq, type);
            switch (type) {
                case BASE -> {
                    if (m.base != null) {
                        throw new IOException("Found duplicate base file information");
                    }
                    m.base = e;
                    m.baseSeq = seq;
                }
                case HISTORY -> m.history.add(e);
                case INCR -> {
                    if (seq <= m.incrSeq) {
                        throw new IOException("Found a non-monotonic sequence number");
                    }
                    m.incrs.add(e);
                    m.incrSeq = seq;
                }
            }
        }
        if (m.base == null && m.incrs.isEmpty() && m.history.isEmpty()) {
            throw new IOException("Found an empty AOF manifest");
        }
        return m;
    }

    /** getAofManifestAsString: base, then history, then the incremental files. */
    String format() {
        StringBuilder sb = new StringBuilder();
        if (base != null) {
            line(sb, base);
        }
        history.forEach(e -> line(sb, e));
        incrs.forEach(e -> line(sb, e));
        return sb.toString();
    }

    private static void line(StringBuilder sb, Entry e) {
        sb.append("file ").append(e.name()).append(" seq ").append(e.seq()).append(" type ").append(e.type().code).append('\n');
    }

    /** getNewIncrAofName: a new incremental file, appended to the list. */
    Entry newIncr(String prefix) {
        Entry e = new Entry(prefix + "." + (++incrSeq) + ".incr.aof", incrSeq, Type.INCR);
        incrs.add(e);
        return e;
    }

    /** getNewBaseFileNameAndMarkPreAsHistory: a new base, the previous one becomes history. */
    Entry newBase(String prefix, boolean rdb) {
        if (base != null) {
            history.add(base.as(Type.HISTORY));
        }
        base = new Entry(prefix + "." + (++baseSeq) + ".base." + (rdb ? "rdb" : "aof"), baseSeq, Type.BASE);
        return base;
    }

    /** markRewrittenIncrAofAsHistory: every incremental file but the last (opened for the rewrite) is history. */
    void markRewrittenIncrsAsHistory() {
        while (incrs.size() > 1) {
            history.add(incrs.remove(0).as(Type.HISTORY));
        }
    }

    AofManifest copy() {
        AofManifest m = new AofManifest();
        m.base = base;
        m.history.addAll(history);
        m.incrs.addAll(incrs);
        m.baseSeq = baseSeq;
        m.incrSeq = incrSeq;
        return m;
    }
}
