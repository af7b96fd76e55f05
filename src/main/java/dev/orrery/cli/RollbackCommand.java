package dev.orrery.cli;

import dev.orrery.Orrery;
import dev.orrery.model.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code orrery rollback [RELEASE] [--env E] [-t TAG] [-r RESOURCE]}: the way back to a release, as a plan; prints
 * its uid (and, without a release id, which release it goes back to on stderr, so scripts still read one uid).
 */
@Command(name = "rollback", description = {"Plan the way back from what is deployed now to a release; prints the plan uid.",
        "Without RELEASE: the previous release of the environment (the newest that differs from what is deployed).",
        "-t / -r roll back only part (one module); the rest stays as deployed. Run it with 'orrery orch run-once last'."})
final class RollbackCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RELEASE", arity = "0..1", description = "Release id (see 'orrery releases'); default: the previous one.")
    Long release;

    @Option(names = "--env", paramLabel = "ENV", description = "Environment to roll back (default: the release's; without RELEASE, the default environment).")
    String environment;

    @Option(names = {"-t", "--tag"}, paramLabel = "TAG", description = "Roll back only what carries this tag (repeatable).")
    List<String> tags = new ArrayList<>();

    @Option(names = {"-r", "--resource"}, paramLabel = "RESOURCE", description = "Roll back only this resource.")
    String resource;

    @Override
    public Integer call() {
        OrreryCommand root = OrreryCommand.of(spec);
        Orrery orrery = root.orrery();
        Set<String> tagSet = Set.copyOf(tags);
        long id;
        if (release == null) {
            id = orrery.previousRelease(environment, tagSet, resource);
            root.err().println("Rolling back to release " + id + ", the newest that differs from what is deployed");
        } else {
            id = release;
        }
        Plan plan = orrery.rollback(id, environment, tagSet, resource);
        root.out().println(plan.uid());
        return ExitCodes.OK;
    }
}
