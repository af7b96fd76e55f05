package dev.orrery.gui;

import dev.orrery.gui.workspace.CoreBackend;
import dev.orrery.transport.HostKeyPolicy;
import javafx.stage.Stage;

import java.time.Clock;
import java.util.prefs.Preferences;

/** The real main window on a TestFX stage, with a throwaway preferences node; {@link #close()} after each test. */
final class AppUnderTest implements AutoCloseable {
    final FxUiExecutor executor = new FxUiExecutor();
    final MainViewModel model;
    final MainWindow window;
    private final Preferences prefs;

    private AppUnderTest(Stage stage, double width, double height) {
        model = new MainViewModel(executor, root -> CoreBackend.open(root, HostKeyPolicy.refuse()), Clock.systemUTC());
        prefs = Preferences.userRoot().node("orrery-test-" + System.nanoTime());
        window = new MainWindow(stage, model, new RecentWorkspaces(prefs));
        stage.setScene(window.createScene(width, height));
        stage.show();
    }

    /** Call from the TestFX {@code @Start} method. */
    static AppUnderTest show(Stage stage, double width, double height) {
        return new AppUnderTest(stage, width, height);
    }

    @Override
    public void close() throws Exception {
        model.close();
        executor.close();
        prefs.removeNode();
    }
}
