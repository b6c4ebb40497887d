package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.RedisValue;

/**
 * What the *STORE commands (SINTERSTORE, ZUNIONSTORE, ZRANGESTORE...) share with Redis: a
 * non-empty result replaces the destination (its TTL gone, as setKey does) and answers its size;
 * an empty one deletes the destination and answers 0. The command is propagated as received,
 * unless the result was empty and there was nothing to delete.
 */
final class Destinations {

    private Destinations() {
    }

    static void store(CommandContext ctx, Key destination, RedisValue result, int size) {
        if (size > 0) {
            ctx.db().put(destination, result);
            ctx.changed();
            // sinterstore, zunionstore, zrangestore...: Redis names the event after the command
            ctx.notify(result instanceof dev.syncer.engine.keyspace.SetValue ? KeyspaceEvents.SET : KeyspaceEvents.ZSET,
                    ctx.args().commandName(), destination);
            ctx.reply().integer(size);
            return;
        }
        if (ctx.db().remove(destination)) {
            ctx.changed();
            ctx.notify(KeyspaceEvents.GENERIC, "del", destination);
        }
        ctx.reply().integer(0);
    }
}
