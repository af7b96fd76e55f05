package dev.orrery.gui.graph;

import dev.orrery.model.ResourceKind;
import dev.orrery.model.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EditSessionTest {
    private final List<String> writes = new ArrayList<>();
    private Workspace workspace = Fixtures.chain();
    private EditSession session;

    /** Applies the edits to the in-memory workspace and records them, as the file writer would. */
    private final WaitForFiles files = new WaitForFiles() {
        @Override
        public void add(String resource, String waitsFor) {
            writes.add("add " + resource + " " + waitsFor);
            List<String> list = new ArrayList<>(workspace.resource(resource).orElseThrow().waitFor());
            list.add(waitsFor);
            workspace = Fixtures.withWaitFor(workspace, resource, list);
        }

        @Override
        public void remove(String resource, String waitsFor) {
            writes.add("remove " + resource + " " + waitsFor);
            List<String> list = new ArrayList<>(workspace.resource(resource).orElseThrow().waitFor());
            list.remove(waitsFor);
            workspace = Fixtures.withWaitFor(workspace, resource, list);
        }

        @Override
        public void move(String resource, String from, String to) {
            writes.add("move " + resource + " " + from + " " + to);
            List<String> list = new ArrayList<>(workspace.resource(resource).orElseThrow().waitFor());
            list.set(list.indexOf(from), to);
            workspace = Fixtures.withWaitFor(workspace, resource, list);
        }

        @Override
        public void moveJob(String job, String anchor, boolean after) {
            writes.add("moveJob " + job + (after ? " after " : " before ") + anchor);
        }
    };

    @BeforeEach
    void open() {
        session = new EditSession(files, this::reload);
        reload();
    }

    private void reload() {
        session.setWorkspace(workspace);
        session.setModel(GraphModels.resources(workspace));
    }

    @Test
    void addWritesTheWaitForAndUndoRemovesIt() {
        EditSession.Outcome added = session.addWaitFor("cache", "db");

        assertThat(added.applied()).isTrue();
        assertThat(workspace.resource("cache").orElseThrow().waitFor()).containsExactly("db");
        assertThat(session.canUndoProperty().get()).isTrue();

        assertThat(session.undo().applied()).isTrue();
        assertThat(workspace.resource("cache").orElseThrow().waitFor()).isEmpty();
        assertThat(session.redo().message()).isEqualTo("Redone: cache waits for db");
        assertThat(workspace.resource("cache").orElseThrow().waitFor()).containsExactly("db");
    }

    @Test
    void aCycleIsRefusedWithTheWholeCycleAndNothingIsWritten() {
        EditSession.Outcome refused = session.addWaitFor("db", "web");

        assertThat(refused.applied()).isFalse();
        assertThat(refused.message()).contains("db → web → api → db");
        assertThat(writes).isEmpty();
        assertThat(session.canUndoProperty().get()).isFalse();
    }

    @Test
    void moveReplacesTheEntryAndIsCheckedWithoutTheOldOne() {
        assertThat(session.moveWaitFor("web", "api", "cache").applied()).isTrue();
        assertThat(workspace.resource("web").orElseThrow().waitFor()).containsExactly("cache");

        // api → web would be a cycle while web waits for api; it no longer does
        assertThat(session.cycleIfAdded("api", "web")).isEmpty();
        assertThat(session.moveWaitFor("api", "db", "web").applied()).isTrue();
        assertThat(session.moveWaitFor("api", "web", "web").applied()).isFalse();

        session.undo();
        session.undo();
        assertThat(workspace.resource("web").orElseThrow().waitFor()).containsExactly("api");
        assertThat(workspace.resource("api").orElseThrow().waitFor()).containsExactly("db");
    }

    @Test
    void removeOnlyTouchesDeclaredWaitFors() {
        assertThat(session.removeWaitFor("api", "db").applied()).isTrue();
        assertThat(session.removeWaitFor("api", "db").applied()).isFalse();
        assertThat(writes).containsExactly("remove api db");
    }

    @Test
    void movingTheWaitingEndRetargetsTheEdge() {
        EditSession.Outcome moved = session.moveWaiter("api", "web", "cache");

        assertThat(moved.applied()).isTrue();
        assertThat(workspace.resource("web").orElseThrow().waitFor()).isEmpty();
        assertThat(workspace.resource("cache").orElseThrow().waitFor()).containsExactly("api");
        session.undo();
        assertThat(workspace.resource("web").orElseThrow().waitFor()).containsExactly("api");
        assertThat(workspace.resource("cache").orElseThrow().waitFor()).isEmpty();
    }

    @Test
    void aFailedWriteIsReportedAndNotRecorded() {
        EditSession failing = new EditSession(new WaitForFiles() {
            @Override
            public void add(String resource, String waitsFor) throws Exception {
                throw new java.io.IOException("cache.yaml changed on disk since it was loaded");
            }

            @Override
            public void remove(String resource, String waitsFor) {
            }

            @Override
            public void move(String resource, String from, String to) {
            }

            @Override
            public void moveJob(String job, String anchor, boolean after) {
            }
        }, () -> {
        });
        failing.setWorkspace(workspace);

        EditSession.Outcome outcome = failing.addWaitFor("cache", "db");

        assertThat(outcome.applied()).isFalse();
        assertThat(outcome.message()).contains("changed on disk");
        assertThat(failing.canUndoProperty().get()).isFalse();
    }

    @Test
    void jobsAreReorderedWithinTheirEntryAndUndoPutsThemBack() {
        workspace = Fixtures.workspace(
                Fixtures.resource("deploy.1.1", ResourceKind.JOB, List.of()),
                Fixtures.resource("deploy.1.2", ResourceKind.JOB, List.of()),
                Fixtures.resource("deploy.1.3", ResourceKind.JOB, List.of()),
                Fixtures.resource("deploy.2.1", ResourceKind.JOB, List.of()));
        reload();

        assertThat(session.moveJob("deploy.1.3", "deploy.1.1", false).applied()).isTrue();
        assertThat(session.moveJob("deploy.1.1", "deploy.2.1", true).applied()).isFalse();
        assertThat(session.addWaitFor("deploy.1.1", "deploy.1.2").message()).contains("Orchestration jobs");
        session.undo();

        // 1.3 moved first: it is now 1.1, and goes back after the job now at its old place (1.3)
        assertThat(writes).containsExactly("moveJob deploy.1.3 before deploy.1.1",
                "moveJob deploy.1.1 after deploy.1.3");
    }
}
