package dev.orrery.gui.history;

import dev.orrery.gui.Styles;
import dev.orrery.gui.workspace.DetailsBuilder;
import dev.orrery.model.Release;
import dev.orrery.model.RunSummary;
import dev.orrery.model.Task;
import dev.orrery.model.TaskState;
import dev.orrery.model.TaskStatus;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The History tab: runs and releases on the left; the opened run on the right (its tasks coloured by outcome,
 * each task's output, and the timeline with the critical path). A thin view over {@link HistoryViewModel}.
 */
public final class HistoryPanel extends SplitPane {
    public static final String RUNS_ID = "history-runs";
    public static final String RELEASES_ID = "history-releases";
    public static final String TASKS_ID = "history-tasks";
    public static final String ROLLBACK_ID = "rollback";

    private final HistoryViewModel model;
    private final ObservableList<Task> tasks = FXCollections.observableArrayList();

    /**
     * @param graph       the view that draws the opened run's plan (the graph canvas), or null
     * @param environment the toolbar's environment, for rollbacks
     */
    public HistoryPanel(HistoryViewModel model, Node graph, Supplier<String> environment) {
        this.model = model;
        TableView<RunSummary> runs = runsTable();
        TableView<Release> releases = releasesTable();
        Button rollback = new Button("Roll back to this release");
        rollback.setId(ROLLBACK_ID);
        rollback.disableProperty().bind(releases.getSelectionModel().selectedItemProperty().isNull());
        rollback.setOnAction(e -> model.rollback(releases.getSelectionModel().getSelectedItem(), environment.get()));
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> model.refresh());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox releaseBar = new HBox(6, header("RELEASES"), grow, rollback);
        releaseBar.setAlignment(Pos.CENTER_LEFT);
        HBox runsBar = new HBox(6, header("RUNS"), new Region(), refresh);
        HBox.setHgrow(runsBar.getChildren().get(1), Priority.ALWAYS);
        runsBar.setAlignment(Pos.CENTER_LEFT);
        Label message = new Label();
        message.getStyleClass().add(Styles.HINT);
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        VBox left = new VBox(4, runsBar, runs, releaseBar, releases, message);
        VBox.setVgrow(runs, Priority.ALWAYS);
        VBox.setVgrow(releases, Priority.SOMETIMES);

        TableView<Task> taskTable = pastTasksTable();
        TextArea output = new TextArea();
        output.setEditable(false);
        output.getStyleClass().add(Styles.OUTPUT_LOG);
        output.textProperty().bind(model.taskOutputProperty());
        GanttChart gantt = new GanttChart(taskId -> selectTask(taskTable, taskId));
        Label openedTitle = header("Open a run to see its tasks, output and timeline");
        SplitPane tasksAndOutput = new SplitPane(taskTable, output);
        tasksAndOutput.setDividerPositions(0.55);
        VBox ganttBox = new VBox(header("TIMELINE — one row per host, critical path outlined"), gantt);
        VBox.setVgrow(gantt, Priority.ALWAYS);
        SplitPane right = graph == null ? new SplitPane(tasksAndOutput, ganttBox)
                : new SplitPane(graph, tasksAndOutput, ganttBox);
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(graph == null ? new double[] {0.5} : new double[] {0.4, 0.68});
        VBox rightBox = new VBox(openedTitle, right);
        VBox.setVgrow(right, Priority.ALWAYS);

        getItems().addAll(left, rightBox);
        setDividerPositions(0.42);

        runs.getSelectionModel().selectedItemProperty().addListener((o, a, run) -> model.open(run));
        taskTable.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> {
            if (t != null) {
                model.showOutput(t.id());
            }
        });
        model.openedProperty().addListener((o, a, past) -> {
            tasks.setAll(past == null ? List.of() : past.plan().tasks());
            taskTable.refresh();
            if (!tasks.isEmpty()) {
                taskTable.getSelectionModel().select(0);
            }
            gantt.show(past == null ? null : past.timeline());
            openedTitle.setText(past == null ? "Open a run to see its tasks, output and timeline"
                    : "RUN " + past.run().id() + " · plan " + shortUid(past.plan().uid()) + " · "
                    + past.run().result() + " · critical path: " + past.timeline().criticalPath().size() + " tasks");
        });
    }

    private static void selectTask(TableView<Task> table, String taskId) {
        table.getItems().stream().filter(t -> t.id().equals(taskId)).findFirst().ifPresent(t -> {
            table.getSelectionModel().select(t);
            table.scrollTo(t);
        });
    }

    private TableView<RunSummary> runsTable() {
        TableView<RunSummary> t = new TableView<>(model.runs());
        t.setId(RUNS_ID);
        t.setPlaceholder(new Label("No runs yet."));
        t.getColumns().addAll(List.of(
                col("When", r -> DetailsBuilder.shortTime(r.started()), 104),
                col("Env", r -> r.environment() == null || r.environment().isEmpty() ? "all" : r.environment(), 48),
                stateCol("Result", RunSummary::result),
                col("Duration", r -> r.finished() == null ? "running" : DetailsBuilder.humanDuration(
                        Duration.between(r.started(), r.finished())), 64),
                col("Tasks", r -> counts(r.counts()), 200)));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        return t;
    }

    private TableView<Release> releasesTable() {
        TableView<Release> t = new TableView<>(model.releases());
        t.setId(RELEASES_ID);
        t.setPlaceholder(new Label("No releases yet: a run where every task succeeds records one."));
        t.getColumns().addAll(List.of(
                col("#", r -> String.valueOf(r.id()), 40),
                col("When", r -> DetailsBuilder.shortTime(r.at()), 112),
                col("Env", r -> r.environment() == null || r.environment().isEmpty() ? "all" : r.environment(), 60),
                col("Fingerprint", r -> r.deployedFingerprint() == null ? "" : abbreviate(r.deployedFingerprint()), 90),
                col("Summary", Release::summary, 220)));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPrefHeight(170);
        return t;
    }

    private TableView<Task> pastTasksTable() {
        TableView<Task> t = new TableView<>(tasks);
        t.setId(TASKS_ID);
        t.setPlaceholder(new Label("Open a run on the left."));
        TableColumn<Task, TaskState> state = new TableColumn<>("Outcome");
        state.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(statusOf(c.getValue()) == null ? TaskState.PENDING
                : statusOf(c.getValue()).state()));
        state.setCellFactory(c -> new StateCell<>());
        state.setPrefWidth(104);
        state.setMinWidth(100);
        t.getColumns().addAll(List.of(state,
                this.<Task>col("Task", Task::id, 220),
                this.<Task>col("Duration", task -> {
                    TaskStatus st = statusOf(task);
                    return st == null || st.started() == null || st.finished() == null ? "—"
                            : DetailsBuilder.humanDuration(Duration.between(st.started(), st.finished()));
                }, 80),
                this.<Task>col("Error", task -> {
                    TaskStatus st = statusOf(task);
                    return st == null || st.error() == null ? "" : st.error();
                }, 200)));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        return t;
    }

    private TaskStatus statusOf(Task task) {
        PastRun past = model.openedProperty().get();
        return past == null ? null : past.statuses().get(task.id());
    }

    private <T> TableColumn<T, String> col(String title, Function<T, String> value, double width) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static TableColumn<RunSummary, TaskState> stateCol(String title, Function<RunSummary, TaskState> value) {
        TableColumn<RunSummary, TaskState> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setCellFactory(col -> new StateCell<>());
        c.setPrefWidth(100);
        c.setMinWidth(96);
        return c;
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.PANE_HEADER);
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }

    static String counts(Map<TaskState, Integer> counts) {
        Map<TaskState, Integer> sorted = new EnumMap<>(TaskState.class);
        sorted.putAll(counts);
        return sorted.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase().replace('_', ' '))
                .collect(Collectors.joining(", "));
    }

    private static String shortUid(String uid) {
        return uid.length() > 8 ? uid.substring(0, 8) : uid;
    }

    private static String abbreviate(String s) {
        return s.length() > 12 ? s.substring(0, 12) : s;
    }

    /** A state chip in a table cell; an empty state shows "running". */
    private static final class StateCell<T> extends TableCell<T, TaskState> {
        private final Label chip = new Label();

        StateCell() {
            chip.getStyleClass().add(Styles.STATE_CHIP);
        }

        @Override
        protected void updateItem(TaskState state, boolean empty) {
            super.updateItem(state, empty);
            if (empty) {
                setGraphic(null);
                return;
            }
            chip.setText(state == null ? "RUNNING" : state.name());
            Styles.applyState(chip, state == null ? TaskState.RUNNING : state, false);
            setGraphic(chip);
        }
    }
}
