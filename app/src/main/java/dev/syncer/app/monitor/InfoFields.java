package dev.syncer.app.monitor;

import java.util.LinkedHashMap;
import java.util.Map;

/** INFO output parsed into field → value (all sections merged; "# Section" headers dropped). */
public final class InfoFields {

    private final Map<String, String> fields;

    private InfoFields(Map<String, String> fields) {
        this.fields = fields;
    }

    public static InfoFields parse(String info) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (info != null) {
            for (String line : info.split("\r?\n")) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon > 0) {
                    fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
                }
            }
        }
        return new InfoFields(fields);
    }

    public String get(String name) {
        return fields.get(name);
    }

    public String get(String name, String fallback) {
        return fields.getOrDefault(name, fallback);
    }

    public long getLong(String name, long fallback) {
        String v = fields.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            try {
                return (long) Double.parseDouble(v);
            } catch (NumberFormatException e2) {
                return fallback;
            }
        }
    }

    public double getDouble(String name, double fallback) {
        String v = fields.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public boolean has(String name) {
        return fields.containsKey(name);
    }

    /**
     * A composite value such as {@code slave0:ip=127.0.0.1,port=6380,state=online,offset=1,lag=0}
     * split into its parts.
     */
    public static Map<String, String> parts(String composite) {
        Map<String, String> out = new LinkedHashMap<>();
        if (composite == null) {
            return out;
        }
        for (String part : composite.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return out;
    }

    public Map<String, String> asMap() {
        return java.util.Collections.unmodifiableMap(fields);
    }
}
