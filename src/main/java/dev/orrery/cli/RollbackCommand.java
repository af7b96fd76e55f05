package dev.orrery.cli;

import dev.orrery.model.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code orrery rollback <release> [--env E]}: the way back to a release, as a plan (seed 003); prints its uid. */
@Command(name = "rollback", description = {"Plan the way back from what is deployed now to a release; prints the plan uid.",
        "Run it with 'orrery orch run-once last'."})
final class RollbackCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RELEASE", description = "Release id (see 'orrery releases').")
    long release;

    @Option(names = "--env", paramLabel = "ENV", description = "Environment to roll back (default: the release's).")
    String environment;

    @Override
    public Integer call() {
        OrreryCommand root = OrreryCommand.of(spec);
        Plan plan = root.orrery().rollback(release, environment);
        root.out().println(plan.uid());
        return ExitCodes.OK;
    }
}
