package dev.syncer.engine.scripting;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * The scripts' memory cap. Lua's allocations share the shard's heap, so a script that allocates
 * without bound would take the whole shard down with an OutOfMemoryError; instead a script is
 * stopped once the heap's longest-lived pool is over 90 % full right after a collection (garbage
 * does not count, so a script that merely churns is not stopped). A single allocation too large
 * for the heap is caught where the script runs.
 */
final class ScriptMemory {

    private static final double LIMIT = 0.9;
    private static final List<MemoryPoolMXBean> HEAP = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported())
            .toList();

    private ScriptMemory() {
    }

    static boolean nearlyFull() {
        long used = 0;
        long max = 0;
        for (MemoryPoolMXBean pool : HEAP) {
            MemoryUsage after = pool.getCollectionUsage();
            if (after == null) {
                continue;
            }
            used += after.getUsed();
            max += after.getMax() > 0 ? after.getMax() : after.getCommitted();
        }
        long heapMax = Runtime.getRuntime().maxMemory();
        if (max <= 0 || heapMax == Long.MAX_VALUE) {
            return false;
        }
        return used > LIMIT * Math.min(max, heapMax);
    }
}
