package dev.syncer.engine.persistence;

import dev.syncer.engine.resp.InlineSplitter;

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
        // one char per byte, as sdssplitargs sees the line; names are decoded as UTF-8 once split
        return parse(Files.readString(file, StandardCharsets.ISO_8859_1));
    }

    /** Redis's MANIFEST_MAX_LINE: the longest line aofLoadManifestFromFile reads. */
    private static final int MANIFEST_MAX_LINE = 1024;

    /** aofLoadManifestFromFile's checks, in its order and with its words (scripts match them). */
    static AofManifest parse(String text) throws IOException {
        if (text.isEmpty()) {
            throw new IOException("Found an empty AOF manifest");
        }
        AofManifest m = new AofManifest();
        int from = 0;
        while (from < text.length()) {
            int newline = text.indexOf('\n', from);
            int end = newline < 0 ? text.length() : newline;
            if (text.charAt(from) == '#' && end - from < MANIFEST_MAX_LINE) {
                from = end + 1;
                continue;
            }
            if (newline < 0 || end - from >= MANIFEST_MAX_LINE) { // no newline within Redis's line buffer
                throw new IOException("The AOF manifest file contains too long line");
            }
            String line = text.substring(from, end).strip();
            from = end + 1;
            List<byte[]> split = line.isEmpty() ? null : InlineSplitter.split(line);
            if (split == null || split.size() < 6 || split.size() % 2 != 0) {
                throw new IOException("Invalid AOF manifest file format");
            }
            String[] words = split.stream().map(w -> new String(w, StandardCharsets.UTF_8)).toArray(String[]::new);
            String name = null;
            long seq = 0;
            char type = 0;
            for (int i = 0; i < words.length; i += 2) {
                String value = words[i + 1];
                switch (words[i].toLowerCase(java.util.Locale.ROOT)) {
                    case "file" -> {
                        name = value;
                        if (name.contains("/") || name.contains("\\")) {
                            throw new IOException("File can't be a path, just a filename");
                        }
                    }
                    case "seq" -> seq = leadingNumber(value);
                    case "type" -> type = value.charAt(0);
                    default -> { } // fields of later versions are ignored, as Redis does
                }
            }
            if (name == null || seq == 0 || type == 0) {
                throw new IOException("Invalid AOF manifest file format");
            }
            add(m, name, seq, type);
        }
        return m;
    }

    private static void add(AofManifest m, String name, long seq, char code) throws IOException {
        Type type = null;
        for (Type t : Type.values()) {
            if (t.code == code) {
                type = t;
            }
        }
        if (type == null) {
            throw new IOException("Unknown AOF file type");
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

    /** atoll: the number its leading digits spell (with an optional sign), 0 when there are none. */
    private static long leadingNumber(String text) {
        int i = text.startsWith("-") || text.startsWith("+") ? 1 : 0;
        int digits = i;
        while (digits < text.length() && Character.isDigit(text.charAt(digits))) {
            digits++;
        }
        if (digits == i) {
            return 0;
        }
        try {
            return Long.parseLong(text.substring(0, digits));
        } catch (NumberFormatException e) {
            return 0;
        }
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
        sb.append("file ").append(repr(e.name())).append(" seq ").append(e.seq()).append(" type ").append(e.type().code).append('\n');
    }

    /**
     * aofInfoFormat: a name with spaces, quotes or unprintable bytes is written as sdscatrepr
     * writes it (quoted, escaped), so the line still splits into its words; others as they are.
     */
    static String repr(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        boolean plain = bytes.length > 0;
        for (byte b : bytes) {
            plain &= b > ' ' && b < 127 && b != '"' && b != '\\';
        }
        if (plain) {
            return name;
        }
        StringBuilder sb = new StringBuilder("\"");
        for (byte b : bytes) {
            switch (b) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 7 -> sb.append("\\a");
                case '\b' -> sb.append("\\b");
                default -> sb.append(b >= ' ' && b < 127 ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xff));
            }
        }
        return sb.append('"').toString();
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
