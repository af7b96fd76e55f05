package dev.orrery.gui.graph;

import dev.orrery.gui.layout.LayoutResult;
import dev.orrery.gui.layout.LayoutService;
import dev.orrery.load.LoadResult;
import dev.orrery.load.WaitForEditor;
import dev.orrery.load.WorkspaceLoader;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 5 in the real canvas: drag to add, move and remove wait-for, cycles refused, undo/redo, real files. */
@ExtendWith(ApplicationExtension.class)
@Tag("slow")
class GraphEditFxTest {
    private static final String RESOURCES = """
            # the test stack: web waits for api, api for db; cache stands alone
            resources:
              db:
                target: [h1]
                actions:
                  run:
                    - run: echo db
              cache:
                target: [h1]
                actions:
                  run:
                    - run: echo cache
              api:
                target: [h1]
                wait-for: [db]
                actions:
                  run:
                    - run: echo api
              web:
                target: [h1]
                wait-for:
                  - api
                actions:
                  run:
                    - run: echo web
            """;

    @TempDir
    static Path root;
    private Path resources;
    private WaitForEditorFiles files;
    private GraphView view;

    @Start
    void start(Stage stage) throws IOException {
        Path dir = Files.createTempDirectory(root, "ws");
        Files.writeString(dir.resolve("inventory.yaml"), "hosts:\n  h1:\n    sandbox: true\n");
        resources = dir.resolve("resources.yaml");
        Files.writeString(resources, RESOURCES);
        LoadResult loaded = WorkspaceLoader.load(dir);
        assertThat(loaded.problems()).isEmpty();
        files = new WaitForEditorFiles(WaitForEditor.of(loaded));
        view = new GraphView(new LayoutService(Runnable::run, Runnable::run));
        GraphExplorer explorer = new GraphExplorer(view);
        explorer.show(files.workspace(), null);
        explorer.enableEditing(files, () -> explorer.show(files.workspace(), null));
        Scene scene = new Scene(explorer, 1000, 560);
        scene.getStylesheets().add(getClass().getResource(GraphStyles.STYLESHEET).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private static Node node(FxRobot robot, String id) {
        return robot.lookup(n -> id.equals(n.getId()) && n instanceof NodeView).query();
    }

    private static boolean has(Node n, String pseudoClass) {
        return n.getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass(pseudoClass));
    }

    private List<String> waitFor(String resource) {
        return files.workspace().resource(resource).orElseThrow().waitFor();
    }

    /** A point on the edge's curve, in screen coordinates: its middle, or just after its start. */
    private Point2D onEdge(String from, String to, boolean nearStart) {
        EdgeView edge = view.edgeViews().stream()
                .filter(e -> e.edge().equals(new GraphEdge(from, to))).findFirst().orElseThrow();
        LayoutResult.Point a = edge.start();
        NodeView target = view.nodeView(to).orElseThrow();
        double bx = target.getLayoutX();
        double by = target.getLayoutY() + NodeView.HEIGHT / 2;
        return nearStart ? edge.localToScreen(a.x() + 12, a.y())
                : edge.localToScreen((a.x() + bx) / 2, (a.y() + by) / 2);
    }

    @Test
    void dragOneNodeOntoAnotherMakesItWaitAndUndoRedoFollow(FxRobot robot) throws IOException {
        String before = Files.readString(resources);

        robot.drag(node(robot, "cache"), MouseButton.PRIMARY).moveTo(node(robot, "db"));
        assertThat(has(node(robot, "db"), "drop-ok")).isTrue();
        robot.drop();

        assertThat(waitFor("cache")).containsExactly("db");
        assertThat(has(node(robot, "db"), "drop-ok")).isFalse();
        assertThat(Files.readString(resources)).contains("# the test stack").isNotEqualTo(before);
        assertThat(view.edgeViews()).extracting(EdgeView::edge).contains(new GraphEdge("db", "cache"));

        robot.clickOn(view).press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        assertThat(Files.readString(resources)).isEqualTo(before);

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.Z).release(KeyCode.SHIFT, KeyCode.CONTROL);
        assertThat(waitFor("cache")).containsExactly("db");
    }

    @Test
    void aDropThatWouldMakeACycleIsRefusedAndChangesNothing(FxRobot robot) throws IOException {
        String before = Files.readString(resources);

        robot.drag(node(robot, "db"), MouseButton.PRIMARY).moveTo(node(robot, "web"));
        assertThat(has(node(robot, "web"), "drop-refused")).isTrue();
        robot.drop();

        assertThat(view.lastMessageProperty().get()).contains("db → web → api → db");
        assertThat(Files.readString(resources)).isEqualTo(before);
        assertThat(waitFor("db")).isEmpty();
    }

    @Test
    void draggingAnEdgesTailMovesItAndDeleteRemovesAnEdge(FxRobot robot) {
        robot.drag(onEdge("db", "api", true), MouseButton.PRIMARY).dropTo(node(robot, "cache"));

        assertThat(waitFor("api")).containsExactly("cache");

        robot.clickOn(onEdge("api", "web", false)).type(KeyCode.DELETE);

        assertThat(waitFor("web")).isEmpty();
        assertThat(view.edgeViews()).extracting(EdgeView::edge).doesNotContain(new GraphEdge("api", "web"));

        robot.rightClickOn(onEdge("cache", "api", false)).clickOn("Remove wait-for");

        assertThat(waitFor("api")).isEmpty();
    }
}
