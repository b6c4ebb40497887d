package dev.syncer.engine.command;

import dev.syncer.engine.resp.Reply;
import dev.syncer.engine.server.ClientSession;

import java.util.function.Consumer;

/**
 * Runs a command so that it may pause half-way and finish later (a script past
 * busy-reply-threshold, see the scripting package): {@code body} is the whole execution,
 * writing into the Reply it is given; {@code reply} gets what it wrote, now or once it ends.
 */
public interface Pausable {
    /** Whether this command, for this client, runs through {@link #run}. */
    boolean wants(CommandSpec spec, ClientSession session);

    void run(ClientSession session, Reply reply, Consumer<Reply> body);
}
