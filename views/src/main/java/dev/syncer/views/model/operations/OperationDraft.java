package dev.syncer.views.model.operations;

import dev.syncer.views.model.port.Operation;
import dev.syncer.views.model.port.OperationKind;
import dev.syncer.views.model.port.TopologySnapshot;
import dev.syncer.views.model.prediction.SyncPrediction;
import dev.syncer.views.model.prediction.SyncPredictor;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * An operation being prepared: its target fixed by the selection, its remaining choice (a node, a
 * replica to promote) and number (a delay, a rate, a size) open, and the syncs it would cause —
 * recomputed from the snapshot whenever the operator changes a choice, so the confirmation dialog
 * always shows the prediction for exactly what will be submitted.
 */
public final class OperationDraft {

    /** One option of the draft's choice. */
    public record Choice(String id, String label) {
        @Override
        public String toString() {
            return label;
        }
    }

    /** The draft's number: what it means, its unit and bounds. */
    public record NumberParameter(String label, String unit, long min, long max, long initial) {
    }

    private final OperationKind kind;
    private final String title;
    private final String subject;
    private final String choiceLabel;
    private final List<Choice> choices;
    private final Optional<NumberParameter> number;
    private final Set<String> affectedIds;
    private final TopologySnapshot snapshot;
    private final BiFunction<Choice, Long, Operation> builder;
    private final ObjectProperty<Choice> choice = new SimpleObjectProperty<>(this, "choice");
    private final LongProperty value = new SimpleLongProperty(this, "value");
    private final ReadOnlyObjectWrapper<List<SyncPrediction>> predictions =
            new ReadOnlyObjectWrapper<>(this, "predictions", List.of());
    // Predicted on first use: commands assess every operation on each tick, and most drafts are
    // never shown.
    private boolean predicted;

    OperationDraft(OperationKind kind, String title, String subject, String choiceLabel, List<Choice> choices,
                   Choice initialChoice, Optional<NumberParameter> number, Set<String> affectedIds,
                   TopologySnapshot snapshot, BiFunction<Choice, Long, Operation> builder) {
        this.kind = kind;
        this.title = title;
        this.subject = subject;
        this.choiceLabel = choiceLabel;
        this.choices = List.copyOf(choices);
        this.number = number;
        this.affectedIds = Set.copyOf(affectedIds);
        this.snapshot = snapshot;
        this.builder = builder;
        choice.set(initialChoice);
        number.ifPresent(n -> value.set(n.initial()));
        choice.addListener((o, a, b) -> predict());
        value.addListener((o, a, b) -> predict());
    }

    private void predict() {
        predicted = true;
        predictions.set(SyncPredictor.predict(snapshot, operation()));
    }

    /** The operation as currently chosen. */
    public Operation operation() {
        long v = number.map(n -> Math.max(n.min(), Math.min(n.max(), value.get()))).orElse(0L);
        return builder.apply(choice.get(), v);
    }

    public OperationKind kind() {
        return kind;
    }

    /** "Failover db1". */
    public String title() {
        return title;
    }

    /** What it acts on: "primary s1 on n1 → replica s2 on n2". */
    public String subject() {
        return subject;
    }

    /** What the choice picks ("Target node", "Promote"), empty when there is no choice. */
    public String choiceLabel() {
        return choiceLabel;
    }

    public List<Choice> choices() {
        return choices;
    }

    public Optional<NumberParameter> number() {
        return number;
    }

    /** Shard, syncer and database ids the operation targets. */
    public Set<String> affectedIds() {
        return affectedIds;
    }

    /** The snapshot the draft and its predictions are based on. */
    public TopologySnapshot snapshot() {
        return snapshot;
    }

    public ObjectProperty<Choice> choiceProperty() {
        return choice;
    }

    public LongProperty valueProperty() {
        return value;
    }

    /** What the operation would make each affected replica and syncer do. */
    public ReadOnlyObjectProperty<List<SyncPrediction>> predictionsProperty() {
        if (!predicted) {
            predict();
        }
        return predictions.getReadOnlyProperty();
    }

    public List<SyncPrediction> getPredictions() {
        return predictionsProperty().get();
    }
}
