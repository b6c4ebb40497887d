package dev.syncer.engine.server;

import dev.syncer.engine.resp.RespDecoder;

/**
 * A client's memory as Redis 7.0's getClientMemoryUsage counts it: CLIENT LIST's tot-mem, and what
 * client eviction adds up against maxmemory-clients. It is the pending output, the query buffer,
 * the arguments of the command running or arriving, the MULTI queue, and the per-client overhead
 * of watched keys, subscriptions and tracking prefixes (not the names themselves, which are shared).
 * Structure sizes are a 64-bit Redis's, so the suite's thresholds mean the same here.
 */
public final class ClientMemory {

    static final int POINTER = 8;
    /** zmalloc_size(client) and the client's static reply buffer (CLIENT LIST's rbs). */
    static final long CLIENT_STRUCT = 768 + 1024;
    /** sizeof(listNode), sizeof(dictEntry), sizeof(watchedKey), sizeof(multiCmd). */
    static final int LIST_NODE = 24;
    static final int DICT_ENTRY = 24;
    static final int WATCHED_KEY = 32;
    static final int MULTI_CMD = 24;
    /** sizeof(raxNode) * sizeof(raxNode*), Redis's (under)estimate per tracking-prefix node. */
    static final int RAX_NODE = 4 * POINTER;
    /** PROTO_MBULK_BIG_ARG: Redis gives an argument this long a query buffer of its whole length at once. */
    static final int BIG_ARG = 32 * 1024;

    /** What a client holds, as getClientMemoryUsage's terms. */
    record Parts(long outputBuffer, long queryBuffer, long argvLength, int argc, long multiArgv, int multiCount,
                 long structures) {
    }

    private ClientMemory() {
    }

    /** getClientMemoryUsage. */
    static long getClientMemoryUsage(Parts p) {
        return p.outputBuffer() + p.queryBuffer() + CLIENT_STRUCT
                + p.argvLength() + (long) POINTER * p.argc()
                + p.multiArgv() + (long) MULTI_CMD * p.multiCount()
                + p.structures();
    }

    /** The sum of the arguments' lengths (Redis's argv_len_sum). */
    public static long argvLength(byte[][] argv) {
        long sum = 0;
        for (byte[] a : argv) {
            sum += a.length;
        }
        return sum;
    }

    /** multiStateMemOverhead's watched keys: a list node and a watchedKey each. */
    public static long watchedKeys(int count) {
        return (long) count * (LIST_NODE + WATCHED_KEY);
    }

    /** pubsubMemOverhead: a list node per pattern, a dict entry and slot per channel (of either kind). */
    public static long subscriptions(int patterns, int channels, int shardChannels) {
        return (long) patterns * LIST_NODE + dict(channels) + dict(shardChannels);
    }

    /** The tracking prefixes' rax, two nodes a prefix (a key node and the branch it hangs from). */
    public static long trackingPrefixes(int prefixes) {
        return 2L * prefixes * RAX_NODE;
    }

    /** A dict of n entries: its entries and its table, a power of two of at least 4 slots (0 when empty). */
    static long dict(int n) {
        if (n == 0) {
            return 0;
        }
        long slots = Math.max(4, Long.highestOneBit(n) == n ? n : Long.highestOneBit(n) << 1);
        return (long) n * DICT_ENTRY + slots * POINTER;
    }

    /**
     * The query buffer a request still arriving holds: what came so far, or for a big argument
     * the whole announced length, which Redis allocates as soon as the argument's header arrives.
     */
    static long queryBuffer(long buffered, long bigArgumentAnnounced) {
        return Math.max(buffered, bigArgumentAnnounced >= BIG_ARG ? bigArgumentAnnounced + 2 : 0);
    }

    /**
     * The parts of this client now. With {@code running}, the command being executed counts too
     * (CLIENT LIST, run by that command); without, the client as between commands, as Redis's
     * eviction sees the current client (its usage was last updated before the command).
     */
    static Parts of(ClientSession c, Dispatcher dispatcher, boolean running) {
        RespDecoder input = c.channel() == null ? null : c.channel().pipeline().get(RespDecoder.class);
        long buffered = input == null ? 0 : queryBuffer(input.bufferedBytes(), input.announcedBulkLength());
        boolean executing = running && c.argc() > 0;
        long argvLength = executing ? c.argvLength() : input == null ? 0 : input.partialArgvLength();
        int argc = executing ? c.argc() : input == null ? 0 : input.partialArgc();
        long query = running ? c.requestBytes() + buffered : buffered;
        return new Parts(c.outputBufferBytes(), query, argvLength, argc, c.multiArgvBytes(),
                Math.max(0, c.multiQueueSize()), dispatcher.clientStructuresMemory(c));
    }

    /** CLIENT LIST's tot-mem, the running command included. */
    public static long total(Shard shard, ClientSession c) {
        return getClientMemoryUsage(of(c, shard.dispatcher(), true));
    }

    /** CLIENT LIST's qbuf: the running request and input not yet parsed. */
    public static long queryBufferLength(ClientSession c) {
        RespDecoder input = c.channel() == null ? null : c.channel().pipeline().get(RespDecoder.class);
        return c.requestBytes() + (input == null ? 0 : input.bufferedBytes());
    }

    /** CLIENT LIST's argv-mem: the running command's argument lengths, or those of one arriving. */
    public static long argvMemory(ClientSession c) {
        if (c.argc() > 0) {
            return c.argvLength();
        }
        RespDecoder input = c.channel() == null ? null : c.channel().pipeline().get(RespDecoder.class);
        return input == null ? 0 : input.partialArgvLength();
    }

    /** What client eviction counts for a client: as between commands. */
    static long forEviction(Shard shard, ClientSession c) {
        return getClientMemoryUsage(of(c, shard.dispatcher(), false));
    }
}
