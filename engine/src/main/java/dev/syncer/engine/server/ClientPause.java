package dev.syncer.engine.server;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * CLIENT PAUSE as Redis 7.0 has it: a pause per purpose (CLIENT PAUSE's, FAILOVER's), each with a
 * type and an end; the most restrictive type wins and ends at the latest end of that type. While
 * paused, a client whose command may replicate (WRITE), or any command (ALL), is parked and its
 * command runs again once the pause ends or becomes less restrictive; replicas are never paused,
 * the primary's link on a replica is (its stream waits, see {@link #whenLessRestrictive}).
 * Keys are not expired or evicted meanwhile (a failover's new primary decides). Loop-confined.
 */
public final class ClientPause {

    /** pause_type, in order of restrictiveness. */
    public enum Type { OFF, WRITE, ALL }

    /** pause_purpose. */
    public enum Purpose { CLIENT_COMMAND, FAILOVER }

    private record Event(Type type, long endMs) {
    }

    private record Parked(ClientSession session, byte[][] argv) {
    }

    private final LongSupplier clock;
    private final Dispatcher dispatcher;
    private final Executor loop;
    private final Map<Purpose, Event> events = new EnumMap<>(Purpose.class);
    private final List<Parked> parked = new ArrayList<>();
    private final List<Runnable> waiters = new ArrayList<>();
    private Type type = Type.OFF;
    private long endMs;

    ClientPause(LongSupplier clock, Dispatcher dispatcher, Executor loop) {
        this.clock = clock;
        this.dispatcher = dispatcher;
        this.loop = loop;
    }

    /** pauseClients: a new pause, or the purpose's present one made longer and stricter. */
    public void pause(Purpose purpose, long untilMs, Type pauseType) {
        Event e = events.get(purpose);
        events.put(purpose, e == null ? new Event(pauseType, untilMs)
                : new Event(max(e.type(), pauseType), Math.max(e.endMs(), untilMs)));
        update();
    }

    /** unpauseClients. */
    public void unpause(Purpose purpose) {
        if (events.remove(purpose) != null) {
            update();
        }
    }

    /** checkClientPauseTimeoutAndReturnIfPaused: ends a pause whose time is up; true while one holds. */
    public boolean paused() {
        if (type == Type.OFF) {
            return false;
        }
        if (endMs < clock.getAsLong()) {
            update();
        }
        return type != Type.OFF;
    }

    /** The pause in force (after {@link #paused()} has ended a finished one). */
    public Type type() {
        return type;
    }

    /**
     * processCommand's pause step: parks the client and returns true when this command must wait
     * ({@code mayReplicate}: a write, or a command that may propagate — PUBLISH, PFCOUNT, a script
     * without flags, an EXEC whose queue has one). Replicas, the primary's link and in-process
     * clients are never parked.
     */
    public boolean hold(ClientSession session, byte[][] argv, boolean mayReplicate) {
        if (!paused() || session.kind() != ClientSession.Kind.NORMAL || session.channel() == null) {
            return false;
        }
        if (type == Type.ALL || mayReplicate) {
            session.block();
            parked.add(new Parked(session, argv));
            return true;
        }
        return false;
    }

    /**
     * processCommand's pause check for a client that cannot be parked here (the primary's link on a
     * replica: Redis exempts only replicas): true when a command of this kind must wait.
     */
    public boolean holds(boolean mayReplicate) {
        return paused() && (type == Type.ALL || mayReplicate);
    }

    /** Runs {@code resume} once, in a later loop task, when the pause ends or becomes less restrictive. */
    public void whenLessRestrictive(Runnable resume) {
        waiters.add(resume);
    }

    /** Clients parked by the pause (counted in INFO's blocked_clients, as BLOCKED_POSTPONE). */
    public int parkedCount() {
        return parked.size();
    }

    /** updateClientPauseTypeAndEndTime: drops finished pauses; a less restrictive pause re-runs the parked. */
    private void update() {
        Type old = type;
        long now = clock.getAsLong();
        events.values().removeIf(e -> e.endMs() < now);
        Type strictest = Type.OFF;
        for (Event e : events.values()) {
            strictest = max(strictest, e.type());
        }
        long end = 0;
        for (Event e : events.values()) {
            if (e.type() == strictest) {
                end = Math.max(end, e.endMs());
            }
        }
        type = strictest;
        endMs = end;
        if (type.compareTo(old) < 0) {
            unblockPostponed();
        }
    }

    /**
     * unblockPostponedClients: each parked command runs again, in order (it may be parked again),
     * in a later loop task as Redis's beforeSleep: never inside the command or check that ended the pause.
     */
    private void unblockPostponed() {
        List<Parked> resume = List.copyOf(parked);
        List<Runnable> woken = List.copyOf(waiters);
        parked.clear();
        waiters.clear();
        loop.execute(() -> {
            resume(resume);
            woken.forEach(Runnable::run);
        });
    }

    private void resume(List<Parked> resume) {
        for (Parked p : resume) {
            if (!p.session().channel().isActive()) {
                continue; // gone meanwhile: its command never runs, as a freed client's in Redis
            }
            p.session().unblock(reply -> dispatcher.execute(p.session(), p.argv(), reply));
        }
    }

    private static Type max(Type a, Type b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
