package dev.syncer.engine.persistence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * File operations of the persistence layer: owner-only (0600) files, renames made durable by a
 * directory fsync, the manifest written atomically, and stale temp files of a crashed save removed.
 */
final class AofFiles {

    private static final Logger log = LoggerFactory.getLogger(AofFiles.class);
    /** TEMP_FILE_NAME_PREFIX: every temporary file Redis (and a shard) writes starts with it. */
    static final String TEMP_PREFIX = "temp-";
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private AofFiles() {
    }

    /** "temp-<pid>-..." and "temp-rewriteaof-bg-<pid>.aof" name the process that writes them. */
    static boolean ownedByLiveProcess(String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^temp-(?:rewriteaof-bg-)?(\\d+)[-.]").matcher(name);
        if (!m.find()) {
            return false;
        }
        long pid = Long.parseLong(m.group(1));
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Opens (creating if needed) a file for appending, owner read/write only. */
    static FileChannel openAppend(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        ownerOnly(file);
        return ch;
    }

    static void ownerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        } catch (UnsupportedOperationException | IOException e) {
            // a file system without POSIX permissions
        }
    }

    /** rename + fsyncFileDir. */
    static void moveDurably(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory(to.toAbsolutePath().getParent());
    }

    /** writeAofManifestFile: a temp file, fsync, rename over the manifest, fsync the directory. */
    static void writeManifest(Path dir, String manifestName, AofManifest manifest) throws IOException {
        Path temp = dir.resolve(TEMP_PREFIX + manifestName);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ownerOnly(temp);
            ch.write(java.nio.ByteBuffer.wrap(manifest.format().getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        moveDurably(temp, dir.resolve(manifestName));
    }

    static void syncDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // not supported here (e.g. Windows); the data itself was forced already
        }
    }

    /**
     * Start-up: removes the temp files a killed save or rewrite left behind in {@code dir}; a file
     * naming the pid of a live process belongs to a save still running there and stays.
     */
    static void removeStaleTempFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, TEMP_PREFIX + "*")) {
            for (Path f : files) {
                if (Files.isRegularFile(f) && !ownedByLiveProcess(f.getFileName().toString())) {
                    Files.deleteIfExists(f);
                    log.info("Removed stale temporary file {}", f.getFileName());
                }
            }
        } catch (IOException e) {
            log.warn("Could not clean temporary files in {}: {}", dir, e.getMessage());
        }
    }
}
