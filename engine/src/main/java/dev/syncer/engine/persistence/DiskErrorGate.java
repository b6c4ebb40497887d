package dev.syncer.engine.persistence;

import dev.syncer.engine.command.CommandDispatcher;
import dev.syncer.engine.command.CommandFlag;
import dev.syncer.engine.command.CommandSpec;
import dev.syncer.engine.server.ClientSession;

/**
 * MISCONF: while the last background save failed (with save rules set and
 * stop-writes-on-bgsave-error yes) or the append-only file cannot be written, writes and PING are
 * refused, as Redis's processCommand does with writeCommandsDeniedByDiskError. The primary's
 * stream is never refused (Redis would stop the replica; a replica that drops its primary's writes
 * would diverge, so it applies them and its INFO shows the error).
 */
final class DiskErrorGate implements CommandDispatcher.Gate {

    static final String RDB_ERROR = "MISCONF Redis is configured to save RDB snapshots, but it's currently unable to "
            + "persist to disk. Commands that may modify the data set are disabled, because this instance is configured "
            + "to report errors during writes if RDB snapshotting fails (stop-writes-on-bgsave-error option). Please "
            + "check the Redis logs for details about the RDB error.";

    private final Persistence persistence;
    private final AppendOnlyFile aof;

    DiskErrorGate(Persistence persistence, AppendOnlyFile aof) {
        this.persistence = persistence;
        this.aof = aof;
    }

    @Override
    public String check(CommandSpec spec, ClientSession session, byte[][] argv) {
        if (persistence.lastBgsaveOk() && aof.lastWriteOk()) {
            return null; // the usual case, decided without reading any setting
        }
        if (session.kind() == ClientSession.Kind.MASTER || !(spec.has(CommandFlag.WRITE) || spec.name().equals("ping"))) {
            return null;
        }
        return deniedByDiskError(persistence.stopWritesOnBgsaveError(), persistence.hasSaveRules(),
                persistence.lastBgsaveOk(), aof.state() != AppendOnlyFile.State.OFF, aof.lastWriteOk(), aof.lastWriteError());
    }

    /** Redis's writeCommandsDeniedByDiskError with its message: null when writes may go on. */
    static String deniedByDiskError(boolean stopWritesOnBgsaveError, boolean hasSaveRules, boolean lastBgsaveOk,
                                    boolean aofOn, boolean aofLastWriteOk, String aofError) {
        if (stopWritesOnBgsaveError && hasSaveRules && !lastBgsaveOk) {
            return RDB_ERROR;
        }
        if (aofOn && !aofLastWriteOk) {
            return "MISCONF Errors writing to the AOF file: " + aofError;
        }
        return null;
    }
}
