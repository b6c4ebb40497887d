package dev.syncer.engine.command;

/**
 * The collection commands beyond the basic families: set and sorted-set algebra, range stores and
 * removals, multi-key pops and moves, LPOS, random fields and the member scans.
 */
final class CollectionFamilies {

    private CollectionFamilies() {
    }

    static void register(CommandTable t) {
        SetAlgebraCommands.register(t);
        CollectionScanCommands.register(t);
        ZSetAlgebraCommands.register(t);
        ZSetRangeCommands.register(t);
        ZSetPops.register(t);
        RandomFieldCommands.register(t);
        ListMoves.register(t);
        ListPosCommand.register(t);
    }
}
