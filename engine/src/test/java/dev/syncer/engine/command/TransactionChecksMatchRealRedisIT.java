package dev.syncer.engine.command;

import dev.syncer.engine.testing.ClientSteps;
import org.junit.jupiter.api.Test;

/**
 * processCommand's checks of EXEC beside a real redis-server: EXEC is checked with its queue's
 * flags (NOREPLICAS for a queued write, MASTERDOWN for a queued command not allowed while stale),
 * a refused EXEC discards the transaction (EXECABORT), SAVE / SHUTDOWN are refused inside MULTI,
 * RESET ends MULTI and the connection's state, and MONITOR is refused when EXEC runs it. (EXEC
 * during a busy script, aborted the same way, is measured by Redis's suite, unit/multi: a busy
 * shard script takes seconds to set up here.)
 */
class TransactionChecksMatchRealRedisIT {

    /** Client number, then the command. */
    private static final String[][] STEPS = {
        {"0", "SET", "xx", "1"},
        {"0", "MULTI"}, {"0", "INCR", "xx"}, {"1", "CONFIG", "SET", "min-replicas-to-write", "2"}, {"0", "EXEC"},
        {"1", "CONFIG", "SET", "min-replicas-to-write", "0"}, {"0", "GET", "xx"}, {"0", "PING", "out of multi"},
        {"0", "CONFIG", "SET", "replica-serve-stale-data", "no"},
        {"0", "MULTI"}, {"0", "GET", "xx"}, {"1", "REPLICAOF", "127.0.0.1", "0"}, {"0", "EXEC"},
        {"1", "REPLICAOF", "NO", "ONE"},
        {"0", "MULTI"}, {"0", "PING"}, {"1", "REPLICAOF", "127.0.0.1", "1"}, {"0", "EXEC"},
        {"0", "MULTI"}, {"1", "REPLICAOF", "NO", "ONE"}, {"0", "GET", "xx"}, {"0", "EXEC"},
        {"0", "CONFIG", "SET", "replica-serve-stale-data", "yes"},
        {"0", "MULTI"}, {"0", "SET", "foo", "bar"}, {"0", "SAVE"}, {"0", "SHUTDOWN"}, {"0", "EXEC"}, {"0", "GET", "foo"},
        {"0", "CLIENT", "SETNAME", "someone"}, {"0", "SELECT", "3"}, {"0", "SUBSCRIBE", "ch"}, {"0", "RESET"},
        {"0", "CLIENT", "GETNAME"}, {"0", "SET", "in0", "1"}, {"0", "SELECT", "0"}, {"0", "GET", "in0"},
        {"0", "MULTI"}, {"0", "SET", "a", "1"}, {"0", "RESET"}, {"0", "EXEC"}, {"0", "EXISTS", "a"},
        {"0", "MULTI"}, {"0", "MONITOR"}, {"0", "EXEC"}, {"0", "GET", "xx"}, // MONITOR is refused inside EXEC
    };

    @Test
    void execIsCheckedWithItsQueuesFlags() {
        ClientSteps.assertSameAsRedis(STEPS, 2);
    }
}
