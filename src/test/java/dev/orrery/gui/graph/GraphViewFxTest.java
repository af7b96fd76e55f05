package dev.orrery.gui.graph;

import dev.orrery.gui.layout.LayoutService;
import dev.orrery.model.TaskState;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The canvas in a real (headless) JavaFX scene: nodes by id, zoom, fit, search, live states. */
@ExtendWith(ApplicationExtension.class)
@Tag("slow")
class GraphViewFxTest {
    private GraphExplorer explorer;
    private GraphView view;

    @Start
    void start(Stage stage) {
        view = new GraphView(new LayoutService(Runnable::run, Runnable::run));
        explorer = new GraphExplorer(view);
        explorer.viewKindProperty().set(ViewKind.TASKS);
        explorer.show(null, SamplePlans.deployment());
        Scene scene = new Scene(explorer, 1100, 600);
        scene.getStylesheets().add(getClass().getResource(GraphStyles.STYLESHEET).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private static Node node(FxRobot robot, String id) {
        return robot.lookup(n -> id.equals(n.getId()) && n instanceof NodeView).query();
    }

    private static boolean has(Node n, String pseudoClass) {
        return n.getPseudoClassStates().contains(PseudoClass.getPseudoClass(pseudoClass));
    }

    @Test
    void everyTaskIsASceneNodeWithItsIdAndModel(FxRobot robot) {
        assertThat(robot.lookup("." + GraphStyles.TASK_NODE).<Node>queryAll()).hasSize(9);
        Node deploy = node(robot, "api.deploy@web-2");
        assertThat(deploy.getUserData()).isInstanceOf(GraphNode.class);
        assertThat(((GraphNode) deploy.getUserData()).host()).isEqualTo("web-2");
        assertThat(robot.lookup("." + GraphStyles.EDGE).<Node>queryAll()).hasSize(11);
    }

    @Test
    void zoomButtonsKeysAndFitChangeTheScale(FxRobot robot) {
        double fitted = view.scaleProperty().get();
        robot.clickOn("#zoom-in");
        assertThat(view.scaleProperty().get()).isGreaterThan(fitted);
        robot.clickOn(view).type(KeyCode.MINUS).type(KeyCode.MINUS);
        assertThat(view.scaleProperty().get()).isLessThan(fitted);
        robot.clickOn("#zoom-fit");
        assertThat(view.scaleProperty().get()).isEqualTo(fitted);
        // after fit every node is inside the window
        var bounds = view.localToScreen(view.getBoundsInLocal());
        for (Node n : robot.lookup("." + GraphStyles.TASK_NODE).<Node>queryAll()) {
            assertThat(bounds.contains(n.localToScreen(n.getBoundsInLocal()))).as(n.getId()).isTrue();
        }
    }

    @Test
    void searchHighlightsSelectsAndCentresTheNode(FxRobot robot) {
        robot.clickOn("#graph-search").write("worker").type(KeyCode.ENTER);

        Node worker = node(robot, "worker.deploy@web-1");
        assertThat(has(worker, "match")).isTrue();
        assertThat(view.selectedNodeProperty().get().id()).isEqualTo("worker.deploy@web-1");
        var center = worker.localToScreen(worker.getBoundsInLocal());
        var viewBounds = view.localToScreen(view.getBoundsInLocal());
        assertThat(Math.abs(center.getCenterX() - viewBounds.getCenterX())).isLessThan(2);
        assertThat(Math.abs(center.getCenterY() - viewBounds.getCenterY())).isLessThan(2);
    }

    @Test
    void stateUpdatesFromAnotherThreadRecolourTheNodesThroughTheStylesheet(FxRobot robot) throws Exception {
        Thread runner = new Thread(() -> {
            view.updateState("firewall.run@db-1", TaskState.SUCCESS);
            view.updateState("postgres.update@db-1", TaskState.RUNNING);
            view.updateState("redis.run@cache-1", TaskState.ERROR);
        });
        runner.start();
        runner.join(5000);
        Node postgres = node(robot, "postgres.update@db-1");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> has(postgres, "running"));

        assertThat(has(node(robot, "firewall.run@db-1"), "success")).isTrue();
        assertThat(has(node(robot, "redis.run@cache-1"), "error")).isTrue();
        assertThat(has(node(robot, "frontend.update@web-2"), "blocked")).isTrue();
        assertThat(has(node(robot, "frontend.update@web-2"), "pending")).isFalse();
        Rectangle box = (Rectangle) postgres.lookup("." + GraphStyles.NODE_BOX);
        robot.interact(postgres::applyCss); // the pseudo-class is set; the fill follows at the next CSS pass
        assertThat(box.getFill()).isEqualTo(Color.web("#e3efff"));
        assertThat(box.getStrokeDashArray()).isNotEmpty();
    }

    @Test
    void rightClickShowsTheCallersMenuForThatNodeAndDoubleClickOpensIt(FxRobot robot) {
        java.util.List<String> opened = new java.util.ArrayList<>();
        robot.interact(() -> {
            view.setContextMenuFactory(n -> new javafx.scene.control.ContextMenu(
                    new javafx.scene.control.MenuItem("Retry " + n.id())));
            explorer.setOnOpenTask(n -> opened.add(n.id()));
        });

        robot.rightClickOn(node(robot, "redis.run@cache-1"));
        assertThat(robot.lookup("Retry redis.run@cache-1").tryQuery()).isPresent();
        assertThat(view.selectedNodeProperty().get().id()).isEqualTo("redis.run@cache-1");
        robot.type(KeyCode.ESCAPE);

        robot.doubleClickOn(node(robot, "worker.deploy@web-1"));
        assertThat(opened).containsExactly("worker.deploy@web-1");
    }

    @Test
    void orientationAndAllEdgesToggles(FxRobot robot) {
        robot.clickOn("#all-edges");
        assertThat(robot.lookup("." + GraphStyles.EDGE).<Node>queryAll()).hasSize(13);
        assertThat(robot.lookup("." + GraphStyles.EDGE).<Node>queryAll())
                .filteredOn(n -> has(n, "implied")).hasSize(2);

        robot.clickOn("#orientation");
        Node firewall = node(robot, "firewall.run@db-1");
        Node postgres = node(robot, "postgres.update@db-1");
        assertThat(postgres.getLayoutY()).isGreaterThan(firewall.getLayoutY() + NodeView.HEIGHT);
    }
}
