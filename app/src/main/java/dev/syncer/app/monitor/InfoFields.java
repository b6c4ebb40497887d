package dev.syncer.app.monitor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The app's one reader of Redis's {@code name:value} texts: INFO output (all sections merged,
 * "# Section" headers dropped), the composite values inside it
 * ({@code slave0:ip=127.0.0.1,port=6380,...}), and the field/value pairs of a SYNCEVENTS entry —
 * with the lenient number reading all of them need.
 */
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

    /** Field/value pairs already split. */
    public static InfoFields of(Map<String, String> fields) {
        return new InfoFields(new LinkedHashMap<>(fields));
    }

    /** A flat {@code [field, value, field, value, ...]} reply (a SYNCEVENTS entry). */
    public static InfoFields ofPairs(List<?> flat) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            fields.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
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
        return toLong(fields.get(name), fallback);
    }

    /** A number as INFO writes it ({@code 42}, or {@code 1.5} read as 1); {@code fallback} when it is none. */
    public static long toLong(String text, long fallback) {
        if (text == null) {
            return fallback;
        }
        String v = text.strip();
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
    public static InfoFields parts(String composite) {
        Map<String, String> out = new LinkedHashMap<>();
        if (composite != null) {
            for (String part : composite.split(",")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    out.put(part.substring(0, eq), part.substring(eq + 1));
                }
            }
        }
        return new InfoFields(out);
    }
}
