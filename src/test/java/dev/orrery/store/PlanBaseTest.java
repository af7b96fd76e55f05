package dev.orrery.store;

import dev.orrery.model.Change;
import dev.orrery.model.ExecutedChange;
import dev.orrery.model.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.orrery.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The deployed state a plan is built against, and the executed-change queries the staleness check reads. */
@Tag("slow")
class PlanBaseTest {
    @TempDir
    Path dir;

    @Test
    void aProcessedPlanKeepsItsBaseAndAPlanSavedWithoutOneHasNone() {
        try (Store store = SqliteStore.open(dir)) {
            Change db = store.changes().stage(Fixtures.change("db", "update"));
            Change app = store.changes().stage(Fixtures.change("app", "update"));
            Plan fixture = Fixtures.plan(Fixtures.newUid());
            Plan processed = new Plan(fixture.uid(), T0, "prod", fixture.tasks(), fixture.edges(),
                    fixture.declaredEdges(), List.of(db.id(), app.id()));
            store.plans().saveProcessed(processed, Map.of(), Map.of("db", "sha256:aa", "app", ""));
            Plan byHand = Fixtures.plan(Fixtures.newUid());
            store.plans().save(byHand, Map.of());

            assertThat(store.plans().base(processed.uid())).containsExactly(Map.entry("app", ""),
                    Map.entry("db", "sha256:aa"));
            assertThat(store.plans().base(byHand.uid())).isEmpty();
            assertThatThrownBy(() -> store.plans().base("no-such-plan")).isInstanceOf(UnknownPlanException.class);
        }
        try (Store reopened = SqliteStore.open(dir)) {
            assertThat(reopened.plans().list(-1)).hasSize(2);
        }
    }

    @Test
    void executedChangesAreFoundByPlanAndByResourceNewestFirst() {
        try (Store store = SqliteStore.open(dir)) {
            Change first = store.changes().stage(Fixtures.change("db", "update"));
            Change restart = store.changes().stage(Fixtures.change("db", "restart"));
            store.changes().markProcessed(List.of(first.id(), restart.id()), "plan-1");
            store.changes().execute("plan-1", first.id(), T0, "", Fixtures.snapshot("db", "1"), null);
            store.changes().execute("plan-1", restart.id(), T0.plusSeconds(1), "", null, null);
            Change second = store.changes().stage(Fixtures.change("db", "update"));
            store.changes().markProcessed(List.of(second.id()), "plan-2");
            store.changes().execute("plan-2", second.id(), T0.plusSeconds(2), "", Fixtures.snapshot("db", "2"), null);

            assertThat(store.changes().executedResources("plan-1", Set.of("update"))).containsExactly("db");
            assertThat(store.changes().executedResources("plan-1", Set.of("run"))).isEmpty();
            assertThat(store.changes().executedOf("", List.of("db", "other")))
                    .extracting(ExecutedChange::planUid, e -> e.change().action())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("plan-2", "update"),
                            org.assertj.core.groups.Tuple.tuple("plan-1", "restart"),
                            org.assertj.core.groups.Tuple.tuple("plan-1", "update"));
            assertThat(store.changes().executedOf("prod", List.of("db"))).isEmpty();
        }
    }
}
