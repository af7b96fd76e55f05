package dev.orrery.gui;

import dev.orrery.transport.HostKeyPolicy;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The GUI's {@link HostKeyPolicy}: an unknown host key blocks the SSH worker thread that met it while the
 * person is asked on the JavaFX thread, with the fingerprint shown (accept once / accept and remember /
 * refuse). No answer within {@link #ANSWER_TIMEOUT_MINUTES} minutes, or a closed dialog, refuses. Changed
 * keys never reach a policy (the transport refuses them); {@link #explainChangedKey} tells the person why.
 */
public final class HostKeyPrompt implements HostKeyPolicy {
    static final long ANSWER_TIMEOUT_MINUTES = 10;
    public static final ButtonType ACCEPT_ONCE = new ButtonType("Accept once", ButtonBar.ButtonData.OTHER);
    public static final ButtonType ACCEPT_REMEMBER = new ButtonType("Accept and remember", ButtonBar.ButtonData.OK_DONE);
    public static final ButtonType REFUSE = new ButtonType("Refuse", ButtonBar.ButtonData.CANCEL_CLOSE);

    private final Supplier<Window> owner;

    public HostKeyPrompt(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public Decision unknownHost(String hostName, String address, int port, String keyType, String fingerprint) {
        if (Platform.isFxApplicationThread()) {
            return ask(hostName, address, port, keyType, fingerprint);
        }
        CompletableFuture<Decision> answer = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                answer.complete(ask(hostName, address, port, keyType, fingerprint));
            } catch (RuntimeException e) {
                answer.complete(Decision.REFUSE);
            }
        });
        try {
            return answer.get(ANSWER_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Decision.REFUSE;
        } catch (ExecutionException | TimeoutException e) {
            return Decision.REFUSE;
        }
    }

    private Decision ask(String hostName, String address, int port, String keyType, String fingerprint) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION);
        alert.initOwner(owner.get());
        alert.setTitle("Unknown host key");
        alert.setHeaderText("The authenticity of host " + hostName + " (" + address + ":" + port + ") can't be established.");
        TextField fp = new TextField(keyType + " key fingerprint  " + fingerprint);
        fp.setEditable(false);
        fp.setId("host-key-fingerprint");
        fp.getStyleClass().add(Styles.HOST_KEY_FINGERPRINT);
        Label advice = new Label("Compare the fingerprint with the one the host's administrator gives you "
                + "(ssh-keygen -lf /etc/ssh/ssh_host_" + keyType.toLowerCase().replace("ssh-", "") + "_key.pub). "
                + "Accept and remember adds it to known_hosts.");
        advice.setWrapText(true);
        alert.getDialogPane().setContent(new VBox(8, fp, advice));
        alert.getButtonTypes().setAll(ACCEPT_ONCE, ACCEPT_REMEMBER, REFUSE);
        Optional<ButtonType> choice = alert.showAndWait();
        if (choice.isEmpty() || choice.get() == REFUSE) {
            return Decision.REFUSE;
        }
        return choice.get() == ACCEPT_REMEMBER ? Decision.ACCEPT_AND_REMEMBER : Decision.ACCEPT_ONCE;
    }

    /** Explains a refusal caused by a changed host key (the transport's message names host and fingerprints). */
    public static void explainChangedKey(Window owner, String transportMessage) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(owner);
        alert.setTitle("Host key changed");
        alert.setHeaderText("The host's key is not the one in known_hosts: Orrery refused to connect.");
        Label text = new Label(transportMessage + "\n\nSomeone could be intercepting the connection, or the host "
                + "was reinstalled. If you know the new key is right, remove the old entry from known_hosts "
                + "(ssh-keygen -R HOST) and run again.");
        text.setWrapText(true);
        alert.getDialogPane().setContent(text);
        alert.show();
    }

    /** Whether a failure message is a changed-key refusal (worth the explanation dialog). */
    public static boolean isChangedKey(String message) {
        return message != null && message.toLowerCase().contains("host key") && message.toLowerCase().contains("changed");
    }
}
