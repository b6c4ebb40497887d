package dev.syncer.app.adapter;

import dev.syncer.app.monitor.InfoFields;
import dev.syncer.app.monitor.RedisProbe.Sample;
import dev.syncer.app.monitor.Target;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which servers a polling round asks. A server that answers, or fails fast (connection refused: a
 * server restarting), is asked every round, so it is seen again the moment it is back; one whose
 * failure took time (a black-holed host, a login that timed out) is asked again only after
 * {@link Backoff}'s wait, so it does not cost every round a timeout. Between tries its last error
 * stands, saying when the next try is. Times are {@link System#nanoTime()}-style nanoseconds.
 */
final class PollBackoff {

    /** Polling: half a second, doubling to four, so a server that comes back is seen within seconds. */
    static final Backoff POLL = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(4));

    /** A failure quicker than this cost the round nothing: no reason to wait before the next try. */
    static final Duration CHEAP_FAILURE = Duration.ofMillis(250);

    private record Failing(int failures, long retryAt, String error) {
    }

    private final Backoff backoff;
    private final Map<Target, Failing> failing = new HashMap<>();

    PollBackoff(Backoff backoff) {
        this.backoff = backoff;
    }

    /** Whether {@code target} is to be asked in a round at {@code now}. */
    synchronized boolean due(Target target, long now) {
        Failing f = failing.get(target);
        return f == null || now - f.retryAt >= 0;
    }

    /** The sample a round shows for a server it did not ask (not {@link #due}): its last error and the next try. */
    synchronized Sample waiting(Target target, long now) {
        Failing f = failing.get(target);
        long seconds = Math.max(1, Math.round((f.retryAt - now) / 1e9));
        return unreachable(target, f.error + " (next try in " + seconds + " s)");
    }

    /** Records the outcome of a poll started at {@code started}, at {@code now}. */
    synchronized void record(Sample sample, long started, long now) {
        if (sample.reachable() || now - started < CHEAP_FAILURE.toNanos()) {
            failing.remove(sample.target());
            return;
        }
        Failing before = failing.get(sample.target());
        int failures = before == null ? 1 : before.failures + 1;
        failing.put(sample.target(), new Failing(failures, now + backoff.delay(failures).toNanos(), sample.error()));
    }

    /** Forgets servers no longer polled. */
    synchronized void retain(Set<Target> wanted) {
        failing.keySet().retainAll(wanted);
    }

    static Sample unreachable(Target target, String error) {
        return new Sample(target, InfoFields.parse(""), null, List.of(), error);
    }
}
