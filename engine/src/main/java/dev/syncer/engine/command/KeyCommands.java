package dev.syncer.engine.command;

/** Key commands. */
final class KeyCommands {

    private KeyCommands() {
    }

    static void register(CommandTable t) {
    }
}
