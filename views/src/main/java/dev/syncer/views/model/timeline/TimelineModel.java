package dev.syncer.views.model.timeline;

import dev.syncer.views.model.Format;
import dev.syncer.views.model.port.ConsoleEvent;
import dev.syncer.views.model.port.OperationEvent;
import dev.syncer.views.model.port.SyncCause;
import dev.syncer.views.model.port.SyncOutcome;
import dev.syncer.views.model.port.SyncPhase;
import dev.syncer.views.model.port.SyncReport;
import dev.syncer.views.model.port.SyncType;
import dev.syncer.views.model.prediction.SyncPrediction;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The timeline: operations and the syncs they caused, newest first, filterable by type, cause and
 * shard. A sync both ends report is one row ({@link SyncSides}), judged expected or a surprise
 * ({@link SyncExpectation}). Each sync an operation caused is matched to the operation's prediction for that peer,
 * so the row says whether the prediction held. Bounded: the oldest rows go past {@link #CAPACITY}.
 */
public final class TimelineModel {

    public static final int CAPACITY = 2000;
    /**
     * How long after an operation ends a sync of a shard it concerns is still attributed to it: the
     * console's one attribution window (adapters report syncs, they do not attribute them). Long
     * enough for replicas that resync after a real Redis's FAILOVER has returned.
     */
    public static final Duration CORRELATION_WINDOW = Duration.ofSeconds(30);
    /** The filter value meaning "any cause" / "any shard". */
    public static final String ANY = "any";
    private static final int TRACKED_OPERATIONS = 200;
    /** Recent syncs whose other end's report may still arrive. */
    private static final int PAIRABLE_SYNCS = 256;

    private final Function<String, String> labeler;
    private final ObservableList<TimelineEntry> entries = FXCollections.observableArrayList();
    private final FilteredList<TimelineEntry> visible = new FilteredList<>(entries);
    private final ObservableList<TimelineEntry> readOnlyVisible = FXCollections.unmodifiableObservableList(visible);
    private final BooleanProperty showOperations = new SimpleBooleanProperty(this, "showOperations", true);
    private final BooleanProperty showFull = new SimpleBooleanProperty(this, "showFull", true);
    private final BooleanProperty showPartial = new SimpleBooleanProperty(this, "showPartial", true);
    private final ObjectProperty<String> cause = new SimpleObjectProperty<>(this, "cause", ANY);
    private final ObjectProperty<String> shard = new SimpleObjectProperty<>(this, "shard", ANY);
    private final ObservableList<String> readOnlyCauses = FXCollections.unmodifiableObservableList(causeChoices());
    private final ObservableList<String> shards = FXCollections.observableArrayList(ANY);
    private final ObservableList<String> readOnlyShards = FXCollections.unmodifiableObservableList(shards);
    private final ObjectProperty<TimelineEntry> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper(this, "details", "");
    private final Map<String, OperationTrack> tracks = new LinkedHashMap<>();
    private final Map<String, SyncRow> syncs = new LinkedHashMap<>();

    /** @param labeler turns a shard or syncer id into the name the operator knows */
    public TimelineModel(Function<String, String> labeler) {
        this.labeler = labeler;
        visible.predicateProperty().bind(Bindings.createObjectBinding(this::filter,
                showOperations, showFull, showPartial, cause, shard));
        details.bind(Bindings.createStringBinding(
                () -> selected.get() == null ? "Select a row to see its details." : selected.get().details(), selected));
    }

    private Predicate<TimelineEntry> filter() {
        boolean ops = showOperations.get();
        boolean full = showFull.get();
        boolean partial = showPartial.get();
        String c = cause.get();
        String s = shard.get();
        return e -> switch (e.kind()) {
            case OPERATION -> ops;
            case FULL_SYNC -> full && (ANY.equals(c) || e.cause().equals(c));
            case PARTIAL_SYNC -> partial && (ANY.equals(c) || e.cause().equals(c));
        } && (s == null || ANY.equals(s) || e.involved().contains(s));
    }

    // ---- operations submitted from this console ----

    /**
     * An operation was submitted.
     *
     * @param knownIds    shard ids, endpoints and syncer ids existing now (a sync of anything else
     *                    is a shard the operation created)
     * @param affectedIds ids the operation targets
     */
    public void operationStarted(String id, String label, String kindLabel, List<SyncPrediction> predictions,
                                 Set<String> knownIds, Set<String> affectedIds, Instant at) {
        Set<String> involved = new HashSet<>();
        affectedIds.forEach(a -> involved.add(labeler.apply(a)));
        // the peer's name as the syncs will be named; a shard the operation creates is known by its label only
        predictions.forEach(p -> involved.add(p.peerId().isEmpty() || labeler.apply(p.peerId()).equals(p.peerId())
                ? p.peerLabel() : labeler.apply(p.peerId())));
        OperationTrack t = new OperationTrack(id, label, kindLabel, at, predictions, knownIds, affectedIds, involved);
        tracks.put(id, t);
        while (tracks.size() > TRACKED_OPERATIONS) {
            tracks.remove(tracks.keySet().iterator().next());
        }
        show(t);
    }

    /** The operation ended; syncs within {@link #CORRELATION_WINDOW} still count. */
    public void operationFinished(String id, boolean succeeded, String outcome, Instant at) {
        OperationTrack t = tracks.get(id);
        if (t != null && t.finish(succeeded, outcome, at)) {
            show(t);
        }
    }

    /** Closes operations whose correlation window has passed. */
    public void tick(Instant now) {
        for (OperationTrack t : tracks.values()) {
            if (t.closeIfOver(now, CORRELATION_WINDOW)) {
                show(t);
            }
        }
    }

    // ---- the event stream ----

    /** Takes events in arrival order. */
    public void accept(List<ConsoleEvent> events) {
        for (ConsoleEvent e : events) {
            switch (e) {
                case SyncReport s -> sync(s);
                case OperationEvent o -> operationEvent(o);
            }
        }
    }

    private void operationEvent(OperationEvent o) {
        OperationTrack t = tracks.get(o.operationId());
        if (t == null && o.status() == OperationEvent.Status.STARTED) {
            operationStarted(o.operationId(), o.summary(), o.kind().label(), List.of(), Set.of(), Set.of(), o.time());
        } else if (t != null && o.status() != OperationEvent.Status.STARTED) {
            operationFinished(o.operationId(), o.status() == OperationEvent.Status.SUCCEEDED, o.summary(), o.time());
        }
    }

    /**
     * A report of a sync: a new row, or the other end's report of a sync already shown, merged
     * into its row ({@link SyncSides}).
     */
    private void sync(SyncReport e) {
        Optional<OperationTrack> track = e.operationId().map(tracks::get)
                .or(() -> tracks.values().stream().filter(t -> t.mayHaveCaused(e, CORRELATION_WINDOW))
                        .reduce((a, b) -> b));
        Optional<SyncPrediction> prediction = track.flatMap(t -> t.observe(e));
        Optional<SyncRow> pair = syncs.values().stream()
                .filter(r -> r.sides().pairsWith(e, CORRELATION_WINDOW, labeler)).findFirst();
        SyncRow row = pair.map(r -> new SyncRow(r.key(), r.sides().with(e), r.track().or(() -> track),
                        r.prediction().or(() -> prediction)))
                .orElseGet(() -> new SyncRow("sync:" + e.seq() + ":" + e.reporterId(), SyncSides.of(e), track, prediction));
        syncs.remove(row.key());
        syncs.put(row.key(), row);
        if (syncs.size() > PAIRABLE_SYNCS) {
            syncs.remove(syncs.keySet().iterator().next());
        }
        TimelineEntry entry = syncEntry(row);
        if (pair.isPresent()) {
            replace(entry);
        } else {
            add(entry);
        }
        entry.involved().forEach(name -> remember(shards, name));
        track.ifPresent(this::show);
    }

    /** A sync's row and what it was matched to; the key stays that of its first report. */
    private record SyncRow(String key, SyncSides sides, Optional<OperationTrack> track, Optional<SyncPrediction> prediction) {
    }

    private TimelineEntry syncEntry(SyncRow row) {
        SyncSides s = row.sides();
        SyncReport first = s.first();
        Optional<SyncPrediction> prediction = row.prediction();
        String receiver = labeler.apply(s.receiverId());
        String source = labeler.apply(s.sourceId());
        TimelineEntry.Verdict verdict = prediction.map(p -> p.type() == s.type() ? TimelineEntry.Verdict.HELD
                : TimelineEntry.Verdict.MISSED).orElse(TimelineEntry.Verdict.NONE);
        String expectation = prediction.map(p -> (p.certain() ? "predicted " : "likely ") + p.type().word()).orElse("");
        SyncExpectation.Judgement judgement = SyncExpectation.judge(s, prediction.map(SyncPrediction::type));
        String summary = summary(s);
        return new TimelineEntry(row.key(), first.time(),
                s.type() == SyncType.FULL ? TimelineEntry.Kind.FULL_SYNC : TimelineEntry.Kind.PARTIAL_SYNC,
                Set.of(receiver, source), receiver + " ← " + source, s.cause().display(), s.detail(), summary,
                row.track().map(t -> t.label).orElse(""), expectation, verdict, judgement,
                syncDetails(s, receiver, source, judgement, prediction));
    }

    /**
     * A sync's row in a few words, what matters first: "FAILED · " when it failed, the bytes and
     * time the receiver took (omitted when no end counted them), and where the stream went on
     * as the cards write it, "078161… @ 618 854" (omitted when the PSYNC got no reply).
     */
    static String summary(SyncSides s) {
        SyncReport first = s.first();
        SyncReport data = s.receiverReport().orElse(first);
        StringBuilder sb = new StringBuilder(s.outcome() == SyncOutcome.FAILED ? "FAILED · " : "");
        if (data.bytes() >= 0) {
            sb.append(Format.bytes(data.bytes())).append(" in ").append(Format.duration(data.duration()));
        }
        if (!first.replid().isEmpty()) { // a sync that failed before the PSYNC reply has no replid nor offset
            sb.append(sb.isEmpty() || sb.toString().endsWith(" · ") ? "" : " · ")
                    .append(Format.shortReplid(first.replid())).append(" @ ").append(Format.offset(first.offset()));
        }
        return sb.toString().replaceFirst(" · $", "");
    }

    private static String syncDetails(SyncSides s, String receiver, String source, SyncExpectation.Judgement judgement,
                                      Optional<SyncPrediction> p) {
        StringBuilder sb = new StringBuilder();
        sb.append(s.type().word()).append(" sync of ").append(receiver).append(" from ").append(source)
                .append(" — ").append(s.outcome() == SyncOutcome.OK ? "ok" : "failed").append('\n');
        sb.append(judgement.expectation() == SyncExpectation.SURPRISE ? "SURPRISE: " : "expected: ")
                .append(judgement.reason()).append('\n');
        s.sourceReport().ifPresent(r -> report(sb, source + " (primary side) answered", r));
        s.receiverReport().ifPresent(r -> report(sb, receiver + " (" + r.side().name().toLowerCase(Locale.ROOT)
                + " side) asked", r));
        if (s.sourceReport().isEmpty()) {
            sb.append("\n(no report from ").append(source).append(")\n");
        } else if (s.receiverReport().isEmpty()) {
            sb.append("\n(no report from ").append(receiver).append(" yet)\n");
        }
        p.ifPresent(pr -> sb.append("\nprediction: ").append(pr.certain() ? "" : "likely ").append(pr.type().word())
                .append(pr.type() == s.type() ? " ✓ held" : " ✗ missed").append("\n    ").append(Format.ruleText(pr.rule())));
        return sb.toString();
    }

    /** One end's report in the details pane. */
    private static void report(StringBuilder sb, String who, SyncReport e) {
        sb.append('\n').append(who).append(", seq ").append(e.seq())
                .append(e.outcome() == SyncOutcome.OK ? "" : " — failed").append('\n');
        sb.append("cause: ").append(e.cause().display()).append(e.detail().isEmpty() ? "" : " — " + e.detail()).append('\n');
        sb.append("replid: ").append(e.replid()).append('\n');
        sb.append("offset: ").append(e.offset()).append('\n');
        sb.append("bytes: ").append(e.bytes() < 0 ? "not counted" : e.bytes() + " (" + Format.bytes(e.bytes()) + ")").append('\n');
        sb.append("duration: ").append(Format.duration(e.duration())).append('\n');
        for (SyncPhase ph : e.phases()) {
            sb.append("  ").append(ph.name()).append(": ").append(Format.duration(ph.duration())).append('\n');
        }
    }

    private void show(OperationTrack t) {
        TimelineEntry entry = new TimelineEntry("op:" + t.id, t.start, TimelineEntry.Kind.OPERATION, t.involvedLabels,
                t.label, t.kindLabel, "", t.outcome(), "", t.expectation(), t.verdict(), TimelineEntry.NOT_A_SYNC,
                t.details());
        if (!replace(entry)) {
            add(entry);
        }
    }

    /** Puts {@code entry} in place of the row with its key; false when there is none. */
    private boolean replace(TimelineEntry entry) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).key().equals(entry.key())) {
                entries.set(i, entry);
                if (selected.get() != null && selected.get().key().equals(entry.key())) {
                    selected.set(entry);
                }
                return true;
            }
        }
        return false;
    }

    private void add(TimelineEntry entry) {
        int at = 0;
        while (at < entries.size() && entries.get(at).time().isAfter(entry.time())) {
            at++;
        }
        entries.add(at, entry);
        if (entries.size() > CAPACITY) {
            entries.remove(CAPACITY, entries.size());
        }
    }

    /** {@link #ANY}, then every cause SYNCEVENTS can name: a fixed list, whatever the details say. */
    private static ObservableList<String> causeChoices() {
        ObservableList<String> choices = FXCollections.observableArrayList(ANY);
        for (SyncCause c : SyncCause.values()) {
            choices.add(c.display());
        }
        return choices;
    }

    private static void remember(ObservableList<String> list, String value) {
        if (!list.contains(value)) {
            list.add(value);
        }
    }

    /** Rows passing the filters, newest first. */
    public ObservableList<TimelineEntry> getVisible() {
        return readOnlyVisible;
    }

    /** Every row kept, newest first. */
    public List<TimelineEntry> getAll() {
        return List.copyOf(entries);
    }

    public BooleanProperty showOperationsProperty() {
        return showOperations;
    }

    public BooleanProperty showFullProperty() {
        return showFull;
    }

    public BooleanProperty showPartialProperty() {
        return showPartial;
    }

    /** The cause filter; {@link #ANY} for none. */
    public ObjectProperty<String> causeProperty() {
        return cause;
    }

    /** The shard/syncer filter by name; {@link #ANY} for none. */
    public ObjectProperty<String> shardProperty() {
        return shard;
    }

    /** {@link #ANY}, then the cause vocabulary in the console's words (a fixed list). */
    public ObservableList<String> getCauses() {
        return readOnlyCauses;
    }

    /** Shard and syncer names seen so far, {@link #ANY} first. */
    public ObservableList<String> getShards() {
        return readOnlyShards;
    }

    public ObjectProperty<TimelineEntry> selectedProperty() {
        return selected;
    }

    /** The selected row's full story. */
    public ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }
}
