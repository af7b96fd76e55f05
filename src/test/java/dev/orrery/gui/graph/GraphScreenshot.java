package dev.orrery.gui.graph;

import dev.orrery.gui.layout.LayoutService;
import dev.orrery.model.Plan;
import dev.orrery.model.TaskState;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Test-scope tool: renders the graph explorer on the sample deployment, mid-run, and writes PNGs to look at.
 * Run with the headless properties of the surefire argLine (Monocle) or under Xvfb:
 * {@code java -cp <test classpath> dev.orrery.gui.graph.GraphScreenshot target/shots}.
 */
public final class GraphScreenshot {
    private GraphScreenshot() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/shots");
        Files.createDirectories(out);
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await(10, TimeUnit.SECONDS);
        Plan plan = SamplePlans.deployment();
        Map<String, TaskState> states = Map.of(
                "firewall.run@db-1", TaskState.SUCCESS,
                "postgres.update@db-1", TaskState.SUCCESS,
                "redis.run@cache-1", TaskState.SUCCESS,
                "api.build@build-1", TaskState.SUCCESS,
                "api.deploy@web-1", TaskState.RUNNING,
                "api.deploy@web-2", TaskState.ERROR);
        for (ViewKind kind : ViewKind.values()) {
            shoot(out.resolve("graph-" + kind.name().toLowerCase() + ".png"), plan, states, kind, 1180, 560);
        }
        Platform.exit();
    }

    static void shoot(Path file, Plan plan, Map<String, TaskState> states, ViewKind kind, int w, int h)
            throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            GraphView view = new GraphView(new LayoutService(Runnable::run, Runnable::run));
            GraphExplorer explorer = new GraphExplorer(view);
            Scene scene = new Scene(explorer, w, h);
            scene.getStylesheets().add(GraphScreenshot.class.getResource(GraphStyles.STYLESHEET).toExternalForm());
            explorer.viewKindProperty().set(kind);
            explorer.show(null, plan);
            view.updateStates(states);
            view.flushStates();
            explorer.applyCss();
            explorer.layout();
            view.fit();
            try {
                WritableImage img = scene.snapshot(null);
                ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", file.toFile());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                done.countDown();
            }
        });
        if (!done.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("snapshot timed out");
        }
    }
}
