package dev.orrery.gui;

import dev.orrery.Orrery;
import dev.orrery.TestFiles;
import dev.orrery.gui.workflow.StaleGuard;
import dev.orrery.model.TaskState;
import dev.orrery.run.RunOptions;
import dev.orrery.stage.StageRequest;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The real window on a stale plan: the banner says why, Run and Restart are disabled and their tooltips say why. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@Tag("slow")
class StalePlanBannerTest {
    @TempDir
    static Path temp;
    private AppUnderTest app;

    @Start
    void start(Stage stage) {
        app = AppUnderTest.show(stage, 1240, 780);
    }

    @AfterEach
    void close() throws Exception {
        app.close();
    }

    @Test
    void aStalePlanShowsABannerAndItsRunIsDisabledWithTheReason(FxRobot robot) throws Exception {
        Path ws = TestFiles.copySample("webstack", temp.resolve("stale"));
        String newer;
        String stale;
        try (Orrery cli = Orrery.open(ws)) {
            cli.stage(StageRequest.all());
            assertThat(cli.run(cli.process(Set.of(), null).uid(), RunOptions.defaults(), null).result())
                    .isEqualTo(TaskState.SUCCESS);
            newer = processAfterEdit(cli, ws, "port: 8080", "port: 8082");
            stale = processAfterEdit(cli, ws, "port: 8082", "port: 8081");
            assertThat(cli.run(newer, RunOptions.defaults(), null).result()).isEqualTo(TaskState.SUCCESS);
        }

        robot.interact(() -> app.window.openWorkspace(ws));

        Label banner = robot.lookup("#" + StaleGuard.BANNER).queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> app.model.run().planProperty().get() != null
                && app.model.run().planProperty().get().uid().equals(stale) && banner.isVisible());
        WaitForAsyncUtils.waitForFxEvents();
        String why = "Plan " + stale.substring(0, 8) + " is stale: app and load-balancer were changed by plan "
                + newer.substring(0, 8) + " (release 2) after it was made; stage and process again, or use rollback"
                + " to go back on purpose";
        assertThat(banner.getText()).isEqualTo(why);
        Button run = robot.lookup("#" + MainWindow.RUN_BUTTON).queryAs(Button.class);
        assertThat(run.isDisabled()).isTrue();
        assertThat(run.getTooltip().getText()).isEqualTo(why);
        Button restart = robot.lookup("#" + MainWindow.RESTART_BUTTON).queryAs(Button.class);
        assertThat(restart.isDisabled()).isTrue();
        assertThat(restart.getTooltip().getText()).isEqualTo(why);
        assertThat(robot.lookup("#" + MainWindow.STOP_BUTTON).queryAs(Button.class).isDisabled()).isFalse();
        assertThat(ws.resolve(".orrery/sandbox/app-1/app/app.conf")).content().contains("listen=8082");
    }

    private static String processAfterEdit(Orrery cli, Path ws, String from, String to) throws IOException {
        Path resources = ws.resolve("resources.yaml");
        String text = Files.readString(resources);
        assertThat(text).contains(from);
        Files.writeString(resources, text.replace(from, to));
        cli.reload();
        assertThat(cli.stage(StageRequest.all())).isNotEmpty();
        return cli.process(Set.of(), null).uid();
    }
}
