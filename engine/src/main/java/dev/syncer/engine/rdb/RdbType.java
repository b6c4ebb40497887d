package dev.syncer.engine.rdb;

/**
 * Value type bytes of the RDB format (rdb.h RDB_TYPE_*), with the names redis-check-rdb prints.
 * Opcodes (AUX, SELECTDB, EOF...) are in {@link RdbOpcode}.
 */
enum RdbType {
    STRING(0, "string", true),
    LIST(1, "list", true),
    SET(2, "set", true),
    ZSET(3, "zset", true),
    HASH(4, "hash", true),
    ZSET_2(5, "zset-v2", true),
    MODULE_PRE_GA(6, "module-pre-release", false),
    MODULE_2(7, "module-value", false),
    HASH_ZIPMAP(9, "hash-zipmap", true),
    LIST_ZIPLIST(10, "list-ziplist", true),
    SET_INTSET(11, "set-intset", true),
    ZSET_ZIPLIST(12, "zset-ziplist", true),
    HASH_ZIPLIST(13, "hash-ziplist", true),
    LIST_QUICKLIST(14, "quicklist", true),
    STREAM_LISTPACKS(15, "stream", true),
    HASH_LISTPACK(16, "hash-listpack", true),
    ZSET_LISTPACK(17, "zset-listpack", true),
    LIST_QUICKLIST_2(18, "quicklist-v2", true),
    STREAM_LISTPACKS_2(19, "stream-v2", true),
    SET_LISTPACK(20, "set-listpack", true),
    STREAM_LISTPACKS_3(21, "stream-v3", true);

    private static final RdbType[] BY_ID = new RdbType[22];

    static {
        for (RdbType t : values()) {
            BY_ID[t.id] = t;
        }
    }

    final int id;
    final String typeName;
    /** Whether the keyspace holds values of this type (module values it does not). */
    final boolean supported;

    RdbType(int id, String typeName, boolean supported) {
        this.id = id;
        this.typeName = typeName;
        this.supported = supported;
    }

    /** The type with this id in RDB versions up to 11, or null. */
    static RdbType of(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
