package dev.syncer.engine.persistence;

import dev.syncer.engine.server.Shard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The AOF directory as a start-up finds it, before and after loading: a single-file AOF of Redis
 * before 7.0 is moved in under a new manifest (aofUpgradePrepare), and a start with no AOF at all
 * gets a base file (aofOpenIfNeededOnServerStart), as redis-server leaves the directory.
 */
final class AofStartUp {

    private static final Logger log = LoggerFactory.getLogger(AofStartUp.class);

    private AofStartUp() {
    }

    /**
     * aofOpenIfNeededOnServerStart: a start with no AOF at all writes a base of the dataset, which
     * is empty here (with appendonly yes nothing else was loaded), so the manifest always has one.
     */
    static void createBase(AppendOnlyFile aof, Persistence persistence, Path dir, AofManifest manifest) throws IOException {
        Shard shard = aof.shard();
        boolean rdb = shard.config().getBoolean("aof-use-rdb-preamble");
        AofManifest.Entry base = manifest.newBase(aof.prefix(), rdb);
        Path file = dir.resolve(base.name());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            AofFiles.ownerOnly(file);
            OutputStream out = Channels.newOutputStream(ch);
            if (rdb) {
                Map<String, String> aux = new HashMap<>(persistence.auxForSave());
                aux.put("aof-base", "1");
                persistence.rdbWriter(out).extension(persistence.extensionForSave())
                        .write(shard.keyspace(), aux, persistence.functionLibraries());
            } else {
                byte[] ts = aof.timestampAnnotation(true);
                if (ts != null) {
                    out.write(ts);
                }
            }
            out.flush();
            ch.force(true);
        }
        AofFiles.syncDirectory(dir);
        log.info("Creating AOF base file {} on server start", base.name());
    }

    /**
     * loadAppendOnlyFiles' upgrade check: a single-file AOF of Redis before 7.0 lies in the server's
     * directory under appendfilename, and no manifest (or only the one an interrupted upgrade wrote,
     * naming it as the base) says otherwise.
     */
    static boolean upgradeNeeded(AppendOnlyFile aof, boolean dirExisted, AofManifest onDisk) {
        Shard shard = aof.shard();
        Path old = Path.of(shard.config().get("dir")).resolve(aof.prefix());
        if (!Files.isRegularFile(old)) {
            return false;
        }
        return !dirExisted || onDisk == null || (onDisk.base == null && onDisk.incrs.isEmpty())
                || (onDisk.base != null && onDisk.incrs.isEmpty() && onDisk.base.name().equals(aof.prefix())
                        && !Files.exists(aof.dir().resolve(aof.prefix())));
    }

    /** aofUpgradePrepare: the old file becomes the base of a new manifest, then moves into the AOF directory. */
    static AofManifest upgrade(AppendOnlyFile aof, Path dir) throws IOException {
        Shard shard = aof.shard();
        AofManifest upgraded = new AofManifest();
        upgraded.base = new AofManifest.Entry(aof.prefix(), 1, AofManifest.Type.BASE);
        upgraded.baseSeq = 1;
        AofFiles.writeManifest(dir, aof.manifestName(), upgraded);
        AofFiles.moveDurably(Path.of(shard.config().get("dir")).resolve(aof.prefix()), dir.resolve(aof.prefix()));
        log.info("Successfully migrated an old-style AOF file ({}) into the AOF directory ({}).", aof.prefix(),
                shard.config().get("appenddirname"));
        return upgraded;
    }
}
