package dev.syncer.app.attach;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RESP2 replies as discovery reads them: a flat field/value array is a map. */
final class Replies {

    private Replies() {
    }

    /** {@code [k1, v1, k2, v2 …]} into an ordered map; nested values keep their shape. */
    static Map<String, Object> map(Object flat) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (flat instanceof List<?> list) {
            for (int i = 0; i + 1 < list.size(); i += 2) {
                out.put(String.valueOf(list.get(i)), list.get(i + 1));
            }
        }
        return out;
    }

    /** Each element of an array reply as a map (SENTINEL MASTERS, SENTINEL REPLICAS, CLUSTER SHARDS). */
    static List<Map<String, Object>> maps(List<?> reply) {
        return reply.stream().map(Replies::map).toList();
    }

    static String text(Map<String, Object> m, String field) {
        Object v = m.get(field);
        return v == null ? "" : String.valueOf(v);
    }

    static int port(Map<String, Object> m) {
        try {
            return Integer.parseInt(text(m, "port"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
