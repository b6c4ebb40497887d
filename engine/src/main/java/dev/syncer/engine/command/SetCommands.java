package dev.syncer.engine.command;

/** Set commands. */
final class SetCommands {

    private SetCommands() {
    }

    static void register(CommandTable t) {
    }
}
