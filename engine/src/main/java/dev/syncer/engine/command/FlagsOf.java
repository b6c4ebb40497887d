package dev.syncer.engine.command;

/**
 * A command whose flags depend on its arguments, as Redis's getCommandFlags: EVAL with a
 * "#!lua flags=..." line and FCALL take their script's flags (a script that may write is a
 * write for NOREPLICAS, READONLY and the other checks; allow-stale lets it run while stale).
 */
@FunctionalInterface
public interface FlagsOf {
    /** The spec to check this call with: {@code spec} itself or a copy with other flags. */
    CommandSpec resolve(CommandSpec spec, byte[][] argv);
}
