package dev.orrery.cli;

import dev.orrery.graph.HostPattern;
import picocli.CommandLine.Option;

/** {@code --limit PATTERN}: a host subset as Ansible writes it (one parser for every verb: {@link HostPattern}). */
final class LimitOption {
    @Option(names = "--limit", paramLabel = "PATTERN", description = {
            "Only hosts matching PATTERN: names and tags, globs (web-*), ',' or ':' lists,",
            "'!x' to leave x out, '&x' to keep only what is also x (as Ansible's --limit)."})
    String text;

    /** Every host when the option is absent. */
    HostPattern pattern() {
        return HostPattern.parseOrAll(text);
    }
}
