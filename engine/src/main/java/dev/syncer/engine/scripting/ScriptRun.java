package dev.syncer.engine.scripting;

import dev.syncer.engine.server.ClientSession;

/** The script now running: who called it, under which name errors cite it, what it may do. */
final class ScriptRun {

    final ClientSession caller;
    /** "f_" + the body's SHA1 for EVAL, the function's name for FCALL (Redis's run_ctx->funcname). */
    final String name;
    /** EVAL_RO, FCALL_RO, or a no-writes function: write commands are refused. */
    final boolean readOnly;
    final long startedNanos = System.nanoTime();
    /** Set once a write ran: the script can then no longer be killed (UNKILLABLE), only the server. */
    boolean wrote;
    /** redis.setresp: the protocol the script's commands reply in. */
    int resp = 2;
    /** redis.set_repl: REPL_AOF (1) | REPL_REPLICA (2); REPL_ALL by default. */
    int replication = 3;
    boolean killRequested;
    /**
     * The shard was above maxmemory when the script started (Redis's pre_command_oom_state) and
     * the script has no allow-oom flag: its first write that may grow memory is refused.
     */
    boolean oomAtStart;

    /** EVAL / EVALSHA (SCRIPT KILL's) rather than FCALL (FUNCTION KILL's). */
    final boolean eval;
    /** The command that started it, for FUNCTION STATS. */
    final byte[][] argv;

    ScriptRun(ClientSession caller, String name, boolean readOnly, boolean eval, byte[][] argv) {
        this.caller = caller;
        this.name = name;
        this.readOnly = readOnly;
        this.eval = eval;
        this.argv = argv;
    }
}
