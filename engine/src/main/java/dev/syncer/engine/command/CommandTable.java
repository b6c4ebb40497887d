package dev.syncer.engine.command;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Every command the shard knows, by name (case-insensitive). */
public final class CommandTable {

    private final Map<String, CommandSpec> byName = new HashMap<>();

    /** The full standard table: every family registers its commands. */
    public static CommandTable standard() {
        CommandTable t = new CommandTable();
        ConnectionCommands.register(t);
        ServerCommands.register(t);
        TransactionCommands.register(t);
        KeyCommands.register(t);
        StringCommands.register(t);
        ListCommands.register(t);
        HashCommands.register(t);
        SetCommands.register(t);
        ZSetCommands.register(t);
        DebugCommand.register(t);
        return t;
    }

    public void add(CommandSpec spec) {
        byName.put(spec.name().toLowerCase(Locale.ROOT), spec);
    }

    public CommandSpec lookup(byte[] name) {
        if (name.length > 32) {
            return null;
        }
        char[] lower = new char[name.length];
        for (int i = 0; i < name.length; i++) {
            byte b = name[i];
            lower[i] = (char) (b >= 'A' && b <= 'Z' ? b + 32 : b & 0xff);
        }
        return byName.get(new String(lower));
    }

    public CommandSpec lookup(String name) {
        return lookup(name.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** All commands sorted by name. */
    public Collection<CommandSpec> all() {
        return Collections.unmodifiableCollection(new TreeMap<>(byName).values());
    }

    public int size() {
        return byName.size();
    }
}
