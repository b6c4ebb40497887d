package dev.syncer.engine.scripting;

import dev.syncer.engine.command.CommandError;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loaded libraries and the functions they registered (functions.c's functionsLibCtx): every
 * change is all-or-nothing, so a failed FUNCTION LOAD or RESTORE leaves the libraries as they were.
 */
final class Functions {

    private final FunctionEngine engine;
    private final Map<String, FunctionLibrary> libraries = new LinkedHashMap<>();
    private final Map<String, FunctionLibrary.Function> functions = new HashMap<>();

    Functions(FunctionEngine engine) {
        this.engine = engine;
    }

    /** A library's name and where its Lua body starts (functionExtractLibMetaData). */
    record Metadata(String engine, String name, int bodyStart) {
    }

    /** Parses the "#!lua name=mylib" first line; throws CommandError with Redis's text. */
    static Metadata metadata(byte[] code) {
        if (code.length < 2 || code[0] != '#' || code[1] != '!') {
            throw new CommandError("ERR Missing library metadata");
        }
        int eol = EvalShebang.firstLineEnd(code);
        if (eol < 0) {
            throw new CommandError("ERR Invalid library metadata");
        }
        String[] parts = EvalShebang.words(code, eol);
        String engine = parts[0].substring(2);
        String name = null;
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].regionMatches(true, 0, "name=", 0, 5)) {
                if (name != null) {
                    throw new CommandError("ERR Invalid metadata value, name argument was given multiple times");
                }
                name = parts[i].substring(5);
                continue;
            }
            throw new CommandError("ERR Invalid metadata value given: " + parts[i]);
        }
        if (name == null) {
            throw new CommandError("ERR Library name was not given");
        }
        return new Metadata(engine, name, eol);
    }

    /** FUNCTION LOAD: compiles and links a library; returns its name (functionsCreateWithLibraryCtx). */
    String load(byte[] code, boolean replace, long timeoutMillis) {
        Metadata md = checked(code);
        FunctionLibrary old = libraries.get(md.name());
        if (old != null && !replace) {
            throw new CommandError("ERR Library '" + md.name() + "' already exists");
        }
        FunctionLibrary library = engine.create(md.name(), code, md.bodyStart(), timeoutMillis);
        for (String f : library.functions().keySet()) {
            FunctionLibrary.Function existing = functions.get(key(f));
            if (existing != null && !existing.library().equals(library.name())) {
                throw new CommandError("ERR Function " + f + " already exists");
            }
        }
        if (old != null) {
            unlink(old);
        }
        link(library);
        return library.name();
    }

    /** The library checked and compiled, not yet linked (a name clash is found only on linking). */
    private FunctionLibrary compile(byte[] code, long timeoutMillis) {
        Metadata md = checked(code);
        return engine.create(md.name(), code, md.bodyStart(), timeoutMillis);
    }

    private static Metadata checked(byte[] code) {
        Metadata md = metadata(code);
        if (!FunctionLibrary.validName(md.name())) {
            throw new CommandError("ERR Library names can only contain letters, numbers, or underscores(_) and must"
                    + " be at least one character long");
        }
        if (!md.engine().equalsIgnoreCase("lua")) {
            throw new CommandError("ERR Engine '" + md.engine() + "' not found");
        }
        return md;
    }

    /** FUNCTION DELETE. */
    void delete(String name) {
        FunctionLibrary library = libraries.get(name);
        if (library == null) {
            throw new CommandError("ERR Library not found");
        }
        unlink(library);
    }

    void flush() {
        libraries.clear();
        functions.clear();
    }

    /**
     * FUNCTION RESTORE's and a loaded RDB's libraries: all compiled first, then, per policy, the
     * current ones flushed, kept (a clash fails the whole restore) or replaced by name (libraryJoin).
     */
    void restore(List<byte[]> codes, RestorePolicy policy) {
        Map<String, FunctionLibrary> incoming = new LinkedHashMap<>();
        Map<String, String> incomingFunctions = new HashMap<>();
        for (byte[] code : codes) {
            FunctionLibrary library = compile(code, 0);
            if (incoming.containsKey(library.name())) {
                throw new CommandError("ERR Library '" + library.name() + "' already exists");
            }
            for (String f : library.functions().keySet()) {
                if (incomingFunctions.putIfAbsent(key(f), library.name()) != null) {
                    throw new CommandError("ERR Function " + f + " already exists");
                }
            }
            incoming.put(library.name(), library);
        }
        if (policy == RestorePolicy.FLUSH) {
            flush();
        } else {
            for (FunctionLibrary library : incoming.values()) {
                if (libraries.containsKey(library.name()) && policy == RestorePolicy.APPEND) {
                    throw new CommandError("ERR Library " + library.name() + " already exists");
                }
            }
            for (String f : incomingFunctions.keySet()) {
                FunctionLibrary.Function existing = functions.get(f);
                boolean replaced = existing != null && policy == RestorePolicy.REPLACE
                        && incoming.containsKey(existing.library());
                if (existing != null && !replaced) {
                    throw new CommandError("ERR Function " + f + " already exists");
                }
            }
            for (FunctionLibrary library : incoming.values()) {
                FunctionLibrary old = libraries.get(library.name());
                if (old != null) {
                    unlink(old);
                }
            }
        }
        incoming.values().forEach(this::link);
    }

    enum RestorePolicy { FLUSH, APPEND, REPLACE }

    /** A function by name; names are case-insensitive as Redis's functions dict. */
    FunctionLibrary.Function function(String name) {
        return functions.get(key(name));
    }

    private static String key(String name) {
        return name.toLowerCase(java.util.Locale.ROOT);
    }

    Collection<FunctionLibrary> libraries() {
        return libraries.values();
    }

    int functionCount() {
        return functions.size();
    }

    /** Every library's code, as the RDB and FUNCTION DUMP carry them. */
    List<byte[]> codes() {
        List<byte[]> out = new ArrayList<>(libraries.size());
        for (FunctionLibrary library : libraries.values()) {
            out.add(library.code());
        }
        return out;
    }

    private void link(FunctionLibrary library) {
        libraries.put(library.name(), library);
        library.functions().forEach((name, f) -> functions.put(key(name), f));
    }

    private void unlink(FunctionLibrary library) {
        libraries.remove(library.name());
        library.functions().keySet().forEach(name -> functions.remove(key(name)));
    }
}
