package dev.orrery.cli;

import dev.orrery.model.Release;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code orrery releases [--env E]}: completed deployments with their metadata. */
@Command(name = "releases", description = "List releases (plans that completed) with their metadata, newest first.")
final class ReleasesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--env", paramLabel = "ENV", description = "Only releases of this environment.")
    String environment;

    @Override
    public Integer call() {
        OrreryCommand root = OrreryCommand.of(spec);
        List<Release> releases = root.orrery().releases(environment);
        if (releases.isEmpty()) {
            root.out().println(environment == null ? "No releases yet." : "No releases for " + environment + " yet.");
            return ExitCodes.OK;
        }
        Formats.Table table = new Formats.Table("ID", "AT", "ENV", "PLAN", "DEPLOYED", "SUMMARY");
        for (Release r : releases) {
            table.row(r.id(), Formats.dateTime(r.at()), r.environment() == null || r.environment().isEmpty() ? "-" : r.environment(),
                    Formats.shortUid(r.planUid()), r.deployedFingerprint(), r.summary());
        }
        table.print(root.out());
        return ExitCodes.OK;
    }
}
