package dev.orrery.gui;

import dev.orrery.TestFiles;
import dev.orrery.gui.workspace.FileViewer;
import dev.orrery.gui.workspace.ProblemsPane;
import dev.orrery.load.Problem;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The broken sample: every problem listed with file:line:col, a click shows the file at that line. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@Tag("slow")
class ProblemsTest {
    @TempDir
    Path temp;
    private AppUnderTest app;
    private MainViewModel model;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        app = AppUnderTest.show(stage, 1200, 760);
        model = app.model;
        window = app.window;
    }

    @AfterEach
    void close() throws Exception {
        app.close();
    }

    @Test
    void clickingAProblemShowsItsFileAtItsLine(FxRobot robot) throws Exception {
        Path ws = TestFiles.copySample("broken", temp);
        robot.interact(() -> window.openWorkspace(ws));
        TableView<Problem> table = robot.lookup("#" + ProblemsPane.ID).queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems()).allMatch(p -> p.line() > 0 && p.column() > 0 && Files.exists(p.file()));

        Problem last = table.getItems().get(table.getItems().size() - 1);
        robot.interact(() -> table.scrollTo(last));
        robot.clickOn(robot.lookup(".table-row-cell").match((javafx.scene.control.TableRow<?> r) -> r.getItem() == last)
                .queryAs(javafx.scene.Node.class));

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#" + FileViewer.LIST_ID).tryQuery().isPresent());
        ListView<String> lines = robot.lookup("#" + FileViewer.LIST_ID).queryAs(ListView.class);
        assertThat(lines.getSelectionModel().getSelectedIndex()).isEqualTo(last.line() - 1);
        assertThat(lines.getItems()).hasSize(Files.readAllLines(last.file()).size());
        assertThat(lines.isEditable()).isFalse();
    }
}
