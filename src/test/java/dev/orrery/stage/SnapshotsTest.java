package dev.orrery.stage;

import dev.orrery.model.Action;
import dev.orrery.model.FieldDiff;
import dev.orrery.model.Input;
import dev.orrery.model.Resource;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.ResourceSnapshot;
import dev.orrery.model.Secrets;
import dev.orrery.model.SourceRef;
import dev.orrery.model.Step;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotsTest {
    private static Resource api(String secret) {
        Map<String, Input> inputs = new LinkedHashMap<>();
        inputs.put("port", new Input("port", "8080", null, null, false, SourceRef.NONE));
        inputs.put("token", new Input("token", secret, null, null, true, SourceRef.NONE));
        inputs.put("db", new Input("db", "5432", "database", "port", false, SourceRef.NONE));
        List<Step> steps = new java.util.ArrayList<>(List.of(
                new Step.Exec("start --token '" + secret.replace("'", "'\\''") + "' --port 8080"),
                new Step.Transfer("files/app.conf", "/etc/app/", "app:app", "0640")));
        for (int n = 0; n < 9; n++) {
            steps.add(new Step.Exec("echo " + n));
        }
        Map<String, Action> actions = new LinkedHashMap<>();
        actions.put("run", new Action("run", steps, 2, Duration.ofSeconds(30), SourceRef.NONE));
        return new Resource("api", ResourceKind.RESOURCE, List.of("web", "db-1"), Set.of("frontend"), inputs, actions,
                List.of("database"), Map.of("TOKEN", secret), "/srv/" + secret, Map.of("type", "continuous"),
                SourceRef.NONE);
    }

    @Test
    void aResourceBecomesFlatFieldsWithSecretsDigestedOrMasked() {
        String secret = "it's-a-secret";
        ResourceSnapshot s = Snapshots.of(api(secret));
        assertThat(s.fields()).containsEntry("targets", "web, db-1")
                .containsEntry("inputs.port", "8080")
                .containsEntry("inputs.token", Snapshots.digest(secret))
                .containsEntry("inputs.token.secret", "true")
                .containsEntry("inputs.db", "5432")
                .containsEntry("inputs.db.link", "database.port")
                .containsEntry("actions.run.1", "start --token '" + Secrets.MASK + "' --port 8080")
                .containsEntry("actions.run.2", "copy files/app.conf → /etc/app/ (chown app:app) (mode 0640)")
                .containsEntry("actions.run.retries", "2")
                .containsEntry("actions.run.timeout", "PT30S")
                .containsEntry("wait-for", "database")
                .containsEntry("env.TOKEN", Secrets.MASK)
                .containsEntry("workdir", "/srv/" + Secrets.MASK)
                .containsEntry("attributes.type", "continuous");
        assertThat(s.fields().toString()).doesNotContain("secret'").doesNotContain("it's").doesNotContain("it'\\''s");
        assertThat(Snapshots.digest(secret)).startsWith("sha256:").hasSize(7 + 64);
        assertThat(s.tags()).containsExactly("frontend");
    }

    @Test
    void diffsAreInNumericFieldOrderAndMaskSecrets() {
        ResourceSnapshot before = Snapshots.of(api("one"));
        ResourceSnapshot after = Snapshots.of(api("two"));
        List<FieldDiff> diff = Diffs.between(before, after);
        assertThat(diff).as("masked fields look the same; the digest shows the secret changed")
                .containsExactly(new FieldDiff("inputs.token", FieldDiff.Kind.CHANGED, Secrets.MASK, Secrets.MASK));
        List<String> fields = Diffs.between(null, after).stream().map(FieldDiff::field).toList();
        assertThat(fields.subList(fields.indexOf("actions.run.1"), fields.indexOf("actions.run.1") + 11))
                .containsExactly("actions.run.1", "actions.run.2", "actions.run.3", "actions.run.4", "actions.run.5",
                        "actions.run.6", "actions.run.7", "actions.run.8", "actions.run.9", "actions.run.10",
                        "actions.run.11");
        assertThat(Diffs.between(after, null)).allMatch(d -> d.kind() == FieldDiff.Kind.REMOVED)
                .filteredOn(d -> d.field().equals("inputs.token")).extracting(FieldDiff::oldValue)
                .containsExactly(Secrets.MASK);
    }

    @Test
    void aSnapshotRebuildsTheResourceItDescribes() {
        Resource original = api("s3cret");
        Resource rebuilt = Rebuilt.resource(Snapshots.of(original), Set.of("api"));
        assertThat(rebuilt.targets()).isEqualTo(original.targets());
        assertThat(rebuilt.actions().get("run").steps()).hasSize(11)
                .startsWith(new Step.Exec("start --token '******' --port 8080"),
                        new Step.Transfer("files/app.conf", "/etc/app/", "app:app", "0640"));
        assertThat(rebuilt.actions().get("run").retries()).isEqualTo(2);
        assertThat(rebuilt.actions().get("run").timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(rebuilt.waitFor()).as("database no longer exists").isEmpty();
        assertThat(rebuilt.inputs().get("db").isLink()).isFalse();
        assertThat(rebuilt.inputs().get("token").secret()).isTrue();
        assertThat(rebuilt.attributes()).containsEntry("type", "continuous");
        assertThat(Snapshots.of(rebuilt).fields()).containsAllEntriesOf(Map.of("targets", "web, db-1",
                "actions.run.1", "start --token '******' --port 8080", "attributes.type", "continuous"));
    }
}
