package dev.orrery.stage;

import dev.orrery.TestFiles;
import dev.orrery.load.LoadResult;
import dev.orrery.load.WorkspaceLoader;
import dev.orrery.model.Plan;
import dev.orrery.model.TaskState;
import dev.orrery.model.Workspace;
import dev.orrery.store.Store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A copy of samples/webstack in a temp folder that tests edit, load with the real loader, and "run". */
final class TestWorkspace {
    private final Path root;

    TestWorkspace(Path root) {
        this.root = root;
        TestFiles.copyTree(Path.of("samples", "webstack"), root);
    }

    Path root() {
        return root;
    }

    Workspace load() {
        LoadResult result = WorkspaceLoader.load(root);
        assertThat(result.problems()).isEmpty();
        return result.workspace().orElseThrow();
    }

    /** Replaces text in resources.yaml (the text must be there). */
    TestWorkspace edit(String from, String to) {
        Path file = root.resolve("resources.yaml");
        try {
            String text = Files.readString(file);
            assertThat(text).contains(from);
            Files.writeString(file, text.replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    TestWorkspace write(String name, String content) {
        try {
            Files.writeString(root.resolve(name), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** What a successful run does to the store: every task RUNNING then SUCCESS, then each change committed. */
    static void succeed(Store store, Plan plan) {
        Instant at = Instant.now();
        for (var task : plan.tasks()) {
            assertThat(store.tasks().transition(plan.uid(), task.id(), TaskState.PENDING, TaskState.RUNNING, null, at))
                    .isTrue();
            assertThat(store.tasks().transition(plan.uid(), task.id(), TaskState.RUNNING, TaskState.SUCCESS, null, at))
                    .isTrue();
        }
        for (var change : store.changes().ofPlan(plan.uid())) {
            var tasks = plan.tasks().stream().filter(t -> t.resource().equals(change.resource())).toList();
            assertThat(Commits.commit(store, plan, change, tasks, at)).isTrue();
        }
    }

    /** Every byte of the history folder, as text, to look for secrets in the files themselves. */
    String historyBytes() {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(root.resolve(".orrery"))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.toString();
    }
}
