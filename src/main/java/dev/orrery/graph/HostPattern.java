package dev.orrery.graph;

import dev.orrery.model.Host;
import dev.orrery.model.Task;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A host subset as Ansible's {@code --limit} writes it: terms separated by {@code ,} (or {@code :}), each a host
 * name or a tag (Ansible's group), a glob ({@code web-*}, {@code db-?}), {@code ~regex}, or {@code all} / {@code *}.
 * A term prefixed with {@code &} must also match (intersection), with {@code !} must not (exclusion). As in
 * Ansible the order of the terms does not matter: a host is selected when it matches one plain term (or there is
 * no plain term), every {@code &} term and no {@code !} term. A term matches a host when it matches the host's
 * name or one of its tags. Ranges ({@code web[1:3]}) are not supported.
 *
 * <p>The one home of the limit rule: planning ({@link HostSelection}), staging and the run verbs all ask
 * {@link #keeps(Task)} / {@link #matches(Host)}. Immutable and thread-safe.
 */
public final class HostPattern {
    /** The reason recorded on a task a limited run leaves out. */
    public static final String OUTSIDE = "outside --limit";

    private static final HostPattern ALL = new HostPattern("all", List.of(Term.parse("all")), List.of(), List.of());

    private final String text;
    private final List<Term> include;
    private final List<Term> intersect;
    private final List<Term> exclude;

    private HostPattern(String text, List<Term> include, List<Term> intersect, List<Term> exclude) {
        this.text = text;
        this.include = List.copyOf(include);
        this.intersect = List.copyOf(intersect);
        this.exclude = List.copyOf(exclude);
    }

    /** Every host. */
    public static HostPattern all() {
        return ALL;
    }

    /**
     * Parses a pattern.
     *
     * @throws IllegalArgumentException with a one-line message naming the bad term
     */
    public static HostPattern parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("--limit needs a pattern: host names, tags or globs such as web-*");
        }
        List<Term> include = new ArrayList<>();
        List<Term> intersect = new ArrayList<>();
        List<Term> exclude = new ArrayList<>();
        for (String raw : splitTerms(text)) {
            String term = raw.strip();
            if (term.isEmpty()) {
                continue;
            }
            char first = term.charAt(0);
            List<Term> into = first == '!' ? exclude : first == '&' ? intersect : include;
            String body = first == '!' || first == '&' ? term.substring(1).strip() : term;
            if (body.isEmpty()) {
                throw new IllegalArgumentException("--limit '" + text + "': '" + first
                        + "' must be followed by a host, tag or glob");
            }
            into.add(Term.parse(body));
        }
        if (include.isEmpty() && intersect.isEmpty() && exclude.isEmpty()) {
            throw new IllegalArgumentException("--limit '" + text + "' names no host, tag or glob");
        }
        return new HostPattern(text.strip(), include, intersect, exclude);
    }

    /** Null or blank: every host; otherwise {@link #parse}. */
    public static HostPattern parseOrAll(String text) {
        return text == null || text.isBlank() ? ALL : parse(text);
    }

    /** Terms split at {@code ,} and at {@code :} outside a {@code ~regex} term (Ansible's separators). */
    private static List<String> splitTerms(String text) {
        List<String> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String stripped = part.strip();
            String body = stripped.startsWith("!") || stripped.startsWith("&") ? stripped.substring(1).strip() : stripped;
            if (body.startsWith("~")) {
                out.add(part); // a regex may contain ':'
            } else {
                out.addAll(List.of(part.split(":")));
            }
        }
        return out;
    }

    public boolean isAll() {
        return this == ALL || (intersect.isEmpty() && exclude.isEmpty() && include.stream().anyMatch(Term::everything));
    }

    public boolean matches(Host host) {
        boolean included = include.isEmpty() || include.stream().anyMatch(t -> t.matches(host));
        return included && intersect.stream().allMatch(t -> t.matches(host))
                && exclude.stream().noneMatch(t -> t.matches(host));
    }

    /**
     * True when the limit lets the task run. A component's {@code build} task is kept whatever the limit: it runs
     * on the shared build host for the deploys that are inside the limit (as the environment leaves it in too).
     */
    public boolean keeps(Task task, Host host) {
        if (task.kind() == dev.orrery.model.ResourceKind.COMPONENT && Dependencies.BUILD.equals(task.action())) {
            return true;
        }
        return host == null ? isAll() : matches(host);
    }

    /** The hosts of {@code hosts} the pattern selects, in their order. */
    public List<Host> select(Collection<Host> hosts) {
        if (isAll()) {
            return List.copyOf(hosts);
        }
        return hosts.stream().filter(this::matches).toList();
    }

    /**
     * What is wrong with the pattern for these hosts: a plain name (no glob, no regex) that is neither a host nor
     * a tag (a typo), or a pattern that selects no host at all. Empty when the pattern is fine.
     */
    public Optional<String> problem(Collection<Host> hosts) {
        TreeSet<String> names = new TreeSet<>();
        TreeSet<String> tags = new TreeSet<>();
        for (Host h : hosts) {
            names.add(h.name());
            tags.addAll(h.tags());
        }
        List<Term> all = new ArrayList<>(include);
        all.addAll(intersect);
        all.addAll(exclude);
        for (Term term : all) {
            if (term.literal() && !term.everything() && !names.contains(term.text()) && !tags.contains(term.text())) {
                return Optional.of("--limit '" + text + "': no host or tag is named '" + term.text() + "' (hosts: "
                        + String.join(", ", names) + (tags.isEmpty() ? "" : "; tags: " + String.join(", ", tags)) + ")");
            }
        }
        if (select(hosts).isEmpty()) {
            return Optional.of("--limit '" + text + "' matches no host" + (hosts.isEmpty() ? " (there are none)" : ""));
        }
        return Optional.empty();
    }

    /** The hosts selected, after checking the pattern against them ({@link #problem}). */
    public List<Host> require(Collection<Host> hosts) {
        problem(hosts).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        return select(hosts);
    }

    /** The pattern as written. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    /** One term: a literal name, a glob or a regex. */
    private record Term(String text, boolean literal, boolean everything, Pattern regex) {
        static Term parse(String body) {
            if (body.equals("all") || body.equals("*")) {
                return new Term(body, true, true, null);
            }
            if (body.startsWith("~")) {
                try {
                    return new Term(body, false, false, Pattern.compile(body.substring(1)));
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("--limit: '" + body + "' is not a valid regular expression: "
                            + e.getDescription());
                }
            }
            if (body.indexOf('*') >= 0 || body.indexOf('?') >= 0 || body.indexOf('[') >= 0) {
                return new Term(body, false, false, Pattern.compile(globToRegex(body)));
            }
            return new Term(body, true, false, null);
        }

        boolean matches(Host host) {
            if (everything) {
                return true;
            }
            if (regex == null) {
                return host.name().equals(text) || host.tags().contains(text);
            }
            if (regex.matcher(host.name()).matches()) {
                return true;
            }
            for (String tag : host.tags()) {
                if (regex.matcher(tag).matches()) {
                    return true;
                }
            }
            return false;
        }

        private static String globToRegex(String glob) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < glob.length(); i++) {
                char c = glob.charAt(i);
                switch (c) {
                    case '*' -> out.append(".*");
                    case '?' -> out.append('.');
                    case '[' -> {
                        int end = glob.indexOf(']', i + 1);
                        if (end < 0) {
                            throw new IllegalArgumentException("--limit: '" + glob + "' has a '[' without ']'");
                        }
                        String set = glob.substring(i + 1, end).replace("\\", "\\\\");
                        out.append('[').append(set.startsWith("!") ? "^" + set.substring(1) : set).append(']');
                        i = end;
                    }
                    default -> out.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return out.toString();
        }
    }
}
