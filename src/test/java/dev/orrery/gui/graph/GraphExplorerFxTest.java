package dev.orrery.gui.graph;

import dev.orrery.gui.layout.LayoutService;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static org.assertj.core.api.Assertions.assertThat;

/** Clicking through the views: resources → a resource's tasks → back; hosts in lanes. */
@ExtendWith(ApplicationExtension.class)
@Tag("slow")
class GraphExplorerFxTest {
    private GraphExplorer explorer;

    @Start
    void start(Stage stage) {
        explorer = new GraphExplorer(new GraphView(new LayoutService(Runnable::run, Runnable::run)));
        explorer.show(null, SamplePlans.deployment());
        Scene scene = new Scene(explorer, 1100, 600);
        scene.getStylesheets().add(getClass().getResource(GraphStyles.STYLESHEET).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private static Node node(FxRobot robot, String id) {
        return robot.lookup(n -> id.equals(n.getId()) && n instanceof NodeView).query();
    }

    @Test
    void doubleClickOpensAResourcesTasksAndBackReturns(FxRobot robot) {
        assertThat(robot.lookup("." + GraphStyles.RESOURCE_NODE).<Node>queryAll()).hasSize(6);

        robot.doubleClickOn(node(robot, "api"));

        assertThat(robot.lookup("." + GraphStyles.TASK_NODE).<Node>queryAll()).extracting(Node::getId)
                .containsExactlyInAnyOrder("api.build@build-1", "api.deploy@web-1", "api.deploy@web-2");
        assertThat(robot.lookup("#crumb-1").queryAs(Labeled.class).getText()).isEqualTo("api");

        robot.clickOn("#graph-back");

        assertThat(robot.lookup("." + GraphStyles.RESOURCE_NODE).<Node>queryAll()).hasSize(6);
        assertThat(robot.lookup("#crumb-1").tryQuery()).isEmpty();
    }

    @Test
    void aBreadcrumbGoesBackToItsViewAndTheHostViewHasLanes(FxRobot robot) {
        robot.doubleClickOn(node(robot, "frontend"));
        robot.clickOn("#crumb-0");
        assertThat(explorer.navigation().crumbs()).hasSize(1);

        robot.clickOn("#view-hosts");

        assertThat(robot.lookup("." + GraphStyles.LANE).<Node>queryAll()).hasSize(5);
        assertThat(robot.lookup(n -> "lane:web-2".equals(n.getId())).tryQuery()).isPresent();
        assertThat(robot.lookup("." + GraphStyles.TASK_NODE).<Node>queryAll()).hasSize(9);
    }
}
