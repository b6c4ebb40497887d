package dev.syncer.engine.keyspace;

/**
 * Data another component keeps alongside a value (the Active-Active layer keeps a key's conflict-free
 * state here). It travels with the value: copy-on-write copies deep-copy it through {@link #copy()},
 * so a point-in-time snapshot sees the metadata exactly as of its instant, together with the value.
 */
public interface ValueMeta {

    /** A deep copy sharing nothing mutable with this one. */
    ValueMeta copy();
}
