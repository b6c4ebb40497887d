package dev.syncer.engine.scripting;

import org.slf4j.LoggerFactory;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * A script command run as a coroutine on the shard's own loop thread, so a script past
 * busy-reply-threshold can pause and let the loop serve other connections (answering BUSY,
 * SCRIPT KILL, FUNCTION KILL, SHUTDOWN NOSAVE) and then carry on where it stopped: what Redis does
 * by calling processEventsWhileBlocked from its Lua hook. Redis can re-enter its event loop from
 * the hook; a Netty loop cannot be re-entered while it runs a handler, so the script is a
 * continuation the loop resumes from a task instead.
 *
 * <p>Why a continuation and not a thread: a script thread would cost a hand-off on every EVAL
 * (the benchmark's whole call is tens of microseconds) and would touch the keyspace from a second
 * thread; a virtual thread is not the loop thread for Netty's inEventLoop checks. The JDK's
 * {@code jdk.internal.vm.Continuation} (what virtual threads are built on) runs on the current
 * thread, costs about a microsecond, and needs {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED}
 * (the shard jar's manifest carries it). Without it {@link #AVAILABLE} is false and a script past
 * the threshold is stopped instead (see {@link Scripting}).
 */
final class ScriptCoroutine {

    private static final Object SCOPE;
    private static final MethodHandle NEW;
    private static final MethodHandle RUN;
    private static final MethodHandle IS_DONE;
    private static final MethodHandle YIELD;
    static final boolean AVAILABLE;

    static {
        Object scope = null;
        MethodHandle create = null;
        MethodHandle run = null;
        MethodHandle done = null;
        MethodHandle yield = null;
        try {
            Class<?> continuation = Class.forName("jdk.internal.vm.Continuation");
            Class<?> scopeClass = Class.forName("jdk.internal.vm.ContinuationScope");
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            scope = lookup.findConstructor(scopeClass, MethodType.methodType(void.class, String.class))
                    .invoke("redis-script");
            create = lookup.findConstructor(continuation, MethodType.methodType(void.class, scopeClass, Runnable.class));
            run = lookup.findVirtual(continuation, "run", MethodType.methodType(void.class));
            done = lookup.findVirtual(continuation, "isDone", MethodType.methodType(boolean.class));
            yield = lookup.findStatic(continuation, "yield", MethodType.methodType(boolean.class, scopeClass));
        } catch (Throwable e) {
            LoggerFactory.getLogger(ScriptCoroutine.class).info(
                    "Scripts past busy-reply-threshold will be stopped, not paused (no access to jdk.internal.vm: {})",
                    e.toString());
            scope = null;
        }
        SCOPE = scope;
        NEW = create;
        RUN = run;
        IS_DONE = done;
        YIELD = yield;
        AVAILABLE = scope != null;
    }

    private final Object continuation;
    private Throwable failure;
    private boolean inside;

    ScriptCoroutine(Runnable body) {
        Runnable guarded = () -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure = t;
            }
        };
        try {
            this.continuation = NEW.invoke(SCOPE, guarded);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs until the body ends (true) or pauses (false); what the body threw is rethrown here. */
    boolean resume() {
        inside = true;
        try {
            RUN.invoke(continuation);
            boolean done = (boolean) IS_DONE.invoke(continuation);
            if (done && failure != null) {
                Throwable t = failure;
                failure = null;
                if (t instanceof RuntimeException r) {
                    throw r;
                }
                if (t instanceof Error e) {
                    throw e;
                }
                throw new IllegalStateException(t);
            }
            return done;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        } finally {
            inside = false;
        }
    }

    /** True while the body runs (only then can it pause). */
    boolean inside() {
        return inside;
    }

    /** Pauses the running body; false if it could not (a native frame on the stack). */
    static boolean pause() {
        try {
            return (boolean) YIELD.invoke(SCOPE);
        } catch (Throwable e) {
            return false;
        }
    }
}
