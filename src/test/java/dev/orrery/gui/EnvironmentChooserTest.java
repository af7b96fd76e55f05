package dev.orrery.gui;

import dev.orrery.TestFiles;
import dev.orrery.gui.workspace.CoreBackend;
import dev.orrery.model.Task;
import dev.orrery.transport.HostKeyPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The toolbar's environment chooser and --limit field, on the view models over the real core (webstack copy). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@Tag("slow")
class EnvironmentChooserTest {
    @TempDir
    Path temp;
    private MainViewModel model;

    private void open(Path ws) {
        model = new MainViewModel(new SameThreadUiExecutor(), root -> CoreBackend.open(root, HostKeyPolicy.refuse()),
                Clock.systemUTC());
        model.workspace().open(ws);
        assertThat(model.workspace().statusProperty().get()).startsWith("Loaded");
    }

    @AfterEach
    void close() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void theChooserOffersTheInventorysEnvironmentsNotEveryTag() {
        open(TestFiles.copySample("webstack", temp));
        assertThat(model.workspace().environments()).containsExactly("", "staging", "prod");
    }

    @Test
    void withoutAnEnvironmentsListTheTagsNothingTargetsAreOffered() throws IOException {
        Path ws = TestFiles.copySample("webstack", temp);
        Path inventory = ws.resolve("inventory.yaml");
        Files.writeString(inventory, Files.readString(inventory).replace("environments: [staging, prod]\n", ""));
        Path resources = ws.resolve("resources.yaml");
        Files.writeString(resources, Files.readString(resources).replace("target: [app-1]", "target: [web]"));
        open(ws);
        assertThat(model.workspace().environments()).as("web is targeted: a role").containsExactly("", "data", "prod", "staging");
    }

    @Test
    void theLimitFieldValidatesAndCountsTheHostsOfTheChosenEnvironment() {
        open(TestFiles.copySample("webstack", temp));
        var ws = model.workspace();
        assertThat(ws.limitValidProperty().get()).isTrue();
        assertThat(ws.limitStatusProperty().get()).isEqualTo("all 3 hosts");

        ws.limitProperty().set("web");
        assertThat(ws.limitStatusProperty().get()).isEqualTo("2 of 3 hosts: app-1, edge-1");
        ws.environmentProperty().set("staging");
        assertThat(ws.limitStatusProperty().get()).isEqualTo("1 of 2 hosts: app-1");

        ws.limitProperty().set("web,!app-1");
        assertThat(ws.limitValidProperty().get()).isFalse();
        assertThat(ws.limitStatusProperty().get()).isEqualTo("--limit 'web,!app-1' matches no host");
        assertThatThrownBy(ws::limitOrAll).hasMessageContaining("matches no host");

        ws.limitProperty().set("edge-9");
        assertThat(ws.limitValidProperty().get()).isFalse();
        assertThat(ws.limitStatusProperty().get()).contains("no host or tag is named 'edge-9'");
        ws.limitProperty().set("web,!");
        assertThat(ws.limitStatusProperty().get()).contains("'!' must be followed by");

        ws.limitProperty().set("");
        assertThat(ws.limitValidProperty().get()).isTrue();
        assertThat(ws.limitStatusProperty().get()).isEqualTo("all 2 hosts");
    }

    @Test
    void processingPlansOnlyTheHostsInsideTheLimit() {
        open(TestFiles.copySample("webstack", temp));
        model.stage().stageSelected();
        model.workspace().limitProperty().set("db-1");
        model.process();
        assertThat(model.run().planProperty().get().tasks()).extracting(Task::host).containsOnly("db-1").isNotEmpty();
    }
}
