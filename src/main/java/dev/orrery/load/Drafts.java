package dev.orrery.load;

import dev.orrery.model.Host;
import dev.orrery.model.Resource;
import dev.orrery.model.SourceRef;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What each file says before the workspace is put together: names and references are still text with
 * their places, because they can only be checked once every file has been read.
 */
final class Drafts {
    private Drafts() {
    }

    /** Everything one file contributes. */
    record FileDraft(Path file, List<Host> hosts, List<ResourceDraft> resources, List<ComponentDraft> components,
                     List<EntryDraft> orchestration, List<Located> environments) {
        FileDraft {
            environments = List.copyOf(environments);
            hosts = List.copyOf(hosts);
            resources = List.copyOf(resources);
            components = List.copyOf(components);
            orchestration = List.copyOf(orchestration);
        }
    }

    /** A native resource. {@code dir} is the folder of its file (copy sources are relative to it). */
    record ResourceDraft(String name, SourceRef at, Path dir, List<Located> targets, Set<String> tags,
                         List<InputDraft> inputs, List<ActionDraft> actions, List<Located> waitFor,
                         Map<String, Located> env, Located workdir) {
    }

    /** A literal value ({@code link} null) or a link {@code resource.input}. */
    record InputDraft(String name, SourceRef at, String value, Located link, boolean secret) {
    }

    record ActionDraft(String name, SourceRef at, List<StepDraft> steps, int retries, Duration timeout) {
    }

    sealed interface StepDraft permits RunDraft, CopyDraft {
        SourceRef at();
    }

    record RunDraft(String command, SourceRef at) implements StepDraft {
    }

    record CopyDraft(Located source, Located destination, Located owner, Located mode, SourceRef at) implements StepDraft {
    }

    /** A Toolforge component. {@code repository} is a URL or a folder relative to {@code dir}. */
    record ComponentDraft(String name, SourceRef at, Path dir, String type, String description,
                          Optional<Located> repository, Optional<Located> reuseFrom, String command, String schedule,
                          List<Located> waitFor) {
    }

    /** One entry of a Directord orchestration; its jobs are already resources apart from their targets. */
    record EntryDraft(SourceRef at, List<Located> targets, List<Resource> jobs) {
    }
}
