package dev.syncer.engine.persistence;

import dev.syncer.engine.resp.Reply;
import dev.syncer.engine.rdb.RdbFile;
import dev.syncer.engine.rdb.RdbReader;
import dev.syncer.engine.server.ClientSession;
import dev.syncer.engine.server.Shard;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Loads a multi-part AOF at start-up, as Redis's loadAppendOnlyFiles: the base (an RDB, or
 * commands possibly after an RDB preamble), then each incremental file in manifest order, every
 * command run by a client that is never answered. A last file cut short in the middle of a command
 * (a crash during a write) is truncated back to its last complete command when aof-load-truncated
 * is yes, and is fatal otherwise; a MULTI without its EXEC at the end counts as cut short.
 */
final class AofLoad {

    private static final Logger log = LoggerFactory.getLogger(AofLoad.class);

    private final Shard shard;
    private final boolean truncatedOk;
    private final ClientSession client;
    private final Consumer<RdbFile> baseLoaded;
    private final ByteBuf sink = Unpooled.buffer(256);
    private final Reply reply = new Reply(sink);
    long commands;

    private AofLoad(Shard shard, Consumer<RdbFile> baseLoaded) {
        this.shard = shard;
        this.baseLoaded = baseLoaded;
        this.truncatedOk = shard.config().getBoolean("aof-load-truncated");
        // the primary-stream kind: not propagated, never refused as read-only, nothing expired under it
        this.client = shard.internalClient(ClientSession.Kind.MASTER);
    }

    /**
     * Loads every file of the manifest, telling {@code baseLoaded} of an RDB base before the commands
     * replay; IllegalStateException (after crash()) when it cannot be loaded.
     */
    static void run(Shard shard, Path dir, AofManifest manifest, Consumer<RdbFile> baseLoaded) {
        long start = System.nanoTime();
        AofLoad load = new AofLoad(shard, baseLoaded);
        List<AofManifest.Entry> files = new ArrayList<>();
        if (manifest.base != null) {
            files.add(manifest.base);
        }
        files.addAll(manifest.incrs);
        try {
            for (int i = 0; i < files.size(); i++) {
                load.file(dir.resolve(files.get(i).name()), i == files.size() - 1);
            }
        } catch (IOException e) {
            shard.keyspace().flushAll();
            shard.crash();
            throw new FatalStartupError(e.getMessage(), e); // in loadSingleAppendOnlyFile's words
        } finally {
            load.sink.release();
        }
        log.info("DB loaded from append only file: {} seconds ({} commands)",
                String.format("%.3f", (System.nanoTime() - start) / 1e9), load.commands);
    }

    private void file(Path path, boolean last) throws IOException {
        if (!Files.exists(path)) {
            // getAppendOnlyFileSize's words, which scripts match
            throw new IOException("Unable to obtain the AOF file " + path.getFileName() + " length. stat: No such file or directory");
        }
        long valid = 0;
        long multiStart = -1;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            in.mark(5);
            byte[] head = in.readNBytes(5);
            in.reset();
            long position = 0;
            if (AofCommandReader.startsWithRdbMagic(head)) {
                CountingInput counted = new CountingInput(in);
                boolean replica = shard.config().has("replicaof") && !shard.config().get("replicaof").isBlank();
                baseLoaded.accept(new RdbReader(counted).read(shard.keyspace(), !replica));
                position = counted.count;
                log.info("Reading RDB base file on AOF loading...");
            }
            valid = position;
            AofCommandReader reader = new AofCommandReader(in, position);
            byte[][] argv;
            while ((argv = reader.next()) != null) {
                if (!shard.dispatcher().knows(argv[0])) {
                    throw new IOException("Unknown command '" + new String(argv[0], StandardCharsets.UTF_8)
                            + "' reading the append only file " + path.getFileName());
                }
                if (multiStart < 0 && isCommand(argv, "multi")) {
                    multiStart = valid;
                }
                shard.dispatcher().execute(client, argv, reply);
                if (sink.isReadable() && sink.getByte(sink.readerIndex()) == '-') {
                    // as Redis, a command that fails is skipped; the log says which
                    log.warn("AOF command {} failed: {}", new String(argv[0], StandardCharsets.UTF_8),
                            sink.toString(StandardCharsets.UTF_8).strip());
                }
                sink.clear();
                commands++;
                if (!client.inMulti()) {
                    multiStart = -1;
                }
                valid = reader.position();
            }
            if (multiStart >= 0) {
                log.warn("Revert incomplete MULTI/EXEC transaction in AOF file {}", path.getFileName());
                throw new AofCommandReader.Truncated();
            }
        } catch (AofCommandReader.Truncated e) {
            long upTo = multiStart >= 0 ? multiStart : valid;
            if (client.inMulti()) {
                client.endMulti();
            }
            if (!truncatedOk) {
                throw new IOException("Unexpected end of file reading the append only file " + path.getFileName()
                        + ". You can: 1) Make a backup of your AOF file, then use ./redis-check-aof --fix "
                        + "<filename.manifest>. 2) Alternatively you can set the 'aof-load-truncated' "
                        + "configuration option to yes and restart the server.");
            }
            if (!last) {
                throw new IOException("Fatal error: the truncated file is not the last file");
            }
            log.warn("!!! Warning: short read while loading the AOF file {}!!!", path.getFileName());
            log.warn("!!! Truncating the AOF {} at offset {} !!!", path.getFileName(), upTo);
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
                ch.truncate(upTo);
                ch.force(true);
            }
            log.warn("AOF {} loaded anyway because aof-load-truncated is enabled", path.getFileName());
        } catch (AofCommandReader.BadFormat e) {
            throw new IOException("Bad file format reading the append only file " + path.getFileName()
                    + ": make a backup of your AOF file, then use ./redis-check-aof --fix <filename.manifest>");
        }
    }

    private static boolean isCommand(byte[][] argv, String name) {
        return new String(argv[0], StandardCharsets.US_ASCII).equalsIgnoreCase(name);
    }

    /** Counts the bytes the RDB reader takes, so commands after a preamble have their file offsets. */
    private static final class CountingInput extends java.io.FilterInputStream {
        long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }
    }
}
