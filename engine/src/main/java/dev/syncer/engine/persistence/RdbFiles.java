package dev.syncer.engine.persistence;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes an RDB file the way rdbSave does, so a crash never leaves a half-written dump behind:
 * into a temporary file in the same directory, fsync, rename over the target, fsync the directory.
 */
final class RdbFiles {

    /** The body of a save: writes the whole RDB to the stream. */
    @FunctionalInterface
    interface Body {
        void writeTo(OutputStream out) throws IOException, InterruptedException;
    }

    private RdbFiles() {
    }

    static void writeAtomically(Path target, Body body) throws IOException, InterruptedException {
        Path dir = target.toAbsolutePath().getParent();
        // "temp-<pid>-<random>.rdb" next to the target, as Redis's "temp-<pid>.rdb"
        Path temp = Files.createTempFile(dir, "temp-" + ProcessHandle.current().pid() + "-", ".rdb");
        boolean done = false;
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(ch)) {
                body.writeTo(out);
                ch.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
            syncDirectory(dir);
        } finally {
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** fsyncFileDir: makes the rename itself durable. Some platforms cannot open a directory; that is fine. */
    private static void syncDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // not supported here (e.g. Windows); the data itself was forced already
        }
    }
}
