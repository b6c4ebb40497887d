package dev.syncer.engine.command;

import java.util.List;
import java.util.Set;

/**
 * Redis 7.0's metadata about commands beyond this shard's table — subcommands, ACL categories and
 * key-spec flags — for COMMAND LIST and COMMAND GETKEYSANDFLAGS. The ACL component, which holds
 * that metadata, provides it; without it only the table is known.
 */
public interface CommandCatalog {

    /** One key argument: its position in argv and its key-spec flags in Redis's order ("RW", "access", ...). */
    record KeyFlags(int pos, List<String> flags) {
    }

    /** The full names of a container's subcommands ("config|get", ...); empty for a plain command. */
    List<String> subcommandsOf(String name);

    /** The ACL categories of a command or subcommand full name; empty for an unknown one. */
    Set<String> categoriesOf(String fullName);

    /** getKeysFromCommandWithSpecs with flags; empty when there are none or the arguments do not say. */
    List<KeyFlags> keysAndFlags(CommandSpec spec, byte[][] argv);

    /** Only the table: no subcommands, no categories, the table's key positions flagged by read or write. */
    CommandCatalog TABLE_ONLY = new CommandCatalog() {
        @Override
        public List<String> subcommandsOf(String name) {
            return List.of();
        }

        @Override
        public Set<String> categoriesOf(String fullName) {
            return Set.of();
        }

        @Override
        public List<KeyFlags> keysAndFlags(CommandSpec spec, byte[][] argv) {
            List<String> flags = spec.has(CommandFlag.WRITE) ? List.of("RW", "access", "update") : List.of("RO", "access");
            List<KeyFlags> out = new java.util.ArrayList<>();
            List<byte[]> keys = CommandKeys.keys(spec, argv);
            for (int i = 1, k = 0; i < argv.length && k < keys.size(); i++) {
                if (argv[i] == keys.get(k)) {
                    out.add(new KeyFlags(i, flags));
                    k++;
                }
            }
            return out;
        }
    };
}
