package dev.syncer.engine.activeactive.crdt;

/**
 * The cluster ids a shard already knows, by their bytes: a delta's removals name the clusters whose
 * writes they observed, and a String decoded per name per delta was most of what decoding one
 * allocated, kept besides in the key-level removals of every overwritten key.
 */
@FunctionalInterface
public interface OriginNames {

    /** The known String these bytes spell, the same every time; null if they spell no cluster id known or valid. */
    String of(byte[] bytes);
}
