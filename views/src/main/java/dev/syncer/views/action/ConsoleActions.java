package dev.syncer.views.action;

import dev.syncer.views.model.operations.OperationCommand;
import dev.syncer.views.model.operations.OperationDraft;
import dev.syncer.views.model.operations.OperationsModel;
import dev.syncer.views.model.port.OperationKind;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.controlsfx.control.action.Action;

/**
 * One {@link Action} per {@link OperationKind}, bound to its command, and the groups the toolbar
 * and the context menus show. Operations that change nothing irreversibly and need no input run
 * at once; the others go through the {@link OperationPrompt}.
 */
public final class ConsoleActions {

    /** Operations grouped as the toolbar shows them. */
    public record Group(String title, List<OperationKind> kinds) {
    }

    /** The operations that get a button of their own, first on the toolbar. */
    public static final List<OperationKind> TOOLBAR_BUTTONS = List.of(OperationKind.FAILOVER, OperationKind.FORCED_FAILOVER);

    /** The rest of the toolbar: one menu per group. */
    public static final List<Group> TOOLBAR = List.of(
            new Group("Migrate", List.of(OperationKind.MIGRATE_REPLICA, OperationKind.REPOINT_REPLICA,
                    OperationKind.MIGRATE_PRIMARY_AS_REPLICA, OperationKind.MIGRATE_PRIMARY_PRESERVING_ROLES,
                    OperationKind.ADD_REPLICA)),
            new Group("Shard", List.of(OperationKind.CRASH_SHARD, OperationKind.RESTART_SHARD, OperationKind.STOP_SHARD,
                    OperationKind.START_SHARD, OperationKind.RESIZE_BACKLOG)),
            new Group("Link", List.of(OperationKind.CUT_LINK, OperationKind.HEAL_LINK, OperationKind.DELAY_LINK)),
            new Group("Write load", List.of(OperationKind.START_WRITE_LOAD, OperationKind.TUNE_WRITE_LOAD,
                    OperationKind.STOP_WRITE_LOAD)));

    /** What a right-click on a shard offers. */
    public static final List<OperationKind> SHARD_MENU = List.of(OperationKind.FAILOVER, OperationKind.FORCED_FAILOVER,
            OperationKind.MIGRATE_REPLICA, OperationKind.REPOINT_REPLICA, OperationKind.MIGRATE_PRIMARY_AS_REPLICA,
            OperationKind.MIGRATE_PRIMARY_PRESERVING_ROLES, OperationKind.ADD_REPLICA, OperationKind.CRASH_SHARD,
            OperationKind.RESTART_SHARD, OperationKind.STOP_SHARD, OperationKind.START_SHARD, OperationKind.RESIZE_BACKLOG,
            OperationKind.START_WRITE_LOAD, OperationKind.TUNE_WRITE_LOAD, OperationKind.STOP_WRITE_LOAD);

    /** What a right-click on a replication or syncer link offers. */
    public static final List<OperationKind> LINK_MENU = List.of(OperationKind.CUT_LINK, OperationKind.HEAL_LINK,
            OperationKind.DELAY_LINK);

    private final OperationsModel operations;
    private final OperationPrompt prompt;
    private final Map<OperationKind, Action> actions = new EnumMap<>(OperationKind.class);

    public ConsoleActions(OperationsModel operations, OperationPrompt prompt) {
        this.operations = operations;
        this.prompt = prompt;
        for (OperationKind kind : OperationKind.values()) {
            actions.put(kind, create(operations.command(kind)));
        }
    }

    private Action create(OperationCommand command) {
        Action action = new Action(command.label(), e -> run(command));
        action.disabledProperty().bind(command.executableProperty().not());
        action.longTextProperty().bind(command.reasonProperty());
        action.getStyleClass().add(command.kind().destructive() ? "destructive" : "benign");
        action.getProperties().put(OperationKind.class, command.kind());
        return action;
    }

    /** Prepares, confirms where needed, and submits. Returns whether it was submitted. */
    boolean run(OperationCommand command) {
        Optional<OperationDraft> draft = command.prepare();
        if (draft.isEmpty()) {
            return false;
        }
        OperationDraft d = draft.get();
        if (needsPrompt(d) && !prompt.confirm(d)) {
            return false;
        }
        operations.submit(d);
        return true;
    }

    /** Destructive ones, and any with something left to choose, are shown first. */
    static boolean needsPrompt(OperationDraft d) {
        return d.kind().destructive() || d.choices().size() > 1 || d.number().isPresent();
    }

    public Action get(OperationKind kind) {
        return actions.get(kind);
    }

    public List<Action> all(List<OperationKind> kinds) {
        return kinds.stream().map(actions::get).toList();
    }
}
