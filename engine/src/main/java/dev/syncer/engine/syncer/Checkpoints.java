package dev.syncer.engine.syncer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a syncer stands in its source's replication history: the (replid, offset) pairs it has
 * applied up to, oldest first, at most {@value #MAX}. The newest is where it resumes
 * ({@code PSYNC <replid> <offset+1>}); its offset moves only over stream bytes whose effects the
 * local primary acknowledged. A source failover answered with {@code +CONTINUE <newid>} appends a
 * checkpoint (the old one stays, frozen at the switch). Kept in a file, one {@code <replid> <offset>}
 * line each, replaced atomically, so a restarted syncer resumes too. Confined to the syncer's loop.
 */
public final class Checkpoints {

    /** One position: bytes up to {@code offset} of history {@code replid} are applied. */
    public record Checkpoint(String replid, long offset) {
        @Override
        public String toString() {
            return replid + "@" + offset;
        }
    }

    public static final int MAX = 8;

    private final Path file;
    private final List<Checkpoint> history = new ArrayList<>();
    private boolean dirty;

    /** Reads the file if it exists (a malformed one is ignored: the syncer then starts afresh). */
    public Checkpoints(Path file) {
        this.file = file;
        if (file != null && Files.exists(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                    String[] parts = line.trim().split(" ");
                    if (parts.length == 2 && parts[0].length() == 40) {
                        history.add(new Checkpoint(parts[0], Long.parseLong(parts[1])));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                history.clear();
            }
        }
    }

    /** The newest checkpoint, or null before the first sync. */
    public Checkpoint latest() {
        return history.isEmpty() ? null : history.get(history.size() - 1);
    }

    public List<Checkpoint> history() {
        return List.copyOf(history);
    }

    /** The newest checkpoint's offset moves on (applied bytes). */
    void advance(long offset) {
        Checkpoint last = latest();
        if (last != null && offset > last.offset()) {
            history.set(history.size() - 1, new Checkpoint(last.replid(), offset));
            dirty = true;
        }
    }

    /** A new history from {@code offset} on (a full sync, or +CONTINUE under a new replid). */
    void append(String replid, long offset) {
        Checkpoint last = latest();
        if (last != null && last.replid().equalsIgnoreCase(replid)) {
            history.set(history.size() - 1, new Checkpoint(replid, offset));
        } else {
            history.add(new Checkpoint(replid, offset));
        }
        while (history.size() > MAX) {
            history.remove(0);
        }
        dirty = true;
    }

    /** {@link #save()}, logging a failure: a checkpoint not written costs a full sync, not data. */
    void saveOrWarn(String syncerId) {
        try {
            save();
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(Checkpoints.class)
                    .warn("Syncer {}: cannot write its checkpoint file: {}", syncerId, e.toString());
        }
    }

    /** Writes the file if anything changed (temp file + atomic rename). */
    void save() throws IOException {
        if (!dirty || file == null) {
            return;
        }
        StringBuilder text = new StringBuilder();
        for (Checkpoint c : history) {
            text.append(c.replid()).append(' ').append(c.offset()).append('\n');
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) { // the directory only when missing, not a mkdir per save
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        dirty = false;
    }

    /** "replid@offset;..." newest first, as INFO shows it. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        for (int i = history.size() - 1; i >= 0; i--) {
            if (!out.isEmpty()) {
                out.append(';');
            }
            out.append(history.get(i));
        }
        return out.toString();
    }
}
