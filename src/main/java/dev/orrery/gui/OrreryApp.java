package dev.orrery.gui;

import dev.orrery.gui.workspace.CoreBackend;
import dev.orrery.gui.workspace.WorkspaceWatcher;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The desktop application. {@code orrery gui [WORKSPACE]} calls {@link #launch(String[])}; the optional
 * argument is the workspace folder to open, else the most recent one is offered in the Open menu.
 */
public class OrreryApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(OrreryApp.class);
    static final Duration RELOAD_DEBOUNCE = Duration.ofMillis(400);
    private static final int[] ICON_SIZES = {16, 24, 32, 48, 64, 128, 256, 512};

    private FxUiExecutor executor;
    private MainViewModel model;
    private WorkspaceWatcher watcher;

    /** Entry point for the command line: blocks until the window closes. */
    public static void launch(String[] args) {
        Application.launch(OrreryApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        executor = new FxUiExecutor();
        HostKeyPrompt hostKeys = new HostKeyPrompt(() -> stage);
        model = new MainViewModel(executor, root -> CoreBackend.open(root, hostKeys), Clock.systemUTC());
        MainWindow window = new MainWindow(stage, model, RecentWorkspaces.forUser());
        stage.setTitle("Orrery");
        stage.getIcons().addAll(icons());
        stage.setScene(window.createScene(1440, 900));
        model.workspace().backendProperty().addListener((o, old, backend) -> watch(backend == null ? null : backend.root()));
        stage.show();
        List<String> args = getParameters().getRaw();
        if (!args.isEmpty()) {
            window.openWorkspace(Path.of(args.get(0)));
        }
    }

    /** Reloads the workspace when its files change on disk (debounced; the watcher runs on its own thread). */
    private void watch(Path root) {
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
        if (root == null || !Files.isDirectory(root)) {
            return;
        }
        try {
            watcher = WorkspaceWatcher.start(root, RELOAD_DEBOUNCE, () -> Platform.runLater(model.workspace()::reload));
        } catch (IOException e) {
            LOG.warn("cannot watch {} for changes: {}", root, e.getMessage());
        }
    }

    /** The window icons, every size the platform may pick from. */
    public static List<Image> icons() {
        return java.util.Arrays.stream(ICON_SIZES).mapToObj(size -> {
            try (InputStream in = OrreryApp.class.getResourceAsStream("icons/orrery-" + size + ".png")) {
                return in == null ? null : new Image(in);
            } catch (IOException e) {
                return null;
            }
        }).filter(java.util.Objects::nonNull).toList();
    }

    @Override
    public void stop() {
        if (watcher != null) {
            watcher.close();
        }
        if (model != null) {
            model.close();
        }
        if (executor != null) {
            executor.close();
        }
    }
}
