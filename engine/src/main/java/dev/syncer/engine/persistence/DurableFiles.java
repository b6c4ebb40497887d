package dev.syncer.engine.persistence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * File hygiene every writer of RDB files shares: files readable by the owner only (a dump holds
 * every secret in the dataset), a directory fsync after each rename so the rename survives a power
 * loss, and stale temporary files of dead saves and syncs removed at start-up.
 */
public final class DurableFiles {

    private static final Logger log = LoggerFactory.getLogger(DurableFiles.class);
    /** temp-&lt;pid&gt;-*.rdb (saves), temp-repl-&lt;port&gt;-*.rdb (sync dumps), temp-sync-&lt;port&gt;-*.rdb (received). */
    private static final Pattern TEMP = Pattern.compile("temp-(?:(repl|sync)-)?(\\d+)-.*\\.rdb");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private DurableFiles() {
    }

    /** Opens file for writing from scratch, created with mode 0600. */
    public static FileChannel createPrivate(Path file) throws IOException {
        Files.deleteIfExists(file); // permissions are given at creation only
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        if (!POSIX) {
            return FileChannel.open(file, options);
        }
        FileAttribute<?> ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
        return FileChannel.open(file, options, ownerOnly);
    }

    /** fsyncFileDir: makes a rename in dir durable. Where a directory cannot be opened, nothing to do. */
    public static void syncDirectory(Path dir) {
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
     * Start-up: deletes temporary RDB files a killed process left in dir — saves of processes no
     * longer alive, and sync files of this shard's port (no live process can hold that port's).
     * Returns how many were removed.
     */
    public static int removeStaleTemps(Path dir, long port) {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "temp-*.rdb")) {
            for (Path f : files) {
                if (isStale(f.getFileName().toString(), port) && Files.deleteIfExists(f)) {
                    log.info("Removed the stale temporary file {}", f);
                    removed++;
                }
            }
        } catch (IOException e) {
            log.warn("Could not look for stale temporary files in {}: {}", dir, e.toString());
        }
        return removed;
    }

    static boolean isStale(String name, long port) {
        Matcher m = TEMP.matcher(name);
        if (!m.matches()) {
            return false;
        }
        long number = Long.parseLong(m.group(2));
        if (m.group(1) != null) {
            return port != 0 && number == port;
        }
        return ProcessHandle.of(number).isEmpty();
    }
}
