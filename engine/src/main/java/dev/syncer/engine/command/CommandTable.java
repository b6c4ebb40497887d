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
    private CommandCatalog catalog = CommandCatalog.TABLE_ONLY;

    /** The full standard table: every family registers its commands. */
    public static CommandTable standard() {
        CommandTable t = new CommandTable();
        ConnectionCommands.register(t);
        ServerCommands.register(t);
        TransactionCommands.register(t);
        MemoryCommand.register(t);
        KeyCommands.register(t);
        DatabaseCommands.register(t);
        SortCommand.register(t);
        ObjectCommand.register(t);
        StringCommands.register(t);
        BitCommands.register(t);
        LcsCommand.register(t);
        HyperLogLogCommands.register(t);
        GeoCommands.register(t);
        ListCommands.register(t);
        HashCommands.register(t);
        SetCommands.register(t);
        ZSetCommands.register(t);
        StreamCommands.register(t);
        CollectionFamilies.register(t);
        BlockingPops.register(t);
        WatchCommands.register(t);
        PubSubCommands.register(t);
        DebugCommand.register(t);
        SlowLog.register(t);
        LatencyMonitor.register(t);
        MigrateCommand.register(t);
        return t;
    }

    /** Subcommands, categories and key flags (COMMAND LIST, GETKEYSANDFLAGS): the ACL component's. */
    public CommandCatalog catalog() {
        return catalog;
    }

    public void setCatalog(CommandCatalog catalog) {
        this.catalog = catalog;
    }

    public void add(CommandSpec spec) {
        byName.put(spec.name().toLowerCase(Locale.ROOT), spec);
        rebuildIndex();
    }

    // Every request looks its command up, so the lookup neither allocates nor folds case into a
    // new String: an open-addressing table keyed by a case-insensitive hash of the name's bytes.
    private CommandSpec[] slots = new CommandSpec[16];
    private byte[][] slotNames = new byte[16][];

    private void rebuildIndex() {
        int capacity = Integer.highestOneBit(Math.max(16, byName.size() * 4 - 1)) << 1;
        CommandSpec[] newSlots = new CommandSpec[capacity];
        byte[][] newNames = new byte[capacity][];
        for (Map.Entry<String, CommandSpec> e : byName.entrySet()) {
            byte[] lower = e.getKey().getBytes(StandardCharsets.ISO_8859_1);
            int i = foldedHash(lower) & (capacity - 1);
            while (newSlots[i] != null) {
                i = (i + 1) & (capacity - 1);
            }
            newSlots[i] = e.getValue();
            newNames[i] = lower;
        }
        slots = newSlots;
        slotNames = newNames;
    }

    private static int foldedHash(byte[] name) {
        int h = 0;
        for (byte b : name) {
            h = 31 * h + lower(b);
        }
        return h ^ (h >>> 16);
    }

    private static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b & 0xff;
    }

    /** The command named so, in any letter case; null if unknown. */
    public CommandSpec lookup(byte[] name) {
        int mask = slots.length - 1;
        for (int i = foldedHash(name) & mask; slots[i] != null; i = (i + 1) & mask) {
            if (equalsFolded(slotNames[i], name)) {
                return slots[i];
            }
        }
        return null;
    }

    private static boolean equalsFolded(byte[] lowerName, byte[] name) {
        if (lowerName.length != name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (lowerName[i] != (byte) lower(name[i])) {
                return false;
            }
        }
        return true;
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
