package dev.syncer.engine.command;

import dev.syncer.engine.testing.ClientSteps;
import org.junit.jupiter.api.Test;

/**
 * MULTI/EXEC and a read-only replica, beside a real redis-server: a write queued on a replica is
 * refused at once and fails the transaction; a transaction with writes queued on a primary is
 * refused whole (EXECABORT ... READONLY) when EXEC finds the server made a replica meanwhile.
 */
class ExecOnReadOnlyReplicaIT {

    /** Client number, then the command. */
    private static final String[][] STEPS = {
        {"0", "MULTI"}, {"0", "SET", "a", "1"}, {"1", "REPLICAOF", "127.0.0.1", "1"}, {"0", "EXEC"},
        {"0", "SET", "c", "3"},
        {"0", "MULTI"}, {"0", "SET", "d", "4"}, {"0", "GET", "d"}, {"0", "EXEC"},
        {"0", "MULTI"}, {"0", "GET", "a"}, {"0", "EXEC"},
        {"1", "REPLICAOF", "NO", "ONE"},
        {"0", "MULTI"}, {"0", "SET", "e", "5"}, {"1", "SET", "f", "6"}, {"0", "EXEC"},
        {"0", "MGET", "a", "c", "d", "e", "f"},
        // REPLICAOF is queued like any command: the writes after it in the transaction still run
        {"0", "MULTI"}, {"0", "SET", "g", "7"}, {"0", "REPLICAOF", "127.0.0.1", "1"}, {"0", "SET", "h", "8"},
        {"0", "EXEC"}, {"0", "SET", "i", "9"}, {"1", "REPLICAOF", "NO", "ONE"}, {"0", "MGET", "g", "h", "i"},
    };

    @Test
    void writesAreRefusedWhenQueuedOrExecutedOnAReplica() {
        ClientSteps.assertSameAsRedis(STEPS, 2);
    }
}
