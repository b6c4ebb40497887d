package dev.syncer.engine.scripting;

import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.DebugLib;

/**
 * LuaJ's per-instruction hook, kept minimal: it remembers the last Lua instruction executed so an
 * error raised by redis.call after a tail call ({@code return redis.call(...)}, which LuaJ runs
 * outside the caller's frame) still names the script line, as Redis's error handler does.
 * It does not keep LuaJ's call stack: the {@code debug} library is not exposed to scripts.
 */
final class ScriptHook extends DebugLib {

    private Prototype[] frames = new Prototype[16];
    private int depth;
    private Prototype lastPrototype;
    private int lastPc;
    private long instructions;

    @Override
    public void onCall(LuaClosure c, Varargs varargs, org.luaj.vm2.LuaValue[] stack) {
        push(c.p);
    }

    /** pcall and xpcall announce themselves too, and return through {@link #onReturn}. */
    @Override
    public void onCall(org.luaj.vm2.LuaFunction f) {
        push(depth > 0 ? frames[depth - 1] : null);
    }

    private void push(Prototype p) {
        if (depth == frames.length) {
            frames = java.util.Arrays.copyOf(frames, depth * 2);
        }
        frames[depth++] = p;
    }

    @Override
    public void onReturn() {
        if (depth > 0) {
            frames[--depth] = null;
        }
    }

    @Override
    public void onInstruction(int pc, Varargs v, int top) {
        lastPrototype = depth > 0 ? frames[depth - 1] : null;
        lastPc = pc;
        if ((++instructions & 0xFFF) == 0) {
            interrupt.run(); // Redis's luaMaskCountHook: timeouts, pauses, SCRIPT KILL
        }
    }

    private Runnable interrupt = () -> { };

    /** What runs every 4096 instructions (the script's time check); it may throw to end the script. */
    void interrupt(Runnable check) {
        this.interrupt = check;
    }

    /** Thrown out of the interpreter: an Error, so a script's pcall cannot catch it. */
    static final class ScriptTimeout extends Error {
        ScriptTimeout() {
            super("script timeout", null, false, false);
        }
    }

    /** The heap is nearly full after a collection while a script runs: it is ended (pcall cannot catch it). */
    static final class ScriptOutOfMemory extends Error {
        ScriptOutOfMemory() {
            super("not enough memory", null, false, false);
        }
    }

    /** SCRIPT KILL / FUNCTION KILL: an Error too, so pcall cannot swallow it (Redis re-arms its hook). */
    static final class ScriptKilled extends Error {
        ScriptKilled() {
            super("Script killed by user with SCRIPT KILL...", null, false, false);
        }
    }

    /** No traceback text (LuaJ appends it to the message after a newline, which is then trimmed). */
    @Override
    public String traceback(int level) {
        return "";
    }

    /** Before a run: forget the previous script's frames (an error may have left some). */
    void reset() {
        java.util.Arrays.fill(frames, 0, depth, null);
        depth = 0;
        lastPrototype = null;
    }

    /** "user_script:LINE" of the last instruction executed, or null. */
    String position() {
        Prototype p = lastPrototype;
        if (p == null || p.lineinfo == null || lastPc < 0 || lastPc >= p.lineinfo.length) {
            return null;
        }
        return p.source.tojstring() + ":" + p.lineinfo[lastPc];
    }
}
