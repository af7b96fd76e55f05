package dev.orrery.store;

import dev.orrery.model.Change;
import dev.orrery.model.Dependency;
import dev.orrery.model.FieldDiff;
import dev.orrery.model.Plan;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.ResourceSnapshot;
import dev.orrery.model.Step;
import dev.orrery.model.Task;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Small named records for store tests. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2025-01-02T03:04:05.123456Z");

    private Fixtures() {
    }

    static Change change(String resource, String action) {
        return new Change(0, resource, ResourceKind.RESOURCE, action, Set.of("web", "prod"),
                List.of(new FieldDiff("inputs.port", FieldDiff.Kind.CHANGED, "80", "8080"),
                        new FieldDiff("inputs.new", FieldDiff.Kind.ADDED, null, "x \"quoted\"\nline")),
                "changed", "", T0);
    }

    static Task task(String resource, String action, String host, List<String> secrets, String command) {
        return new Task(Task.idOf(resource, action, host), resource, ResourceKind.RESOURCE, action, host,
                List.of(new Step.Exec(command), new Step.Transfer("files/app.conf", "/etc/app/", "app:app", "0640")),
                Map.of("MODE", "prod"), "/srv/app", 2, Duration.ofSeconds(90), secrets, 1);
    }

    /** db.update → app.update (two hosts): three tasks, a secret on db. */
    static Plan plan(String uid) {
        Task db = task("db", "update", "db-1", List.of("hunter2-secret"), "psql --password 'hunter2-secret'");
        Task app1 = task("app", "update", "web-1", List.of(), "systemctl restart app");
        Task app2 = new Task(Task.idOf("app", "update", "web-2"), "app", ResourceKind.RESOURCE, "update", "web-2",
                List.of(new Step.Exec("true")), Map.of(), null, 0, null, List.of(), 0);
        return new Plan(uid, T0, "prod", List.of(db.withWeight(2), app1.withWeight(0), app2),
                List.of(new Dependency(db.id(), app1.id()), new Dependency(db.id(), app2.id())),
                List.of(new Dependency(db.id(), app1.id()), new Dependency(db.id(), app2.id())), List.of(7L, 3L));
    }

    static String newUid() {
        return UUID.randomUUID().toString();
    }

    static ResourceSnapshot snapshot(String name, String port) {
        return new ResourceSnapshot(name, ResourceKind.RESOURCE, Map.of("inputs.port", port, "targets", "web"),
                Set.of("web"));
    }
}
