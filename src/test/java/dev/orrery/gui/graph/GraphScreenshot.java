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
        Plan plan = SamplePlans.richDeployment();
        Map<String, TaskState> states = new java.util.HashMap<>(Map.of(
                "firewall.run@db-1", TaskState.SUCCESS,
                "postgres.update@db-1", TaskState.SUCCESS,
                "redis.run@cache-1", TaskState.NOOP,
                "api.build@build-1", TaskState.SUCCESS,
                "api.deploy@web-1", TaskState.SUCCESS,
                "api.deploy@web-2", TaskState.ERROR,
                "worker.deploy@web-1", TaskState.SKIPPED,
                "frontend.update@web-1", TaskState.RUNNING,
                "metrics.update@db-1", TaskState.ERROR_RETRY));
        for (ViewKind kind : ViewKind.values()) {
            shoot(out.resolve("graph-" + kind.name().toLowerCase() + ".png"), plan, states, kind, 1280, 620, 0);
        }
        Plan large = SyntheticPlans.plan(2000, 10, 42);
        Map<String, TaskState> running = new java.util.HashMap<>();
        for (int i = 0; i < large.tasks().size(); i++) {
            running.put(large.tasks().get(i).id(), i < 700 ? TaskState.SUCCESS : i < 760 ? TaskState.RUNNING
                    : i == 761 ? TaskState.ERROR : TaskState.PENDING);
        }
        shoot(out.resolve("graph-large-overview.png"), large, running, ViewKind.TASKS, 1280, 720, 0);
        shoot(out.resolve("graph-large-zoomed.png"), large, running, ViewKind.TASKS, 1280, 720, 1.0);
        Platform.exit();
    }

    /** @param zoom 0 to fit, else the scale to show the middle of the graph at */
    static void shoot(Path file, Plan plan, Map<String, TaskState> states, ViewKind kind, int w, int h, double zoom)
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
            if (zoom > 0) {
                view.select(plan.tasks().get(plan.tasks().size() * 3 / 8).id());
                view.zoomAt(zoom / view.scaleProperty().get(), w / 2.0, h / 2.0);
                view.centerOn(plan.tasks().get(plan.tasks().size() * 3 / 8).id());
                explorer.applyCss();
                explorer.layout();
            }
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
