package dev.syncer.engine.command;

import java.util.EnumSet;
import java.util.Set;

/**
 * A command-table row, as Redis's: name, arity (negative: at least |arity| arguments, the name
 * included), flags, and key positions (first, last — negative counts from the end —, step) that
 * COMMAND reports to cluster-aware clients.
 */
public record CommandSpec(String name, int arity, Set<CommandFlag> flags, int firstKey, int lastKey, int step,
                          Command command) {

    public static CommandSpec of(String name, int arity, int firstKey, int lastKey, int step, Command command,
                                 CommandFlag... flags) {
        Set<CommandFlag> set = flags.length == 0 ? EnumSet.noneOf(CommandFlag.class) : EnumSet.of(flags[0], flags);
        return new CommandSpec(name, arity, set, firstKey, lastKey, step, command);
    }

    public boolean has(CommandFlag flag) {
        return flags.contains(flag);
    }

    public boolean arityAccepts(int argc) {
        return arity >= 0 ? argc == arity : argc >= -arity;
    }
}
