package dev.syncer.engine.server;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads INFO's reply text back into its fields: the one parser of what {@link InfoSection}s write. */
public final class InfoText {

    private InfoText() {
    }

    /** "field:value" lines as field → value, in order; "# Section" headers and blank lines skipped. */
    public static Map<String, String> fields(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (text == null) {
            return fields;
        }
        for (String line : text.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                fields.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return fields;
    }
}
