package dev.syncer.app.attach;

import dev.syncer.app.monitor.Target;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The servers a discovery may ask (the seed first, then every one it has learnt of), tried in order
 * until one answers: the seed going down must not blind the console.
 */
final class Askable {

    private final String what;
    private final Set<Target> servers = new LinkedHashSet<>();

    Askable(Target seed, String what) {
        this.what = what;
        servers.add(seed);
    }

    void learn(List<Target> more) {
        servers.addAll(more);
    }

    Deployment ask(Function<Target, Deployment> discoverThrough) {
        RuntimeException last = null;
        for (Target t : List.copyOf(servers)) {
            try {
                return discoverThrough.apply(t);
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw new IllegalStateException("no " + what + " answers: " + (last == null ? "" : last.getMessage()), last);
    }
}
