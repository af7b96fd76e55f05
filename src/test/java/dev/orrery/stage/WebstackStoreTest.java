package dev.orrery.stage;

import dev.orrery.model.Plan;
import dev.orrery.model.Workspace;
import dev.orrery.store.SqliteStore;
import dev.orrery.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Set;

/** Tests on a fresh copy of samples/webstack and its history store, opened before and closed after each test. */
@Tag("slow")
abstract class WebstackStoreTest {
    @TempDir
    Path dir;
    TestWorkspace ws;
    Store store;

    @BeforeEach
    void openWorkspaceAndStore() {
        ws = new TestWorkspace(dir);
        store = SqliteStore.open(dir);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** Stages everything for {@code env}, processes it and lets every task succeed: the committed state is the files. */
    Plan deployAll(String env) {
        Workspace w = ws.load();
        Stager.stage(w, store, StageRequest.all().withEnvironment(env));
        Plan plan = Processor.process(w, store, Set.of(), env);
        TestWorkspace.succeed(store, plan);
        return plan;
    }
}
