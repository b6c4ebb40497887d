package dev.syncer.app.export;

import dev.syncer.app.attach.JsonText;
import dev.syncer.views.model.timeline.TimelineEntry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A post-mortem as files people can open elsewhere: the timeline and the chart series, each as CSV
 * (one row per timeline row, one row per sample) or JSON (one document). Times are UTC ISO-8601,
 * plus epoch milliseconds for the samples so they plot without parsing.
 */
public final class PostMortemFiles {

    /** The two formats offered. */
    public enum Format {
        CSV("csv"), JSON("json");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }
    }

    static final List<String> TIMELINE_COLUMNS = List.of("time", "key", "kind", "subject", "cause", "cause_detail",
            "summary", "operation", "expectation", "verdict", "judgement", "judgement_reason", "involved");
    static final List<String> SERIES_COLUMNS = List.of("subject_id", "subject", "tree", "metric", "unit", "time",
            "epoch_ms", "value");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private PostMortemFiles() {
    }

    /** Writes the timeline and the series into {@code dir}; the two files written. */
    public static List<Path> write(PostMortem p, Format format, Path dir) throws IOException {
        String base = "syncer-" + fileSafe(p.scope()) + "-" + STAMP.format(p.takenAt());
        Path timeline = dir.resolve(base + "-timeline." + format.extension());
        Path series = dir.resolve(base + "-series." + format.extension());
        Files.writeString(timeline, format == Format.CSV ? timelineCsv(p) : timelineJson(p), StandardCharsets.UTF_8);
        Files.writeString(series, format == Format.CSV ? seriesCsv(p) : seriesJson(p), StandardCharsets.UTF_8);
        return List.of(timeline, series);
    }

    public static String timelineCsv(PostMortem p) {
        StringBuilder sb = new StringBuilder(csvLine(TIMELINE_COLUMNS));
        for (TimelineEntry e : p.rows()) {
            sb.append(csvLine(timelineFields(e).values().stream().map(String::valueOf).toList()));
        }
        return sb.toString();
    }

    public static String timelineJson(PostMortem p) {
        Map<String, Object> doc = header(p);
        doc.put("rows", p.rows().stream().map(PostMortemFiles::timelineFields).toList());
        return JsonText.of(doc) + "\n";
    }

    public static String seriesCsv(PostMortem p) {
        StringBuilder sb = new StringBuilder(csvLine(SERIES_COLUMNS));
        for (PostMortem.Series s : p.series()) {
            for (var point : s.points()) {
                sb.append(csvLine(List.of(s.subjectId(), s.subjectName(), s.tree(), s.metric().name().toLowerCase(),
                        s.metric().unit(), Instant.ofEpochMilli(point.time()).toString(), Long.toString(point.time()),
                        number(point.value()))));
            }
        }
        return sb.toString();
    }

    public static String seriesJson(PostMortem p) {
        Map<String, Object> doc = header(p);
        List<Object> series = new ArrayList<>();
        for (PostMortem.Series s : p.series()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("subject_id", s.subjectId());
            m.put("subject", s.subjectName());
            m.put("tree", s.tree());
            m.put("metric", s.metric().name().toLowerCase());
            m.put("unit", s.metric().unit());
            m.put("points", s.points().stream().map(pt -> List.<Object>of(pt.time(), pt.value())).toList());
            series.add(m);
        }
        doc.put("series", series);
        return JsonText.of(doc) + "\n";
    }

    private static Map<String, Object> header(PostMortem p) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("scope", p.scope());
        doc.put("taken_at", p.takenAt().toString());
        return doc;
    }

    /** A row's fields by column, with its prediction (expectation) and outcome (verdict). */
    static Map<String, Object> timelineFields(TimelineEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", e.time().toString());
        m.put("key", e.key());
        m.put("kind", e.kind().name().toLowerCase());
        m.put("subject", e.subject());
        m.put("cause", e.cause());
        m.put("cause_detail", e.causeDetail());
        m.put("summary", e.summary());
        m.put("operation", e.operationLabel());
        m.put("expectation", e.expectation());
        m.put("verdict", e.verdict().name().toLowerCase());
        m.put("judgement", e.judgement().expectation().name().toLowerCase().replace('_', '-')); // expected / surprise
        m.put("judgement_reason", e.judgement().reason());
        m.put("involved", new TreeSet<>(e.involved()).stream().collect(Collectors.joining(" ")));
        return m;
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
    static String csvLine(List<String> fields) {
        return fields.stream().map(f -> f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r")
                ? "\"" + f.replace("\"", "\"\"") + "\"" : f).collect(Collectors.joining(",")) + "\r\n";
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String fileSafe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]+", "_");
    }
}
