package dev.syncer.engine.command;

/** List commands. */
final class ListCommands {

    private ListCommands() {
    }

    static void register(CommandTable t) {
    }
}
