package dev.syncer.engine.rdb;

/** A listpack, ziplist, zipmap or intset blob that is not what its header says; the caller adds where. */
final class EncodingException extends Exception {

    EncodingException(String message) {
        super(message, null, false, false);
    }
}
