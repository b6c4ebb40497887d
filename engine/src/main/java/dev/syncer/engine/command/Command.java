package dev.syncer.engine.command;

/** A command's behaviour: parse its arguments, apply it to the shard, write the reply. */
@FunctionalInterface
public interface Command {

    void execute(CommandContext ctx);
}
