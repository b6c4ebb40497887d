package dev.syncer.engine.persistence;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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
        Path temp = dir.resolve("temp-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".rdb");
        boolean done = false;
        try {
            try (FileChannel ch = DurableFiles.createPrivate(temp);
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
            DurableFiles.syncDirectory(dir);
        } finally {
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
    }
}
