package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Key;

import java.util.function.IntSupplier;
import java.util.function.Predicate;

/** What HDEL, SREM and ZREM share: remove the named members, and the key with the last one. */
final class Members {

    private Members() {
    }

    /**
     * Removes the members named from argument 2 on; once the collection is empty the key is
     * deleted and the rest ignored, as Redis does. Counts the changes and answers the number removed.
     */
    static void removeNamed(CommandContext ctx, Key key, Predicate<Key> remove, IntSupplier size, int type, String event) {
        Args a = ctx.args();
        int removed = 0;
        boolean keyRemoved = false;
        for (int i = 2; i < a.count(); i++) {
            if (remove.test(a.key(i))) {
                removed++;
                if (size.getAsInt() == 0) {
                    ctx.db().remove(key);
                    keyRemoved = true;
                    break;
                }
            }
        }
        if (removed > 0) {
            ctx.notify(type, event, key);
        }
        if (keyRemoved) {
            ctx.notify(KeyspaceEvents.GENERIC, "del", key);
        }
        ctx.changed(removed);
        ctx.reply().integer(removed);
    }
}
