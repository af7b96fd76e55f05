package dev.orrery.gui;

import dev.orrery.transport.HostKeyPolicy.Decision;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** An unknown host key blocks the SSH worker thread until the person answers the dialog on the FX thread. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@Tag("slow")
class HostKeyPromptTest {
    private static final String FINGERPRINT = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8";
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 400, 300));
        stage.show();
    }

    private CompletableFuture<Decision> askFromAWorker() {
        HostKeyPrompt prompt = new HostKeyPrompt(() -> stage);
        return CompletableFuture.supplyAsync(() -> prompt.unknownHost("web-1", "10.0.0.5", 22, "ssh-ed25519", FINGERPRINT));
    }

    private void waitForDialog(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> showing(robot, "Refuse").isPresent());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The button with this text in a window that is showing now (closed dialogs may linger in the lookup). */
    private static java.util.Optional<Button> showing(FxRobot robot, String text) {
        return robot.lookup(".button").match((Button b) -> text.equals(b.getText()) && b.getScene() != null
                && b.getScene().getWindow() != null && b.getScene().getWindow().isShowing()).tryQuery();
    }

    private static void press(FxRobot robot, String text) {
        robot.clickOn(showing(robot, text).orElseThrow());
    }

    @Test
    void showsTheFingerprintAndRemembersWhenAsked(FxRobot robot) throws Exception {
        CompletableFuture<Decision> answer = askFromAWorker();
        waitForDialog(robot);
        assertThat(answer).isNotDone();
        assertThat(robot.lookup("#host-key-fingerprint").queryAs(TextField.class).getText()).contains(FINGERPRINT);

        press(robot, "Accept and remember");

        assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(Decision.ACCEPT_AND_REMEMBER);
    }

    @Test
    void acceptOnceAndRefuseAreTheirOwnAnswers(FxRobot robot) throws Exception {
        CompletableFuture<Decision> once = askFromAWorker();
        waitForDialog(robot);
        press(robot, "Accept once");
        assertThat(once.get(10, TimeUnit.SECONDS)).isEqualTo(Decision.ACCEPT_ONCE);

        CompletableFuture<Decision> refused = askFromAWorker();
        waitForDialog(robot);
        press(robot, "Refuse");
        assertThat(refused.get(10, TimeUnit.SECONDS)).isEqualTo(Decision.REFUSE);
    }
}
