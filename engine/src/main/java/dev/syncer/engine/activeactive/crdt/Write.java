package dev.syncer.engine.activeactive.crdt;

/** A register write: the tag it was made with and its payload (see {@link ElementKind}). */
public record Write(Tag tag, Object payload) {
}
