package dev.orrery.gui;

import dev.orrery.Orrery;
import dev.orrery.TestFiles;
import dev.orrery.gui.workspace.CoreBackend;
import dev.orrery.gui.workspace.OrreryBackend.ControlVerb;
import dev.orrery.model.TaskState;
import dev.orrery.model.TaskStatus;
import dev.orrery.run.RunOptions;
import dev.orrery.stage.StageRequest;
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
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plan another plan has overtaken, as the window's view model sees it: real core, SQLite store and sandbox
 * hosts on a copy of the web stack sample, a same-thread executor instead of the JavaFX thread.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@Tag("slow")
class StalePlanViewModelTest {
    @TempDir
    Path temp;
    private MainViewModel model;

    @AfterEach
    void close() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void aStalePlanSaysWhyAndItsRunIsRefusedWhileAnUnrelatedPlanMayRun() throws IOException {
        Path ws = TestFiles.copySample("webstack", temp);
        String older;
        String newer;
        String cacheOnly;
        try (Orrery cli = Orrery.open(ws)) {
            deploy(cli, cli.stage(StageRequest.all()).isEmpty());
            edit(ws, "port: 8080", "port: 8081");
            older = stageAndProcess(cli, StageRequest.all());
            edit(ws, "port: 8081", "port: 8082");
            newer = stageAndProcess(cli, StageRequest.all());
            edit(ws, "memory: 64mb", "memory: 128mb");
            cacheOnly = stageAndProcess(cli, StageRequest.all().withTags(Set.of("backend")));
            assertThat(cli.run(newer, RunOptions.defaults(), null).result()).isEqualTo(TaskState.SUCCESS);
        }
        model = new MainViewModel(new SameThreadUiExecutor(), root -> CoreBackend.open(root, HostKeyPolicy.refuse()),
                Clock.systemUTC());
        model.workspace().open(ws);

        model.run().show(older);

        String why = "Plan " + older.substring(0, 8) + " is stale: app and load-balancer were changed by plan "
                + newer.substring(0, 8) + " (release 2) after it was made; stage and process again, or use rollback"
                + " to go back on purpose";
        assertThat(model.run().staleProperty().get()).isEqualTo(why);
        assertThat(model.run().runRefusedProperty().get()).isEqualTo(why);
        model.run().run();
        assertThat(model.run().messageProperty().get()).isEqualTo(why.replace("Plan ", "plan "));
        model.run().control(ControlVerb.RESTART);
        assertThat(model.run().statuses().values()).extracting(TaskStatus::state).containsOnly(TaskState.PENDING);
        assertThat(ws.resolve(".orrery/sandbox/app-1/app/app.conf")).content().contains("listen=8082");

        model.run().show(cacheOnly);

        assertThat(model.run().staleProperty().get()).isEmpty();
        assertThat(model.run().runRefusedProperty().get()).isEmpty();
        model.run().run();
        assertThat(model.run().statuses().values()).extracting(TaskStatus::state).containsOnly(TaskState.SUCCESS);
    }

    @Test
    void aPlanOnScreenBecomesStaleWhenAnotherClientDeploysOverIt() throws IOException {
        Path ws = TestFiles.copySample("webstack", temp);
        String overtaking;
        String onScreen;
        try (Orrery cli = Orrery.open(ws)) {
            deploy(cli, cli.stage(StageRequest.all()).isEmpty());
            edit(ws, "port: 8080", "port: 8082");
            overtaking = stageAndProcess(cli, StageRequest.all());
            edit(ws, "port: 8082", "port: 8081");
            onScreen = stageAndProcess(cli, StageRequest.all());
        }
        model = new MainViewModel(new SameThreadUiExecutor(), root -> CoreBackend.open(root, HostKeyPolicy.refuse()),
                Clock.systemUTC());
        model.workspace().open(ws);
        assertThat(model.run().planProperty().get().uid()).isEqualTo(onScreen);
        model.run().followNewerPlan();
        assertThat(model.run().staleProperty().get()).isEmpty();

        try (Orrery cli = Orrery.open(ws)) {
            assertThat(cli.run(overtaking, RunOptions.defaults(), null).result()).isEqualTo(TaskState.SUCCESS);
        }
        model.run().followNewerPlan();

        assertThat(model.run().planProperty().get().uid()).isEqualTo(onScreen);
        assertThat(model.run().runRefusedProperty().get()).startsWith("Plan " + onScreen.substring(0, 8)
                + " is stale: app and load-balancer were changed by plan " + overtaking.substring(0, 8));
    }

    private static void deploy(Orrery cli, boolean nothingStaged) {
        assertThat(nothingStaged).isFalse();
        String uid = cli.process(Set.of(), null).uid();
        assertThat(cli.run(uid, RunOptions.defaults(), null).result()).isEqualTo(TaskState.SUCCESS);
    }

    private static String stageAndProcess(Orrery cli, StageRequest request) {
        cli.reload();
        assertThat(cli.stage(request)).isNotEmpty();
        return cli.process(Set.of(), null).uid();
    }

    private static void edit(Path ws, String from, String to) throws IOException {
        Path resources = ws.resolve("resources.yaml");
        String text = Files.readString(resources);
        assertThat(text).contains(from);
        Files.writeString(resources, text.replace(from, to));
    }
}
