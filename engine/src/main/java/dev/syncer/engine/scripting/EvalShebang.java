package dev.syncer.engine.scripting;

import dev.syncer.engine.command.CommandError;
import dev.syncer.engine.command.CommandFlag;
import dev.syncer.engine.command.CommandSpec;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

/**
 * An EVAL body's optional first line, "#!lua flags=no-writes,allow-stale" (eval.c's
 * evalExtractShebangFlags). Without it a script runs in Redis's compatibility mode (flags null):
 * any command may run, each checked as it is called.
 */
record EvalShebang(Set<ScriptFlag> flags, int bodyStart) {

    static final EvalShebang NONE = new EvalShebang(null, 0);

    static boolean present(byte[] body) {
        return body.length >= 2 && body[0] == '#' && body[1] == '!';
    }

    /** Parses the line; throws CommandError with Redis's text for a line it does not accept. */
    static EvalShebang of(byte[] body) {
        if (!present(body)) {
            return NONE;
        }
        int eol = firstLineEnd(body);
        if (eol < 0) {
            throw new CommandError("ERR Invalid script shebang");
        }
        String[] parts = words(body, eol);
        if (!parts[0].equals("#!lua")) {
            throw new CommandError("ERR Unexpected engine in script shebang: " + parts[0]);
        }
        Set<ScriptFlag> flags = EnumSet.noneOf(ScriptFlag.class);
        for (int i = 1; i < parts.length; i++) {
            if (!parts[i].startsWith("flags=")) {
                throw new CommandError("ERR Unknown lua shebang option: " + parts[i]);
            }
            for (String name : parts[i].substring(6).split(",")) {
                if (name.isEmpty()) {
                    continue;
                }
                ScriptFlag f = ScriptFlag.named(name);
                if (f == null || !f.text.equals(name)) {
                    throw new CommandError("ERR Unexpected flag in script shebang: " + name);
                }
                flags.add(f);
            }
        }
        return new EvalShebang(flags, eol);
    }

    /** Where the first line ends (its '\n'), or -1. */
    static int firstLineEnd(byte[] text) {
        for (int i = 0; i < text.length; i++) {
            if (text[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The first line's words (sdssplitargs without quoting). */
    static String[] words(byte[] text, int eol) {
        return new String(text, 0, eol, StandardCharsets.ISO_8859_1).trim().split("[ \t\r]+");
    }

    /**
     * scriptFlagsToCmdFlags: a script that declared flags is a write unless no-writes, denied on OOM
     * unless allow-oom or no-writes, and runs while stale only with allow-stale.
     */
    static CommandSpec commandFlags(CommandSpec spec, Set<ScriptFlag> flags) {
        Set<CommandFlag> out = EnumSet.noneOf(CommandFlag.class);
        out.addAll(spec.flags());
        out.removeAll(Set.of(CommandFlag.STALE, CommandFlag.DENYOOM, CommandFlag.WRITE, CommandFlag.MAY_REPLICATE));
        if (!flags.contains(ScriptFlag.ALLOW_OOM) && !flags.contains(ScriptFlag.NO_WRITES)) {
            out.add(CommandFlag.DENYOOM);
        }
        if (!flags.contains(ScriptFlag.NO_WRITES)) {
            out.add(CommandFlag.WRITE);
        }
        if (flags.contains(ScriptFlag.ALLOW_STALE)) {
            out.add(CommandFlag.STALE);
        }
        return new CommandSpec(spec.name(), spec.arity(), out, spec.firstKey(), spec.lastKey(), spec.step(),
                spec.command());
    }
}
