package dev.syncer.engine.command;

/** ZSet commands. */
final class ZSetCommands {

    private ZSetCommands() {
    }

    static void register(CommandTable t) {
    }
}
