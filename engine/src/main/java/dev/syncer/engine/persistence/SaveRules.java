package dev.syncer.engine.persistence;

import java.util.ArrayList;
import java.util.List;

/**
 * The "save" setting: "seconds changes [seconds changes ...]". A rule is due when at least
 * {@code changes} writes happened and more than {@code seconds} passed since the last successful
 * save, as serverCron checks its saveparams.
 */
record SaveRules(List<Rule> rules) {

    /** Save after {@code seconds} if at least {@code changes} writes happened. */
    record Rule(long seconds, long changes) {
    }

    /** Parses a value the config already validated ("" means no automatic saves). */
    static SaveRules parse(String setting) {
        List<Rule> rules = new ArrayList<>();
        String[] parts = setting.trim().isEmpty() ? new String[0] : setting.trim().split("\\s+");
        for (int i = 0; i + 1 < parts.length; i += 2) {
            rules.add(new Rule(Long.parseLong(parts[i]), Long.parseLong(parts[i + 1])));
        }
        return new SaveRules(List.copyOf(rules));
    }

    boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The first rule due, or null. */
    Rule due(long changes, long secondsSinceSave) {
        for (Rule r : rules) {
            if (changes >= r.changes && secondsSinceSave > r.seconds) {
                return r;
            }
        }
        return null;
    }
}
