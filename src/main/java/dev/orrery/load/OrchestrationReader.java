package dev.orrery.load;

import dev.orrery.load.Drafts.EntryDraft;
import dev.orrery.model.Action;
import dev.orrery.model.Resource;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.SourceRef;
import dev.orrery.model.Step;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a Directord orchestration file: a list of {@code {targets?, jobs: [VERB: value]}} entries. Each job
 * becomes a JOB resource named {@code <stem>.<entry>.<job>} (1-based). WORKDIR, ENV and ARG shape the
 * following jobs of their entry (workdir, env) and take part in their fingerprints. An entry with
 * {@code targets: []} or {@code jobs: []} is valid and does nothing.
 */
final class OrchestrationReader {
    static final List<String> VERBS = List.of("RUN", "WORKDIR", "ADD", "COPY", "ENV", "ARG");
    static final List<String> ENTRY_KEYS = List.of("targets", "jobs", "async");

    private OrchestrationReader() {
    }

    static List<EntryDraft> read(Diagnostics diagnostics, Path file, Path root, YamlNode.Sequence list) {
        String stem = stem(file);
        List<EntryDraft> entries = new ArrayList<>();
        int number = 0;
        for (YamlNode item : list.items()) {
            number++;
            SourceRef at = Fields.ref(file, item.mark());
            if (!(item instanceof YamlNode.Mapping mapping)) {
                diagnostics.add(at, "entry " + number + " of this orchestration must be a mapping with 'jobs' (and"
                        + " optionally 'targets'), not " + item.describe());
                continue;
            }
            Fields fields = new Fields(diagnostics, file, mapping, "entry " + number + " of this orchestration", ENTRY_KEYS);
            boolean async = fields.bool("async");
            List<Located> targets = fields.list("targets");
            if (!fields.has("jobs")) {
                diagnostics.add(at, "entry " + number + " of this orchestration has no 'jobs:'; add a list of"
                        + " `- VERB: value` (" + String.join(", ", VERBS) + ")");
            }
            List<Resource> jobs = new ArrayList<>();
            Optional<YamlNode> jobsNode = fields.node("jobs");
            if (jobsNode.isPresent() && jobsNode.get() instanceof YamlNode.Sequence sequence) {
                new EntryJobs(diagnostics, file, root, stem, number, async).read(sequence, jobs);
            } else if (jobsNode.isPresent() && !(jobsNode.get() instanceof YamlNode.Scalar s && s.isNull())) {
                fields.wrongType(jobsNode.get(), "'jobs' of entry " + number, "a list of `- VERB: value` items");
            }
            // `targets: []` names no host: the entry does nothing (its jobs are still checked). Without `targets`,
            // an entry runs everywhere.
            boolean nowhere = fields.has("targets") && targets.isEmpty();
            entries.add(new EntryDraft(at, targets, nowhere ? List.of() : jobs));
        }
        return entries;
    }

    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The jobs of one entry, read in order because each may change the context of the next. */
    private static final class EntryJobs {
        private final Diagnostics diagnostics;
        private final Path file;
        private final Path root;
        private final String stem;
        private final int entry;
        private final boolean async;
        private final List<String> context = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private String workdir;

        EntryJobs(Diagnostics diagnostics, Path file, Path root, String stem, int entry, boolean async) {
            this.diagnostics = diagnostics;
            this.file = file;
            this.root = root;
            this.stem = stem;
            this.entry = entry;
            this.async = async;
        }

        void read(YamlNode.Sequence sequence, List<Resource> into) {
            int index = 0;
            for (YamlNode item : sequence.items()) {
                index++;
                SourceRef at = Fields.ref(file, item.mark());
                if (!(item instanceof YamlNode.Mapping mapping) || mapping.entries().size() != 1) {
                    diagnostics.add(at, "job " + index + " of entry " + entry + " must be one `VERB: value` pair,"
                            + " such as `- RUN: echo hello`");
                    continue;
                }
                YamlNode.Entry job = mapping.entries().get(0);
                SourceRef verbAt = Fields.ref(file, job.keyMark());
                String verb = job.key().toUpperCase(Locale.ROOT);
                if (!VERBS.contains(verb)) {
                    String guess = Suggestions.inParens(verb, VERBS);
                    diagnostics.add(verbAt, "unsupported verb '" + job.key() + "'" + guess + "; Orrery supports "
                            + String.join(", ", VERBS));
                    continue;
                }
                if (!(job.value() instanceof YamlNode.Scalar scalar) || scalar.isNull()) {
                    diagnostics.add(Fields.ref(file, job.value().mark()), verb + " of job " + index + " of entry " + entry
                            + " needs a value on the same line, such as `" + verb + ": " + example(verb) + "`");
                    continue;
                }
                job(verb, scalar.text().strip(), index, verbAt).ifPresent(into::add);
            }
        }

        private Optional<Resource> job(String verb, String value, int index, SourceRef at) {
            String fingerprint = fingerprint(verb, value);
            List<Step> steps = new ArrayList<>();
            Map<String, String> jobEnv = new LinkedHashMap<>(env);
            String jobWorkdir = workdir;
            switch (verb) {
                case "RUN" -> steps.add(new Step.Exec(value));
                case "WORKDIR" -> {
                    if (value.startsWith("/")) {
                        // made from "/", which the transport maps like any workdir (a sandbox host's is its folder)
                        String below = value.replaceFirst("^/+", "");
                        steps.add(new Step.Exec("mkdir -p " + ShellQuote.quote(below.isEmpty() ? "." : below)));
                        jobWorkdir = "/";
                    } else {
                        steps.add(new Step.Exec("mkdir -p " + ShellQuote.quote(value)));
                    }
                    workdir = value;
                }
                case "ENV", "ARG" -> {
                    Map<String, String> vars = verb.equals("ENV") ? EnvLine.parseEnv(value) : EnvLine.parseArg(value);
                    if (vars.isEmpty()) {
                        diagnostics.add(at, verb + " '" + value + "' must be NAME=value" + (verb.equals("ENV")
                                ? " (or NAME value)" : " (or NAME)") + " with a name of letters, digits and '_'");
                        return Optional.empty();
                    }
                    env.putAll(vars);
                    steps.add(new Step.Exec("true"));
                }
                default -> {
                    if (!transfers(verb, value, at, steps)) {
                        return Optional.empty();
                    }
                }
            }
            if (verb.equals("WORKDIR") || verb.equals("ENV") || verb.equals("ARG")) {
                context.add(verb + " " + value);
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("verb", verb);
            attributes.put("value", value);
            attributes.put("entry", Integer.toString(entry));
            attributes.put("index", Integer.toString(index));
            attributes.put("fingerprint", fingerprint);
            if (async) {
                attributes.put("async", "true");
            }
            String name = stem + "." + entry + "." + index;
            Action action = new Action(verb.toLowerCase(Locale.ROOT), steps, 0, null, at);
            return Optional.of(new Resource(name, ResourceKind.JOB, List.of(), Set.of(), Map.of(),
                    Map.of(action.name(), action), List.of(), jobEnv, jobWorkdir, attributes, at));
        }

        /** sha256 of the verb, value and preceding WORKDIR/ENV/ARG context of the entry, first 12 hex. */
        private String fingerprint(String verb, String value) {
            StringBuilder text = new StringBuilder();
            context.forEach(line -> text.append(line).append('\n'));
            text.append(verb).append(' ').append(value);
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(digest).substring(0, 12);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }

        /** ADD/COPY [--chown=user:group] [--chmod=0640] SRC... DEST → one transfer per source. */
        private boolean transfers(String verb, String value, SourceRef at, List<Step> steps) {
            String owner = null;
            String mode = null;
            List<String> paths = new ArrayList<>();
            for (String word : value.split("\\s+")) {
                if (word.startsWith("--chown=")) {
                    owner = word.substring("--chown=".length());
                } else if (word.startsWith("--chmod=")) {
                    mode = word.substring("--chmod=".length());
                    if (!mode.matches("0?[0-7]{3}")) {
                        diagnostics.add(at, verb + " --chmod='" + mode + "' must be octal such as 0640");
                        return false;
                    }
                } else if (word.startsWith("--")) {
                    diagnostics.add(at, verb + " option '" + word + "' is not supported; use --chown=user:group or"
                            + " --chmod=0640");
                    return false;
                } else {
                    paths.add(word);
                }
            }
            if (paths.size() < 2 || owner != null && owner.isEmpty()) {
                diagnostics.add(at, verb + " needs a source and a destination, such as `" + verb + ": "
                        + example(verb) + "`");
                return false;
            }
            if (owner != null && !Names.isValidOwner(owner)) {
                diagnostics.add(at, verb + " --chown='" + owner + "' " + Names.OWNER_RULE);
                return false;
            }
            String destination = paths.get(paths.size() - 1);
            // a relative destination starts at the job's workdir (the transport resolves it, as a Dockerfile does)
            for (String source : paths.subList(0, paths.size() - 1)) {
                String local = LocalPaths.relativeToRoot(root, file.getParent(), source);
                if (LocalPaths.matchesNothing(root, local)) {
                    diagnostics.add(at, verb + " source '" + source + "' " + (LocalPaths.isGlob(source)
                            ? "matches no file" : "does not exist") + " (relative paths start at the folder of this file)");
                    return false;
                }
                steps.add(new Step.Transfer(local, destination, owner, mode));
            }
            return true;
        }

        private static String example(String verb) {
            return switch (verb) {
                case "WORKDIR" -> "app";
                case "ADD", "COPY" -> "--chown=app:app files/app.conf app/";
                case "ENV" -> "MODE=production";
                case "ARG" -> "VERSION=1.0";
                default -> "echo hello";
            };
        }
    }
}
