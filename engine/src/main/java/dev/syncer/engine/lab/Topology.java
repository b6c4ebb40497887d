package dev.syncer.engine.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lab's shape, read from a small line-based file (see resources/lab/default.topology):
 * clusters with a number of nodes, and databases — plain in one cluster, or Active-Active over
 * several — with their replica counts.
 */
public record Topology(List<ClusterSpec> clusters, List<DatabaseSpec> databases) {

    public record ClusterSpec(String name, int nodes) {
    }

    /** A database; for a plain one, {@code clusters} has one element. */
    public record DatabaseSpec(String name, boolean activeActive, List<String> clusters, int replicas, int chained) {
    }

    public static final String DEFAULT_RESOURCE = "/lab/default.topology";

    /** The default lab packaged with the engine. */
    public static Topology defaultLab() {
        try (InputStream in = Topology.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("default topology " + DEFAULT_RESOURCE + " is not on the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Topology read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    /** Parses the text; errors name the line. */
    public static Topology parse(String text) {
        Map<String, ClusterSpec> clusters = new LinkedHashMap<>();
        List<DatabaseSpec> databases = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+");
            try {
                switch (words[0]) {
                    case "cluster" -> {
                        ClusterSpec c = new ClusterSpec(words[1], option(words, "nodes", 1));
                        if (c.nodes() < 1 || c.nodes() > 16) {
                            throw new IllegalArgumentException("a cluster has 1 to 16 nodes");
                        }
                        if (clusters.put(c.name(), c) != null) {
                            throw new IllegalArgumentException("cluster " + c.name() + " is declared twice");
                        }
                    }
                    case "database" -> databases.add(database(words, clusters));
                    default -> throw new IllegalArgumentException("expected 'cluster' or 'database'");
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("topology line " + (n + 1) + " '" + line + "': " + e.getMessage(), e);
            }
        }
        if (clusters.isEmpty()) {
            throw new IllegalArgumentException("the topology declares no cluster");
        }
        return new Topology(List.copyOf(clusters.values()), List.copyOf(databases));
    }

    private static DatabaseSpec database(String[] words, Map<String, ClusterSpec> clusters) {
        if (words.length < 4) {
            throw new IllegalArgumentException("expected: database <name> plain|active-active <cluster>...");
        }
        boolean aa = switch (words[2]) {
            case "active-active" -> true;
            case "plain" -> false;
            default -> throw new IllegalArgumentException("kind must be 'plain' or 'active-active'");
        };
        List<String> in = new ArrayList<>();
        for (int i = 3; i < words.length && !words[i].contains("="); i++) {
            if (!clusters.containsKey(words[i])) {
                throw new IllegalArgumentException("unknown cluster " + words[i]);
            }
            in.add(words[i]);
        }
        if (aa && in.size() < 2) {
            throw new IllegalArgumentException("an Active-Active database spans at least two clusters");
        }
        if (!aa && in.size() != 1) {
            throw new IllegalArgumentException("a plain database lives in exactly one cluster");
        }
        int replicas = option(words, "replicas", 1);
        int chained = option(words, "chained", 0);
        if (replicas < 0 || chained < 0 || chained > replicas) {
            throw new IllegalArgumentException("replicas and chained must be >= 0, chained <= replicas");
        }
        return new DatabaseSpec(words[1], aa, List.copyOf(in), replicas, chained);
    }

    private static int option(String[] words, String name, int fallback) {
        for (String w : words) {
            if (w.startsWith(name + "=")) {
                return Integer.parseInt(w.substring(name.length() + 1));
            }
        }
        return fallback;
    }
}
