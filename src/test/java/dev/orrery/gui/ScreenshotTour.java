package dev.orrery.gui;

import dev.orrery.Orrery;
import dev.orrery.TestFiles;
import dev.orrery.gui.workspace.CoreBackend;
import dev.orrery.model.TaskState;
import dev.orrery.run.RunOptions;
import dev.orrery.stage.StageRequest;
import dev.orrery.transport.HostKeyPolicy;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.Set;
import java.util.prefs.Preferences;

/**
 * Takes the README's screenshots from the real window (not a test: run it by hand under a display, e.g. Xvfb):
 * {@code java -cp target/classes:target/test-classes:CP dev.orrery.gui.ScreenshotTour\$Main assets}. It copies the
 * webstack sample to a temporary folder, slows its steps a little so a run can be caught half-way, then stages,
 * processes, runs and opens History, saving screenshot-stage.png, screenshot-run.png and screenshot-history.png;
 * then another client overtakes a plan, which the window shows as stale (screenshot-stale.png).
 */
public final class ScreenshotTour extends Application {
    private static Path out;
    private MainViewModel model;
    private Path workspace;
    private MainWindow window;
    private Stage stage;

    /** The launcher's entry (a main class extending Application needs JavaFX on the module path). */
    public static final class Main {
        private Main() {
        }

        public static void main(String[] args) {
            out = Path.of(args.length > 0 ? args[0] : "assets").toAbsolutePath();
            Application.launch(ScreenshotTour.class, args);
        }
    }

    @Override
    public void start(Stage primary) throws Exception {
        stage = primary;
        Path ws = TestFiles.copySample("webstack", Files.createTempDirectory("orrery-tour"));
        Path resources = ws.resolve("resources.yaml");
        Files.writeString(resources, Files.readString(resources)
                .replace("        - run: mkdir -p", "        - run: sleep 2\n        - run: mkdir -p"));
        model = new MainViewModel(new FxUiExecutor(), root -> CoreBackend.open(root, HostKeyPolicy.refuse()),
                Clock.systemUTC());
        window = new MainWindow(primary, model, new RecentWorkspaces(Preferences.userRoot().node("orrery-tour")));
        primary.setScene(window.createScene(1440, 900));
        primary.getIcons().addAll(OrreryApp.icons());
        primary.show();
        window.openWorkspace(ws);
        workspace = ws;
        Thread tour = new Thread(() -> {
            try {
                tour();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(ScreenshotTour.class).error("tour failed", e);
            } finally {
                Platform.exit();
            }
        }, "tour");
        tour.setDaemon(true);
        tour.start();
    }

    private void tour() throws Exception {
        waitFor(() -> model.stage().rows().size() == 4);
        fx(() -> {
            center().getSelectionModel().select(1);
            model.stage().rows().stream().filter(r -> r.change().resource().equals("load-balancer"))
                    .forEach(r -> r.selectedProperty().set(false));
            model.selectionProperty().set(new Selection.StagedChange(model.stage().rows().get(0).change()));
            table("#stage-table").getSelectionModel().select(0);
        });
        pause(1500);
        shot("screenshot-stage.png");

        fx(() -> model.stage().selectAll(true));
        fx(model.stage()::stageSelected);
        waitFor(() -> model.stage().staged().size() == 4);
        fx(() -> {
            center().getSelectionModel().select(0);
            model.process();
        });
        waitFor(() -> model.run().planProperty().get() != null);
        fx(() -> ((ToggleButton) stage.getScene().lookup("#view-tasks")).fire());
        pause(2500);
        fx(() -> model.run().run());
        waitFor(() -> model.run().statuses().values().stream().anyMatch(s -> s.state() == TaskState.SUCCESS)
                && model.run().statuses().values().stream().anyMatch(s -> s.state() == TaskState.RUNNING));
        fx(() -> {
            model.selectionProperty().set(new Selection.Task("database.run@db-1"));
            ((TabPane) stage.getScene().lookup("#bottom-tabs")).getSelectionModel().select(0);
        });
        pause(700);
        shot("screenshot-run.png");

        waitFor(() -> !model.run().runningHereProperty().get());
        fx(() -> {
            center().getSelectionModel().select(2);
            model.history().refresh();
        });
        waitFor(() -> !model.history().runs().isEmpty());
        fx(() -> table("#history-runs").getSelectionModel().select(0));
        waitFor(() -> model.history().openedProperty().get() != null);
        pause(2500);
        shot("screenshot-history.png");

        // Another client (as the command line would) makes two plans and deploys the second: the first is stale.
        String stale;
        try (Orrery cli = Orrery.open(workspace)) {
            String newer = processAfterEdit(cli, "port: 8080", "port: 8082");
            stale = processAfterEdit(cli, "port: 8082", "port: 8081");
            cli.run(newer, RunOptions.defaults(), null);
        }
        fx(() -> {
            center().getSelectionModel().select(0);
            model.run().show(stale);
        });
        waitFor(() -> model.run().planProperty().get() != null
                && model.run().planProperty().get().uid().equals(stale)
                && !model.run().staleProperty().get().isEmpty());
        pause(1500);
        shot("screenshot-stale.png");
    }

    private String processAfterEdit(Orrery cli, String from, String to) throws Exception {
        Path resources = workspace.resolve("resources.yaml");
        Files.writeString(resources, Files.readString(resources).replace(from, to));
        cli.reload();
        cli.stage(StageRequest.all());
        return cli.process(Set.of(), null).uid();
    }

    private TabPane center() {
        return (TabPane) stage.getScene().lookup("#center-tabs");
    }

    private TableView<?> table(String id) {
        return (TableView<?>) stage.getScene().lookup(id);
    }

    private void shot(String name) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                Files.createDirectories(out);
                ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null), "png",
                        out.resolve(name).toFile());
                done.complete(null);
            } catch (Exception e) {
                done.completeExceptionally(e);
            }
        });
        done.get(30, TimeUnit.SECONDS);
    }

    private static void fx(Runnable action) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                action.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        done.get(30, TimeUnit.SECONDS);
    }

    private static void waitFor(BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            CompletableFuture<Boolean> ok = new CompletableFuture<>();
            Platform.runLater(() -> ok.complete(condition.getAsBoolean()));
            if (ok.get(30, TimeUnit.SECONDS)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the tour waited 90 s for a state that never came");
            }
            Thread.sleep(100);
        }
    }

    private static void pause(long ms) throws InterruptedException {
        Thread.sleep(ms);
    }
}
