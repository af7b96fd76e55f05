package dev.orrery.gui;

import dev.orrery.TestFiles;
import dev.orrery.gui.graph.DisplayState;
import dev.orrery.gui.graph.GraphView;
import dev.orrery.gui.graph.NodeView;
import dev.orrery.gui.history.HistoryPanel;
import dev.orrery.gui.workflow.ChangeRow;
import dev.orrery.gui.workflow.PlanTable;
import dev.orrery.gui.workflow.StagePanel;
import dev.orrery.gui.workspace.WorkspacePane;
import dev.orrery.model.Change;
import dev.orrery.model.RunSummary;
import dev.orrery.model.Task;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeView;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole path a newcomer takes, headless (Monocle), on a copy of the webstack sample: open it, click through
 * the tree and the three graph views with breadcrumbs, stage a subset, process, run on sandbox hosts and watch
 * nodes turn green, fail a task, fix the cause, right-click → Retry, and open the run in History.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@Tag("slow")
class OrreryAppTest {
    private static final int WAIT = 60;
    @TempDir
    static Path temp;
    private AppUnderTest app;
    private MainViewModel model;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = AppUnderTest.show(stage, 1240, 780);
        model = app.model;
        window = app.window;
    }

    @AfterEach
    void close() throws Exception {
        app.close();
    }

    private Stage stage;

    /** Waits for a condition; on time-out the scene is saved to target/gui-failures/ to show what was on screen. */
    private void waitUntil(Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            Path shot = SceneShots.save(new FxRobot(), stage.getScene(),
                    Path.of("target", "gui-failures", "OrreryAppTest-" + System.currentTimeMillis() + ".png"));
            throw new AssertionError("timed out; the window as it was: " + shot.toAbsolutePath(), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private GraphView graph(FxRobot robot) {
        return robot.lookup("#graph-view").queryAs(GraphView.class);
    }

    private DisplayState shown(FxRobot robot, String nodeId) {
        return graph(robot).displayedState(nodeId).orElse(null);
    }

    /**
     * A right-click on a node: the secondary press, and the context-menu request the platform would send with
     * it (Monocle's headless robot sends no ContextMenuEvent of its own).
     */
    private static void rightClick(FxRobot robot, GraphView graph, Node node) {
        robot.moveTo(node).press(MouseButton.SECONDARY).release(MouseButton.SECONDARY);
        robot.interact(() -> {
            javafx.geometry.Bounds b = node.localToScreen(node.getBoundsInLocal());
            double sx = b.getCenterX();
            double sy = b.getCenterY();
            // Built with scene coordinates: dispatch turns them into each target's local ones.
            javafx.geometry.Point2D scene = node.localToScene(node.getBoundsInLocal().getCenterX(),
                    node.getBoundsInLocal().getCenterY());
            javafx.event.Event.fireEvent(graph, new javafx.scene.input.ContextMenuEvent(
                    javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, scene.getX(), scene.getY(), sx, sy,
                    false, null));
        });
    }

    private static java.util.Optional<ContextMenu> showingMenu() {
        return Window.getWindows().stream().filter(w -> w instanceof ContextMenu && w.isShowing())
                .map(ContextMenu.class::cast).findFirst();
    }

    private static MenuItem item(ContextMenu menu, String id) {
        return menu.getItems().stream().filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
    }

    @Test
    void stageProcessRunFailRetryAndHistory(FxRobot robot) throws Exception {
        Path ws = TestFiles.copySample("webstack", temp.resolve("full"));
        robot.interact(() -> window.openWorkspace(ws));
        TreeView<?> tree = robot.lookup("#" + WorkspacePane.TREE_ID).queryAs(TreeView.class);
        waitUntil(() -> tree.getRoot() != null && tree.getRoot().getChildren().size() == 2);
        waitUntil(() -> model.stage().rows().size() == 4);

        // Tree → details.
        robot.clickOn("database");
        waitUntil(() -> model.detailsProperty().get().title().equals("database"));
        assertThat(robot.lookup("#details-title").queryAs(Label.class).getText()).isEqualTo("database");
        robot.clickOn("#" + WorkspacePane.FILTER_ID).write("edge");
        waitUntil(() -> tree.getRoot().getChildren().stream().allMatch(f -> f.getChildren().stream()
                .allMatch(c -> c.getValue().toString().contains("edge"))));
        robot.doubleClickOn("#" + WorkspacePane.FILTER_ID).eraseText(4);

        // Stage every change but the load balancer.
        robot.clickOn("#tab-stage");
        TableView<ChangeRow> stageTable = robot.lookup("#" + StagePanel.TABLE_ID).queryAs(TableView.class);
        java.util.function.Predicate<TableRow<?>> isLb = r -> r.getItem() instanceof ChangeRow c
                && c.change().resource().equals("load-balancer");
        waitUntil(() -> robot.lookup(".table-row-cell").match(isLb::test).tryQuery().isPresent());
        TableRow<?> lbRow = robot.lookup(".table-row-cell").match(isLb::test).queryAs(TableRow.class);
        robot.clickOn(robot.from(lbRow).lookup(".check-box").queryAs(CheckBox.class));
        waitUntil(() -> stageTable.getItems().stream().filter(ChangeRow::isSelected).count() == 3);
        robot.clickOn("#" + MainWindow.STAGE_BUTTON);
        ListView<Change> staged = robot.lookup("#" + StagePanel.STAGED_LIST_ID).queryAs(ListView.class);
        waitUntil(() -> staged.getItems().size() == 3);
        assertThat(staged.getItems()).extracting(Change::resource).doesNotContain("load-balancer");

        // Process: the plan's preview, nothing runs.
        robot.clickOn("#" + MainWindow.PROCESS_BUTTON);
        TableView<Task> planTable = robot.lookup("#" + PlanTable.ID).queryAs(TableView.class);
        waitUntil(() -> planTable.getItems().size() == 3);
        assertThat(model.run().statuses().values()).allMatch(s -> s.state() == dev.orrery.model.TaskState.PENDING);

        // The three views and the breadcrumbs.
        robot.clickOn("#view-resources");
        waitUntil(() -> graph(robot).nodeView("database").isPresent());
        NodeView database = graph(robot).nodeView("database").orElseThrow();
        robot.doubleClickOn(database);
        waitUntil(() -> robot.lookup("#crumb-1").tryQuery().isPresent()
                || graph(robot).nodeView("database.run@db-1").isPresent());
        waitUntil(() -> graph(robot).nodeView("database.run@db-1").isPresent());
        robot.clickOn(graph(robot).nodeView("database.run@db-1").orElseThrow());
        waitUntil(() -> model.detailsProperty().get().title().equals("database.run@db-1"));
        robot.clickOn("#graph-back");
        waitUntil(() -> graph(robot).nodeView("database").isPresent());
        robot.clickOn("#view-hosts");
        waitUntil(() -> graph(robot).nodeView("app.run@app-1").isPresent());
        robot.clickOn("#view-tasks");
        waitUntil(() -> graph(robot).nodeView("app.run@app-1").isPresent());

        // Run with the app broken: its first step cannot create its folder.
        Path blocker = ws.resolve(".orrery/sandbox/app-1/app");
        Files.createDirectories(blocker.getParent());
        Files.writeString(blocker, "a file where the app folder should be");
        robot.clickOn("#" + MainWindow.RUN_BUTTON);
        waitUntil(() -> shown(robot, "database.run@db-1") == DisplayState.SUCCESS
                && shown(robot, "cache.run@db-1") == DisplayState.SUCCESS
                && shown(robot, "app.run@app-1") == DisplayState.ERROR);

        // Fix the cause, right-click the red node → Retry.
        Files.delete(blocker);
        rightClick(robot, graph(robot), graph(robot).nodeView("app.run@app-1").orElseThrow());
        waitUntil(() -> showingMenu().isPresent());
        ContextMenu menu = showingMenu().orElseThrow();
        assertThat(item(menu, "task-menu-retry").isDisable()).isFalse();
        assertThat(item(menu, "task-menu-resume").isDisable()).isTrue();
        assertThat(item(menu, "task-menu-copy-command").isDisable()).isFalse();
        robot.clickOn(robot.lookup(".context-menu .label").match((Label l) -> "Retry".equals(l.getText()))
                .queryAs(Label.class));
        waitUntil(() -> shown(robot, "app.run@app-1") == DisplayState.SUCCESS);

        // History: the runs, one opened with its tasks.
        robot.clickOn("#tab-history");
        TableView<RunSummary> runs = robot.lookup("#" + HistoryPanel.RUNS_ID).queryAs(TableView.class);
        waitUntil(() -> runs.getItems().size() >= 2);
        robot.clickOn(robot.lookup(".table-row-cell").match((TableRow<?> r) -> r.getItem() == runs.getItems().get(0))
                .queryAs(Node.class));
        TableView<Task> pastTasks = robot.lookup("#" + HistoryPanel.TASKS_ID).queryAs(TableView.class);
        waitUntil(() -> pastTasks.getItems().size() == 3);
        assertThat(model.history().openedProperty().get().run().result()).isEqualTo(dev.orrery.model.TaskState.SUCCESS);
    }
}
