package dev.syncer.engine.rdb;

import dev.syncer.engine.keyspace.Database;
import dev.syncer.engine.keyspace.Keyspace;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.keyspace.Key;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Loads RDB files and streams written by Redis 2.6 to 7.2 (RDB versions 1 to 11), as Redis's
 * {@code rdbLoadRioWithLoadingCtx} does, one value at a time from the stream.
 *
 * <pre>
 * rdb        = "REDIS" version(4 ASCII digits, 1..11) item* EOF(0xFF) [crc64: 8 bytes LE, version >= 5]
 * item       = AUX(0xFA) string string                    -- kept in {@link RdbFile#aux()}
 *            | SELECTDB(0xFE) length                      -- the database of the following keys
 *            | RESIZEDB(0xFB) length length               -- size hints, ignored
 *            | FUNCTION2(0xF5) string                     -- a library's source, kept in {@link RdbFile#functions()}
 *            | FUNCTION_PRE_GA(0xF6) string string length [string] string  -- name engine has-desc [desc] code
 *            | MODULE_AUX(0xF7) ...                       -- refused: no modules here
 *            | key-attr* type string(key) value
 * key-attr   = EXPIRETIME_MS(0xFC) int64 LE ms | EXPIRETIME(0xFD) int32 LE s | IDLE(0xF8) length | FREQ(0xF9) byte
 * length     = 00xxxxxx | 01xxxxxx byte | 0x80 u32 BE | 0x81 u64 BE
 * string     = length bytes | 0xC0 int8 | 0xC1 int16 LE | 0xC2 int32 LE | 0xC3 length(clen) length(len) LZF-bytes
 * value      = by type: 0 string | 1 list: length string* | 2 set: length string* | 3 zset: length (string text-score)*
 *            | 4 hash: length (string string)* | 5 zset2: length (string double-LE)*
 *            | 9 zipmap | 10 ziplist | 11 intset | 12 zset ziplist | 13 hash ziplist  (each a string blob)
 *            | 14 quicklist: length ziplist-string* | 18 quicklist2: length (length(1 plain|2 packed) string)*
 *            | 16 hash listpack | 17 zset listpack | 20 set listpack                 (each a string blob)
 *            | 6, 7 module, 15, 19, 21 stream: refused with the key, type and offset (no length prefix to skip by)
 * </pre>
 *
 * The CRC64 is checked when present and non-zero. Any problem — truncation, bad magic or
 * version, bad CRC, a lying length or blob header, an unknown type, a duplicate key — is an
 * {@link RdbException} naming what, the byte offset and the key being read.
 */
public final class RdbReader {

    /** The newest format understood: Redis 7.2's. */
    public static final int MAX_VERSION = 11;

    private final InputStream in;
    private final boolean readAhead;
    private ExpiredAtLoad expiredAtLoad = (db, key) -> { };
    private long keyLoadDelayMicros;

    /** Told of each key a load leaves out because it expired (the DELs a restarted primary feeds its backlog). */
    public interface ExpiredAtLoad {
        void expired(int db, byte[] key);
    }

    /** Listens to the keys {@link #read} with {@code skipExpired} leaves out; returns this. */
    public RdbReader onExpired(ExpiredAtLoad listener) {
        this.expiredAtLoad = listener;
        return this;
    }

    /**
     * key-load-delay: after each key, sleep this many microseconds; a negative n sleeps one
     * microsecond every n keys (Redis's debugDelay, its testing knob to slow a load down).
     */
    public RdbReader keyLoadDelayMicros(long micros) {
        this.keyLoadDelayMicros = micros;
        return this;
    }

    /** A reader that takes from {@code in} exactly the RDB's bytes, so what follows stays readable. */
    public RdbReader(InputStream in) {
        this(in, false);
    }

    /**
     * @param readAhead whether the reader may buffer beyond the end of the RDB (fine for a file or
     *                  a byte array; not for a stream the caller keeps reading after the RDB)
     */
    public RdbReader(InputStream in, boolean readAhead) {
        this.in = in;
        this.readAhead = readAhead;
    }

    /**
     * Reads a whole RDB into {@code target}, which must be a fresh keyspace not yet visible to any
     * client (the caller swaps it in only on success). With {@code skipExpired}, keys whose expiry
     * has passed are not loaded, as a primary does at start-up; a replica loads them all.
     */
    public RdbFile read(Keyspace target, boolean skipExpired) throws IOException {
        RdbInput input = new RdbInput(in, readAhead);
        try {
            Load load = new Load(input, target, skipExpired, expiredAtLoad);
            load.keyLoadDelayMicros = keyLoadDelayMicros;
            return load.run();
        } catch (RuntimeException e) {
            // a defect here must still surface as a refused load, never as a crash of the caller
            RdbException x = input.corrupt("unexpected failure decoding the RDB (" + e + ")");
            x.initCause(e);
            throw x;
        }
    }

    /** One load in progress. */
    private static final class Load {
        private final RdbInput in;
        private final Keyspace target;
        private final boolean skipExpired;
        private final ExpiredAtLoad expiredAtLoad;
        private final ValueDecoder values;
        private final Map<String, String> aux = new LinkedHashMap<>();
        private final List<byte[]> functions = new ArrayList<>();
        private final List<RdbExtension.Aux> extensions = new ArrayList<>();
        private final long now;
        private long keyLoadDelayMicros;
        private long keysRead;
        private long keysLoaded;
        private long expiredSkipped;
        private long emptySkipped;

        Load(RdbInput in, Keyspace target, boolean skipExpired, ExpiredAtLoad expiredAtLoad) {
            this.in = in;
            this.target = target;
            this.skipExpired = skipExpired;
            this.expiredAtLoad = expiredAtLoad;
            this.values = new ValueDecoder(in);
            this.now = target.clock().millis();
        }

        RdbFile run() throws IOException {
            int version = header();
            int db = 0;
            long expireAt = -1;
            while (true) {
                long at = in.offset();
                int type = in.u8();
                switch (type) {
                    case RdbOpcode.EXPIRETIME_MS -> expireAt = in.int64LE();
                    case RdbOpcode.EXPIRETIME -> expireAt = in.int32LE() * 1000L;
                    case RdbOpcode.FREQ -> in.u8();
                    case RdbOpcode.IDLE -> in.length();
                    case RdbOpcode.SELECTDB -> db = selectDb(at);
                    case RdbOpcode.RESIZEDB -> {
                        in.length();
                        in.length();
                    }
                    case RdbOpcode.AUX -> {
                        String k = text(in.string());
                        if (RdbExtension.isExtension(k)) {
                            extensions.add(new RdbExtension.Aux(k, in.string()));
                        } else {
                            aux.put(k, text(in.string()));
                        }
                    }
                    case RdbOpcode.FUNCTION2 -> functions.add(in.string());
                    case RdbOpcode.FUNCTION_PRE_GA -> functions.add(preGaFunction());
                    case RdbOpcode.MODULE_AUX -> throw in.corrupt("module aux data for module '"
                            + moduleName(in.length()) + "' (no modules are loaded here)", at);
                    case RdbOpcode.EOF -> {
                        return finish(version);
                    }
                    default -> {
                        entry(type, at, db, expireAt);
                        expireAt = -1;
                    }
                }
            }
        }

        private int header() throws IOException {
            byte[] magic = new byte[9];
            in.readFully(magic, 0, 9);
            String text = new String(magic, StandardCharsets.ISO_8859_1);
            if (!text.startsWith("REDIS")) {
                throw in.corrupt("not an RDB: wrong signature '" + printableAscii(text.substring(0, 5)) + "'", 0);
            }
            String digits = text.substring(5);
            if (!digits.chars().allMatch(Character::isDigit)) {
                throw in.corrupt("not an RDB: bad version '" + printableAscii(digits) + "'", 5);
            }
            int version = Integer.parseInt(digits);
            if (version < 1 || version > MAX_VERSION) {
                throw in.corrupt("can't handle RDB format version " + version + " (this loader reads 1 to " + MAX_VERSION + ")", 5);
            }
            return version;
        }

        private int selectDb(long at) throws IOException {
            long id = in.length();
            if (id >= target.databaseCount()) {
                throw in.corrupt("SELECTDB " + id + " but this shard has " + target.databaseCount() + " databases", at);
            }
            in.context((int) id, null);
            return (int) id;
        }

        private void entry(int typeByte, long at, int db, long expireAt) throws IOException {
            RdbType type = RdbType.of(typeByte);
            if (type == null) {
                throw in.corrupt("unknown RDB type or opcode " + typeByte, at);
            }
            byte[] keyBytes = in.string();
            in.context(db, keyBytes);
            if (!type.supported) {
                throw in.corrupt("unsupported value type " + type.id + " (" + type.typeName + ") — this shard holds"
                        + " strings, lists, sets, sorted sets, hashes and streams only", at);
            }
            RedisValue value = values.read(type);
            if (value == null) {
                emptySkipped++;
            } else if (skipExpired && expireAt != -1 && expireAt < now) {
                expiredSkipped++;
                expiredAtLoad.expired(db, keyBytes);
            } else {
                Database d = target.db(db);
                Key key = new Key(keyBytes);
                int before = d.size();
                d.put(key, value);
                if (d.size() == before) {
                    throw in.corrupt("duplicated key", at);
                }
                if (expireAt != -1) {
                    d.setExpire(key, expireAt);
                }
                keysLoaded++;
            }
            keysRead++;
            delayAfterKey();
            in.context(db, null);
        }

        private void delayAfterKey() {
            long usec = keyLoadDelayMicros;
            if (usec < 0) {
                usec = keysRead % -usec == 0 ? 1 : 0;
            }
            if (usec > 0) {
                LockSupport.parkNanos(usec * 1000);
            }
        }

        /** A 7.0 release-candidate library, turned into the GA form (a "#!engine name=..." first line). */
        private byte[] preGaFunction() throws IOException {
            String name = text(in.string());
            String engine = text(in.string());
            if (in.length() != 0) {
                in.string(); // the description: GA libraries have none
            }
            byte[] code = in.string();
            byte[] shebang = ("#!" + engine.toLowerCase(java.util.Locale.ROOT) + " name=" + name + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[shebang.length + code.length];
            System.arraycopy(shebang, 0, out, 0, shebang.length);
            System.arraycopy(code, 0, out, shebang.length, code.length);
            return out;
        }

        private RdbFile finish(int version) throws IOException {
            in.context(-1, null);
            if (version >= 5) {
                long computed = in.crc();
                long stored = in.int64LE();
                if (stored != 0 && stored != computed) {
                    throw in.corrupt(String.format("wrong RDB checksum: stored %016x, computed %016x", stored, computed));
                }
            }
            if (emptySkipped > 0) {
                System.getLogger(RdbReader.class.getName()).log(System.Logger.Level.INFO,
                        "RDB: skipped {0} empty keys", emptySkipped);
            }
            return new RdbFile(version, aux, keysLoaded, expiredSkipped, in.offset(), functions, extensions);
        }
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static String printableAscii(String s) {
        return RdbInput.printable(s.getBytes(StandardCharsets.ISO_8859_1)).replace("'", "");
    }

    /** A module type's 9-character name, from the top 54 bits of its id (moduleTypeNameByID). */
    static String moduleName(long id) {
        String charset = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char[] name = new char[9];
        long bits = id >>> 10;
        for (int i = 8; i >= 0; i--) {
            name[i] = charset.charAt((int) (bits & 63));
            bits >>>= 6;
        }
        return new String(name);
    }
}
