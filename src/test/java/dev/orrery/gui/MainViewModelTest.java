package dev.orrery.gui;

import dev.orrery.TestFiles;
import dev.orrery.gui.workflow.ChangeRow;
import dev.orrery.gui.workflow.RunProgress;
import dev.orrery.gui.workflow.TaskAction;
import dev.orrery.gui.workspace.CoreBackend;
import dev.orrery.model.Change;
import dev.orrery.model.TaskState;
import dev.orrery.model.TaskStatus;
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
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The view models against the real core (loader, SQLite store, sandbox SSH hosts) on a copy of the webstack
 * sample, with a same-thread executor instead of the JavaFX thread.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@Tag("slow")
class MainViewModelTest {
    @TempDir
    Path temp;
    private MainViewModel model;

    private MainViewModel open(Path ws) {
        model = new MainViewModel(new SameThreadUiExecutor(), root -> CoreBackend.open(root, HostKeyPolicy.refuse()),
                Clock.systemUTC());
        model.workspace().open(ws);
        assertThat(model.workspace().statusProperty().get()).startsWith("Loaded");
        return model;
    }

    @AfterEach
    void close() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void openingAWorkspaceLoadsItsTreeEnvironmentsAndWhatWouldBeStaged() {
        Path ws = TestFiles.copySample("webstack", temp);
        open(ws);

        assertThat(model.workspace().problems()).isEmpty();
        assertThat(model.workspace().treeProperty().get().leaves()).extracting(e -> e.label())
                .contains("db-1", "app-1", "edge-1", "database", "cache", "app", "load-balancer");
        assertThat(model.workspace().environments()).contains("", "staging", "prod");
        assertThat(model.stage().rows()).extracting(r -> r.change().resource())
                .containsExactlyInAnyOrder("database", "cache", "app", "load-balancer");
        assertThat(model.stage().rows()).allMatch(r -> r.change().action().equals("run"));
    }

    @Test
    void stageASubsetProcessRunAndRetryAFailedTaskAfterFixingIt() throws IOException {
        Path ws = TestFiles.copySample("webstack", temp);
        open(ws);
        for (ChangeRow row : model.stage().rows()) {
            row.selectedProperty().set(!row.change().resource().equals("load-balancer"));
        }
        model.stage().stageSelected();
        assertThat(model.stage().staged()).extracting(Change::resource)
                .containsExactlyInAnyOrder("database", "cache", "app");

        model.process();
        assertThat(model.run().planProperty().get()).isNotNull();
        assertThat(model.run().planProperty().get().tasks()).extracting(t -> t.resource())
                .doesNotContain("load-balancer");
        assertThat(model.run().statuses().values()).allMatch(s -> s.state() == TaskState.PENDING);

        // Break the app: its first step now fails on the sandbox host.
        Path sandboxApp = ws.resolve(".orrery/sandbox/app-1/app");
        Files.createDirectories(sandboxApp.getParent());
        Files.writeString(sandboxApp, "a file where the app folder should be");
        model.run().run();
        String appTask = "app.run@app-1";
        Eventually.eventually(Duration.ofSeconds(10), () ->
                assertThat(model.run().statuses().get(appTask).state()).isEqualTo(TaskState.ERROR));
        assertThat(model.run().statuses().get(appTask).state()).isEqualTo(TaskState.ERROR);
        assertThat(model.run().statuses().get("database.run@db-1").state()).isEqualTo(TaskState.SUCCESS);
        assertThat(model.run().applies(TaskAction.RETRY, appTask)).isTrue();
        assertThat(model.run().applies(TaskAction.RETRY, "database.run@db-1")).isFalse();

        Files.delete(sandboxApp);
        model.run().controlTask(TaskAction.RETRY, appTask);

        Eventually.eventually(Duration.ofSeconds(30), () -> {
            assertThat(model.run().statuses().values()).extracting(TaskStatus::state).containsOnly(TaskState.SUCCESS);
            assertThat(model.run().progressProperty().get().fraction()).isEqualTo(1.0);
        });
        model.history().refresh();
        assertThat(model.history().runs()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(model.history().runs().get(0).result()).isEqualTo(TaskState.SUCCESS);
        model.history().open(model.history().runs().get(0));
        assertThat(model.history().openedProperty().get().timeline().bars()).hasSize(3);
        assertThat(model.history().openedProperty().get().timeline().criticalPath()).isNotEmpty();
    }

    @Test
    void aFixedFileShowsInTheBannerAndRetryWithCurrentFilesRunsItKeepingWhatSucceeded() throws IOException {
        Path ws = TestFiles.copySample("webstack", temp);
        Path resources = ws.resolve("resources.yaml");
        String good = Files.readString(resources);
        Files.writeString(resources, good.replace("        - run: mkdir -p app/public", "        - run: mkdri -p app/public"));
        open(ws);
        model.stage().rows().forEach(row -> row.selectedProperty().set(true));
        model.stage().stageSelected();
        model.process();
        model.run().run();
        String appTask = "app.run@app-1";
        Eventually.eventually(Duration.ofSeconds(20), () -> {
            assertThat(model.run().statuses().get(appTask).state()).isEqualTo(TaskState.ERROR);
            assertThat(model.run().runningHereProperty().get()).isFalse();
        });
        RunProgress failed = model.run().progressProperty().get();
        assertThat(failed.blocked()).containsExactly("load-balancer.run@edge-1");
        assertThat(failed.segments()).containsEntry(RunProgress.Segment.BLOCKED, 1)
                .containsEntry(RunProgress.Segment.ERROR, 1);
        assertThat(failed.complete()).isFalse();
        assertThat(model.run().driftProperty().get()).isEmpty();

        Files.writeString(resources, good); // the operator fixes the step
        model.run().refreshDrift();
        assertThat(model.run().driftProperty().get()).isEqualTo("app.run@app-1: actions.run changed in the"
                + " workspace since this plan was made (retry --replan uses the current files)");
        assertThat(model.run().applies(TaskAction.RETRY_WITH_CURRENT_FILES, appTask)).isTrue();
        assertThat(model.run().applies(TaskAction.RETRY_WITH_CURRENT_FILES, "database.run@db-1")).isFalse();
        String old = model.run().planProperty().get().uid();

        model.run().retryWithCurrentFiles();

        Eventually.eventually(Duration.ofSeconds(30), () -> {
            assertThat(model.run().planProperty().get().uid()).isNotEqualTo(old);
            assertThat(model.run().progressProperty().get().complete()).isTrue();
        });
        assertThat(model.run().planProperty().get().tasks()).extracting(t -> t.id())
                .containsExactly(appTask, "load-balancer.run@edge-1");
        assertThat(model.run().driftProperty().get()).isEmpty();
    }

    @Test
    void aPlanProcessedAndRunByAnotherClientShowsUpWithItsStates() {
        Path ws = TestFiles.copySample("webstack", temp);
        open(ws);
        assertThat(model.run().planProperty().get()).isNull();
        String uid;
        try (dev.orrery.Orrery cli = dev.orrery.Orrery.open(ws)) {
            cli.stage(dev.orrery.stage.StageRequest.all());
            uid = cli.process(java.util.Set.of(), null).uid();
            cli.run(uid, dev.orrery.run.RunOptions.defaults(), null);
        }

        model.run().followNewerPlan();

        assertThat(model.run().planProperty().get().uid()).isEqualTo(uid);
        assertThat(model.run().statuses().values()).extracting(TaskStatus::state).containsOnly(TaskState.SUCCESS);
        assertThat(model.run().progressProperty().get().summary()).isEqualTo("4 tasks · 4 success");
    }

    @Test
    void discardOneStagedChangeThenTheRestAndAnActionCanBeStagedWithoutADiff() {
        Path ws = TestFiles.copySample("webstack", temp);
        open(ws);
        model.stage().stageSelected();
        assertThat(model.stage().staged()).hasSize(4);

        model.stage().discard(model.stage().staged().stream().filter(c -> c.resource().equals("cache")).toList());
        assertThat(model.stage().staged()).extracting(Change::resource).containsExactlyInAnyOrder("database", "app",
                "load-balancer");
        model.stage().discardAll();
        assertThat(model.stage().staged()).isEmpty();

        model.stage().stageAction(java.util.List.of("database"), "restart");
        assertThat(model.stage().staged()).extracting(c -> c.resource() + "." + c.action())
                .containsExactly("database.restart");
    }

    @Test
    void selectingATaskShowsItsDetailsWithSecretsMasked() {
        Path ws = TestFiles.copySample("webstack", temp);
        open(ws);
        model.stage().stageSelected();
        model.process();

        model.selectionProperty().set(new Selection.Task("database.run@db-1"));

        String text = model.detailsProperty().get().sections().toString();
        assertThat(model.detailsProperty().get().title()).isEqualTo("database.run@db-1");
        assertThat(text).doesNotContain("correct-horse-battery").contains("******");
    }
}
