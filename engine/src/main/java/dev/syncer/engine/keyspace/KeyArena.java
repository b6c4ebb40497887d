package dev.syncer.engine.keyspace;

import java.util.Arrays;

/**
 * A {@link Segment}'s keys of value objects, one after another in chunks of bytes: each key its
 * length (a varint, as a {@link Listpack} element's) and its bytes, found by a position (the chunk
 * and the offset in it). A 10-byte key costs 11 bytes here instead of a 24-byte array and its
 * reference. Chunks are only appended to and never move: growing copies nothing (a copied array
 * would be garbage the old generation keeps until a full collection), and a {@link #share() shared}
 * copy, a frozen segment's, keeps reading what it had while the live one appends. A removed key's
 * bytes stay until {@link #wasteful()} says the segment should copy its live keys to a new arena.
 */
final class KeyArena {

    private static final int CHUNK_BITS = 9;
    /** The largest chunk a key shares with others; a longer key gets a chunk of its own. */
    static final int CHUNK = 1 << CHUNK_BITS;
    private static final int FIRST_CHUNK = 64; // a segment of strings with one hash among them needs no more

    // 16 chunks hold 7 KB of keys, more than a segment of a 300k-key keyspace holds: no growth of
    // this array. A growth first taken late in a load is a compiled path never taken before: the
    // commands inlining it are compiled again, and C2 holds 14-22 MB more native memory for each
    // (-XX:CompileCommand=memstat): with 2, RSS after loading 100k hashes, sets and zsets rose 10 MB.
    private byte[][] chunks = new byte[16][];
    private int count; // chunks in use; the last is the one appended to
    private int end; // bytes used in the last chunk
    private long live; // bytes of the keys positions refer to
    private long dead; // bytes of dropped keys

    /** Appends a key; returns its position. */
    int append(byte[] key) {
        return append(key, 0, key.length);
    }

    /** Appends the key held in another arena's position (a compaction's move). */
    int append(KeyArena from, int pos) {
        byte[] chunk = from.chunk(pos);
        int data = Listpack.data(chunk, offset(pos));
        return append(chunk, data, Listpack.length(chunk, offset(pos)));
    }

    private int append(byte[] bytes, int from, int length) {
        int need = Listpack.encodedSize(length);
        if (count == 0 || end + need > chunks[count - 1].length) {
            int size = need > CHUNK ? need : Math.max(need, Math.min(CHUNK, FIRST_CHUNK << count));
            if (count == chunks.length) {
                chunks = Arrays.copyOf(chunks, count * 2);
            }
            chunks[count++] = new byte[size];
            end = 0;
        }
        int pos = (count - 1) << CHUNK_BITS | end;
        end = Listpack.write(chunks[count - 1], end, bytes, from, length);
        live += need;
        return pos;
    }

    private byte[] chunk(int pos) {
        return chunks[pos >>> CHUNK_BITS];
    }

    private static int offset(int pos) {
        return pos & (CHUNK - 1);
    }

    /** Whether the key at pos holds exactly these bytes. */
    boolean matches(int pos, byte[] key) {
        return Listpack.matches(chunk(pos), offset(pos), key);
    }

    /** The key at pos, a new Key. */
    Key key(int pos) {
        return new Key(Listpack.element(chunk(pos), offset(pos)));
    }

    /** Key's hash of the key at pos, computed from its bytes. */
    int hash(int pos) {
        byte[] chunk = chunk(pos);
        int from = Listpack.data(chunk, offset(pos));
        return Key.hash(chunk, from, from + Listpack.length(chunk, offset(pos)));
    }

    /** Counts the key at pos as gone; its bytes stay until a compaction. Returns whether no key is left. */
    boolean drop(int pos) {
        byte[] chunk = chunk(pos);
        int size = Listpack.next(chunk, offset(pos)) - offset(pos);
        live -= size;
        dead += size;
        return live == 0;
    }

    /** Whether dropped keys hold more than the live ones (and a chunk's worth): time to copy the live ones. */
    boolean wasteful() {
        return dead > live && dead > CHUNK;
    }

    /** Bytes of the chunks (for tests). */
    long footprint() {
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            bytes += chunks[i].length;
        }
        return bytes;
    }

    /** A copy reading the same chunks (never written where a position of either refers). */
    KeyArena share() {
        KeyArena copy = new KeyArena();
        copy.chunks = chunks.clone();
        copy.count = count;
        copy.end = end;
        copy.live = live;
        copy.dead = dead;
        copy.closeTail(); // its own appends, if any, go to a new chunk
        return copy;
    }

    /** Makes the next append start a new chunk: the tail may be shared with a copy that appends too. */
    private void closeTail() {
        if (count > 0) {
            end = Integer.MAX_VALUE / 2;
        }
    }
}
