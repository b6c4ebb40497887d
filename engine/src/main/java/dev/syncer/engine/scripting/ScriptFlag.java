package dev.syncer.engine.scripting;

import java.util.Locale;

/** A function's flags, in the order Redis lists them (script.c's scripts_flags_def). */
enum ScriptFlag {
    NO_WRITES("no-writes"),
    ALLOW_OOM("allow-oom"),
    ALLOW_STALE("allow-stale"),
    NO_CLUSTER("no-cluster"),
    ALLOW_CROSS_SLOT_KEYS("allow-cross-slot-keys");

    final String text;

    ScriptFlag(String text) {
        this.text = text;
    }

    /** The flag named so (case-insensitively), or null. */
    static ScriptFlag named(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (ScriptFlag f : values()) {
            if (f.text.equals(n)) {
                return f;
            }
        }
        return null;
    }
}
