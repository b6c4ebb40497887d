package dev.syncer.engine.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reads a shard's sync event log (SYNCEVENTS) as field → value maps, for assertions. */
public final class SyncEvents {

    private SyncEvents() {
    }

    public static List<Map<String, String>> read(int port) {
        try (RespClient c = RespClient.connect(port)) {
            List<Map<String, String>> out = new ArrayList<>();
            for (Object e : (List<?>) c.call("SYNCEVENTS", "COUNT", "1000")) {
                List<?> fields = (List<?>) e;
                Map<String, String> event = new LinkedHashMap<>();
                for (int i = 0; i + 1 < fields.size(); i += 2) {
                    event.put(RespClient.text(fields.get(i)), RespClient.text(fields.get(i + 1)));
                }
                out.add(event);
            }
            return out;
        }
    }

    /** The events of one side (primary / replica), in order. */
    public static List<Map<String, String>> side(int port, String side) {
        return read(port).stream().filter(e -> side.equals(e.get("side"))).toList();
    }

    public static Map<String, String> last(int port, String side) {
        List<Map<String, String>> events = side(port, side);
        return events.isEmpty() ? Map.of() : events.get(events.size() - 1);
    }

    /** Waits until the log holds an event matching the condition, and returns it. */
    public static Map<String, String> await(int port, String what, Predicate<Map<String, String>> condition) {
        ReplicationWaits.await(what + " on port " + port).until(() -> read(port).stream().anyMatch(condition));
        return read(port).stream().filter(condition).reduce((a, b) -> b).orElseThrow();
    }

    public static Predicate<Map<String, String>> ok(String side, String type) {
        return e -> side.equals(e.get("side")) && type.equals(e.get("type")) && "ok".equals(e.get("outcome"));
    }
}
