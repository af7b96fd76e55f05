package dev.orrery.gui.graph;

import dev.orrery.gui.layout.LayoutService;
import dev.orrery.model.Plan;
import dev.orrery.model.TaskState;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static org.assertj.core.api.Assertions.assertThat;

/** A plan above the grouping threshold: groups while zoomed out, only nearby tasks once zoomed in. */
@ExtendWith(ApplicationExtension.class)
@Tag("slow")
class LargeGraphFxTest {
    private final Plan plan = SyntheticPlans.plan(600, 10, 7);
    private GraphView view;

    @Start
    void start(Stage stage) {
        view = new GraphView(new LayoutService(Runnable::run, Runnable::run));
        view.setGraph(GraphModels.tasks(plan, null));
        Scene scene = new Scene(view, 900, 600);
        scene.getStylesheets().add(getClass().getResource(GraphStyles.STYLESHEET).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void zoomedOutShowsResourceGroupsAndZoomedInOnlyTheTasksNearTheWindow(FxRobot robot) {
        assertThat(view.scaleProperty().get()).isLessThan(GraphView.DETAIL_SCALE);
        assertThat(robot.lookup(".graph-group").<Node>queryAll()).hasSize(60);
        assertThat(robot.lookup("." + GraphStyles.TASK_NODE).<Node>queryAll()).isEmpty();

        String target = plan.tasks().get(333).id();
        robot.interact(() -> view.search(target));

        assertThat(robot.lookup(".graph-group").<Node>queryAll()).isEmpty();
        int drawn = robot.lookup("." + GraphStyles.TASK_NODE).<Node>queryAll().size();
        assertThat(drawn).isPositive().isLessThan(plan.tasks().size() / 2);
        assertThat(view.nodeView(target)).isPresent();
        assertThat(view.nodeView(target).get().getPseudoClassStates())
                .extracting(Object::toString).contains("match", "selected");
    }

    @Test
    void statesReachGroupsAndUndrawnTasks(FxRobot robot) {
        String failed = plan.tasks().get(5).id();
        robot.interact(() -> {
            view.updateState(failed, TaskState.ERROR);
            view.flushStates();
        });

        assertThat(view.displayedState(failed)).contains(DisplayState.ERROR);
        assertThat(view.displayedState("group:" + plan.tasks().get(5).resource())).contains(DisplayState.ERROR);
        assertThat(robot.lookup(".graph-group").<Node>queryAll())
                .anyMatch(n -> n.getPseudoClassStates().toString().contains("blocked"));
    }
}
