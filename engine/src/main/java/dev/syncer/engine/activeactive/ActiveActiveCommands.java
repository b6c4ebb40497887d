package dev.syncer.engine.activeactive;

import dev.syncer.engine.command.Command;
import dev.syncer.engine.command.CommandContext;
import dev.syncer.engine.command.CommandError;
import dev.syncer.engine.command.CommandFlag;
import dev.syncer.engine.command.CommandSpec;
import dev.syncer.engine.command.CommandTable;
import dev.syncer.engine.server.ClientSession;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Puts the Active-Active forms of the write commands in a shard's table, and refuses every other
 * write command: its effect could not be merged conflict-free (RENAME, FLUSHDB, FLUSHALL, SWAPDB,
 * MOVE, COPY, RESTORE, the *STORE commands, blocking pops...), so it would let the clusters
 * diverge. Commands from the master link still run in their standard form: a replica applies what
 * its primary sends. Scripts (EVAL, FCALL) run: each command they call is looked up in this table,
 * so a write takes its Active-Active form (a mergeable delta) and one that cannot merge raises this
 * refusal, naming it, inside the script.
 */
final class ActiveActiveCommands {

    /** Commands refused even if a table lists them without the WRITE flag. */
    static final Set<String> ALWAYS_REFUSED = Set.of("flushdb", "flushall", "swapdb", "move", "copy", "rename",
            "renamenx", "restore", "migrate", "sort");

    private ActiveActiveCommands() {
    }

    static void install(CommandTable table, ActiveActive aa) {
        List<CommandSpec> forms = new ArrayList<>();
        forms.addAll(StringWrites.specs(aa));
        forms.addAll(HashWrites.specs(aa));
        forms.addAll(SetWrites.specs(aa));
        forms.addAll(ZSetWrites.specs(aa));
        forms.addAll(ListWrites.specs(aa));
        forms.addAll(KeyWrites.specs(aa));
        Set<String> supported = new HashSet<>();
        for (CommandSpec form : forms) {
            supported.add(form.name());
            table.add(withPrimaryLinkForm(form, table.lookup(form.name())));
        }
        for (CommandSpec spec : new ArrayList<>(table.all())) {
            String name = spec.name().toLowerCase(Locale.ROOT);
            boolean refused = spec.has(CommandFlag.WRITE) || ALWAYS_REFUSED.contains(name);
            if (refused && !supported.contains(name) && !name.startsWith("crdt.")) {
                table.add(withPrimaryLinkForm(refusal(spec), spec));
            }
        }
    }

    /**
     * The Active-Active form for clients; the standard form for the link from the primary (a replica never
     * makes writes of its own: without a standard form, the command is refused there).
     */
    private static CommandSpec withPrimaryLinkForm(CommandSpec form, CommandSpec standard) {
        Command fromPrimary = standard != null ? standard.command() : ctx -> {
            throw new CommandError("ERR '" + form.name() + "' from the master link has no standard form on this shard");
        };
        return new CommandSpec(form.name(), form.arity(), form.flags(), form.firstKey(), form.lastKey(), form.step(),
                ctx -> (ctx.session().kind() == ClientSession.Kind.MASTER ? fromPrimary : form.command()).execute(ctx));
    }

    private static CommandSpec refusal(CommandSpec spec) {
        String name = spec.name().toLowerCase(Locale.ROOT);
        return new CommandSpec(spec.name(), spec.arity(), spec.flags(), spec.firstKey(), spec.lastKey(), spec.step(),
                (CommandContext ctx) -> {
                    throw new CommandError("ERR '" + name + "' is not supported in an Active-Active database:"
                            + " its effect cannot be merged conflict-free");
                });
    }
}
