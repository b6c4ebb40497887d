package dev.syncer.engine.rdb;

/** The special bytes that may stand where a value type is expected (rdb.h RDB_OPCODE_*). */
final class RdbOpcode {

    /** Library source of one Redis Function library (7.0 GA). */
    static final int FUNCTION2 = 245;
    /** Function library in the format of the 7.0 release candidates: name, engine, description, code. */
    static final int FUNCTION_PRE_GA = 246;
    /** Module data not tied to a key. */
    static final int MODULE_AUX = 247;
    /** LRU idle time of the next key, in seconds (a length). */
    static final int IDLE = 248;
    /** LFU counter of the next key (one byte). */
    static final int FREQ = 249;
    /** An aux field: two strings. */
    static final int AUX = 250;
    /** Sizes of the current database's main and expires dictionaries (a hint). */
    static final int RESIZEDB = 251;
    /** Expiry of the next key: 8-byte little-endian unix milliseconds. */
    static final int EXPIRETIME_MS = 252;
    /** Expiry of the next key, pre-RDB-3: 4-byte little-endian unix seconds. */
    static final int EXPIRETIME = 253;
    /** The database the following keys belong to. */
    static final int SELECTDB = 254;
    /** End of the data; the CRC64 follows (RDB version 5 and later). */
    static final int EOF = 255;

    private RdbOpcode() {
    }
}
