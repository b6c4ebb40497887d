package dev.syncer.engine.command;

import java.util.function.Function;

/**
 * A fact about a command (is it a container, which resolver decides its flags...), worked out
 * again only when the command changes: a pipeline asks about the same spec for every request, and
 * a name lookup per request showed in profiles of SET and GET -P16 (hashing, set probes).
 * Loop thread only, as the dispatcher.
 */
final class SpecMemo<T> {

    private final Function<CommandSpec, T> fact;
    private CommandSpec spec; // compared by identity: the table's rows are long-lived
    private T value;

    SpecMemo(Function<CommandSpec, T> fact) {
        this.fact = fact;
    }

    T of(CommandSpec s) {
        if (s != spec) {
            value = fact.apply(s);
            spec = s;
        }
        return value;
    }

    /** What the fact depends on changed (a resolver registered): work it out again. */
    void forget() {
        spec = null;
        value = null;
    }
}
