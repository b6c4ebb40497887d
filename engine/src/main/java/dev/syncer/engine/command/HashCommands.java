package dev.syncer.engine.command;

/** Hash commands. */
final class HashCommands {

    private HashCommands() {
    }

    static void register(CommandTable t) {
    }
}
