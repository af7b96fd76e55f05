package dev.orrery.gui.workflow;

import dev.orrery.gui.Selection;
import dev.orrery.gui.Styles;
import dev.orrery.model.Dependency;
import dev.orrery.model.Plan;
import dev.orrery.model.Secrets;
import dev.orrery.model.Step;
import dev.orrery.model.Task;
import dev.orrery.model.TaskState;
import dev.orrery.model.TaskStatus;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The plan preview: tasks in topological order with host, action, wait-for, command summary and live state.
 * Right-click gives the same task menu as the graph.
 */
public final class PlanTable extends TableView<Task> {
    public static final String ID = "plan-table";
    private final ObservableList<Task> tasks = FXCollections.observableArrayList();
    private Map<String, List<String>> parents = Map.of();

    public PlanTable(RunViewModel model, ObjectProperty<Selection> selection, TaskMenu menu) {
        setId(ID);
        setItems(tasks);
        setPlaceholder(new Label("No plan: stage changes, then press Process to preview the plan."));
        TableColumn<Task, Number> order = new TableColumn<>("#");
        order.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(tasks.indexOf(c.getValue()) + 1));
        order.setPrefWidth(40);
        TableColumn<Task, TaskState> state = new TableColumn<>("State");
        state.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(stateOf(model, c.getValue())));
        state.setCellFactory(col -> new StateCell(model));
        state.setPrefWidth(110);
        state.setMinWidth(106);
        TableColumn<Task, String> task = column("Task", Task::id, 230);
        TableColumn<Task, String> host = column("Host", Task::host, 90);
        TableColumn<Task, String> action = column("Action", Task::action, 70);
        TableColumn<Task, String> waitFor = column("Wait for",
                t -> String.join(", ", parents.getOrDefault(t.id(), List.of())), 220);
        TableColumn<Task, String> command = column("Command", PlanTable::commandSummary, 420);
        getColumns().addAll(List.of(order, state, task, host, action, waitFor, command));
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        model.planProperty().addListener((obs, old, plan) -> show(plan));
        model.statuses().addListener((Observable o) -> refresh());
        getSelectionModel().selectedItemProperty().addListener((obs, old, t) -> {
            if (t != null) {
                selection.set(new Selection.Task(t.id()));
            }
        });
        setRowFactory(v -> {
            TableRow<Task> row = new TableRow<>();
            row.setOnContextMenuRequested(e -> {
                if (!row.isEmpty()) {
                    menu.show(row, row.getItem().id(), e.getScreenX(), e.getScreenY());
                    e.consume();
                }
            });
            return row;
        });
        show(model.planProperty().get());
    }

    private void show(Plan plan) {
        if (plan == null) {
            parents = Map.of();
            tasks.clear();
            return;
        }
        parents = plan.edges().stream().collect(Collectors.groupingBy(Dependency::child,
                Collectors.mapping(Dependency::parent, Collectors.toList())));
        tasks.setAll(plan.tasks());
    }

    private static TaskState stateOf(RunViewModel model, Task t) {
        TaskStatus st = model.statuses().get(t.id());
        return st == null ? TaskState.PENDING : st.state();
    }

    private static TableColumn<Task, String> column(String title, java.util.function.Function<Task, String> value,
                                                    double width) {
        TableColumn<Task, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    static String commandSummary(Task t) {
        return t.steps().stream().map(Step::summary).map(s -> Secrets.mask(s, t.secrets()))
                .collect(Collectors.joining(" ; "));
    }

    private static final class StateCell extends TableCell<Task, TaskState> {
        private final RunViewModel model;
        private final Label chip = new Label();

        StateCell(RunViewModel model) {
            this.model = model;
            chip.getStyleClass().add(Styles.STATE_CHIP);
        }

        @Override
        protected void updateItem(TaskState state, boolean empty) {
            super.updateItem(state, empty);
            if (empty || state == null || getTableRow() == null || getTableRow().getItem() == null) {
                setGraphic(null);
                return;
            }
            boolean blocked = model.progressProperty().get().blocked().contains(getTableRow().getItem().id());
            chip.setText(blocked ? "BLOCKED" : state.name());
            Styles.applyState(chip, state, blocked);
            setGraphic(chip);
        }
    }
}
