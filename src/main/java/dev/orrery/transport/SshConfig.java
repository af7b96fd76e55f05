package dev.orrery.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code ~/.ssh/config} read the way OpenSSH reads it, so that a host reached with {@code ssh web-1} is reached
 * the same way by Orrery: {@code Include} (globs, relative to {@code ~/.ssh}, conditional inside a block),
 * {@code Host} patterns with {@code *}, {@code ?} and {@code !} negation, {@code Match host / originalhost /
 * user / localuser / all / final}, and the first value obtained for a keyword wins (lists such as
 * {@code IdentityFile} accumulate). MINA's own reader knows neither {@code Include} nor {@code Match}
 * (decision 0035). {@code SshConfigInteropTest} compares the result with {@code ssh -G}.
 */
final class SshConfig {
    /** Keywords whose every occurrence counts, in order, instead of the first one only. */
    private static final Set<String> LISTS = Set.of("identityfile", "certificatefile", "localforward",
            "remoteforward", "dynamicforward", "sendenv", "setenv");
    private static final int MAX_INCLUDE_DEPTH = 16;

    private final Path file;
    private final Path userHome;
    private final String localUser;

    SshConfig(Path file, Path userHome, String localUser) {
        this.file = file;
        this.userHome = userHome;
        this.localUser = localUser;
    }

    /** The options that apply to {@code host} (the name as typed after {@code ssh}), by lower-case keyword. */
    Options resolve(String host) throws TransportException {
        Options options = new Options(host);
        if (!Files.isRegularFile(file)) {
            return options;
        }
        Pass first = new Pass(options, host, false);
        first.read(file, 0);
        if (first.wantsFinalPass) {
            // OpenSSH re-reads the files once the host name is known; Host lines then see that name
            options.finalHostName = options.hostName();
            new Pass(options, options.finalHostName, true).read(file, 0);
        }
        return options;
    }

    /** One read of the files, as OpenSSH's {@code process_config_files}. */
    private final class Pass {
        private final Options options;
        private final String hostForHostLines;
        private final boolean finalPass;
        private boolean wantsFinalPass;

        Pass(Options options, String hostForHostLines, boolean finalPass) {
            this.options = options;
            this.hostForHostLines = hostForHostLines;
            this.finalPass = finalPass;
        }

        void read(Path path, int depth) throws TransportException {
            List<String> lines;
            try {
                lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new TransportException("cannot read " + path + ": " + e.getMessage(), e);
            }
            boolean active = true;
            for (int i = 0; i < lines.size(); i++) {
                String where = path + ":" + (i + 1);
                List<String> words = words(lines.get(i), where);
                if (words.isEmpty()) {
                    continue;
                }
                String keyword = words.get(0).toLowerCase(Locale.ROOT);
                List<String> args = words.subList(1, words.size());
                switch (keyword) {
                    case "host" -> active = hostMatches(args);
                    case "match" -> active = matchLine(args, where);
                    case "include" -> {
                        if (active) {
                            include(args, depth, where);
                        }
                    }
                    default -> {
                        if (active) {
                            options.offer(keyword, args.isEmpty() ? "" : String.join(" ", args));
                        }
                    }
                }
            }
        }

        private void include(List<String> patterns, int depth, String where) throws TransportException {
            if (depth >= MAX_INCLUDE_DEPTH) {
                throw new TransportException(where + ": Include nested more than " + MAX_INCLUDE_DEPTH + " deep");
            }
            for (String pattern : patterns) {
                for (Path included : glob(expandTilde(pattern))) {
                    read(included, depth + 1);
                }
            }
        }

        private boolean hostMatches(List<String> patterns) {
            boolean matched = false;
            for (String pattern : patterns) {
                if (pattern.startsWith("!")) {
                    if (wildcard(pattern.substring(1), hostForHostLines)) {
                        return false;
                    }
                } else if (wildcard(pattern, hostForHostLines)) {
                    matched = true;
                }
            }
            return matched;
        }

        private boolean matchLine(List<String> args, String where) throws TransportException {
            boolean result = true;
            for (int i = 0; i < args.size(); i++) {
                String criterion = args.get(i).toLowerCase(Locale.ROOT);
                boolean negated = criterion.startsWith("!");
                if (negated) {
                    criterion = criterion.substring(1);
                }
                boolean matched;
                switch (criterion) {
                    case "all" -> matched = true;
                    case "final", "canonical" -> {
                        if (criterion.equals("final")) {
                            wantsFinalPass = true;
                        }
                        matched = finalPass;
                    }
                    case "host", "originalhost", "user", "localuser" -> {
                        if (i + 1 >= args.size()) {
                            throw new TransportException(where + ": Match " + criterion + " needs a pattern list");
                        }
                        String list = args.get(++i);
                        String subject = subject(criterion);
                        // host names compare without case (OpenSSH's match_hostname), user names with case
                        matched = criterion.endsWith("host")
                                ? patternList(list.toLowerCase(Locale.ROOT), subject.toLowerCase(Locale.ROOT))
                                : patternList(list, subject);
                    }
                    default -> throw new TransportException(where + ": Match " + criterion
                            + " is not supported by Orrery (supported: all, final, host, originalhost, user, localuser)");
                }
                if (matched == negated) {
                    result = false;
                }
            }
            return result;
        }

        private String subject(String criterion) {
            return switch (criterion) {
                case "host" -> options.expandedHostName();
                case "originalhost" -> options.originalHost;
                case "user" -> options.first("user") != null ? options.first("user") : localUser;
                default -> localUser;
            };
        }
    }

    /** The keywords obtained for one host; values are as written (tokens such as {@code %h} not expanded). */
    static final class Options {
        private final String originalHost;
        private final Map<String, List<String>> values = new LinkedHashMap<>();
        private String finalHostName;

        Options(String originalHost) {
            this.originalHost = originalHost;
        }

        private void offer(String keyword, String value) {
            if ((keyword.equals("proxyjump") || keyword.equals("proxycommand"))
                    && (first("proxyjump") != null || first("proxycommand") != null)) {
                return; // whichever of the two comes first wins, as ssh_config(5) says
            }
            List<String> list = values.computeIfAbsent(keyword, k -> new ArrayList<>());
            if (list.isEmpty() || LISTS.contains(keyword)) {
                list.add(value);
            }
        }

        /** The first value of a keyword (lower case), or null. */
        String first(String keyword) {
            List<String> list = values.get(keyword);
            return list == null || list.isEmpty() ? null : list.get(0);
        }

        /** Every value of a list keyword such as {@code identityfile}, in order. */
        List<String> all(String keyword) {
            return List.copyOf(values.getOrDefault(keyword, List.of()));
        }

        /** The name OpenSSH connects to: {@code HostName} with {@code %h} replaced (else the host), lower case. */
        String hostName() {
            return finalHostName != null ? finalHostName : expandedHostName().toLowerCase(Locale.ROOT);
        }

        /** What {@code Match host} compares with while the files are read: not lower-cased yet. */
        private String expandedHostName() {
            if (finalHostName != null) {
                return finalHostName;
            }
            String configured = first("hostname");
            return configured == null ? originalHost
                    : configured.replace("%%", "\u0000").replace("%h", originalHost).replace("\u0000", "%");
        }
    }

    /** ssh_config's words: {@code Keyword value}, {@code Keyword=value}, double quotes, {@code #} comments. */
    static List<String> words(String line, String where) throws TransportException {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        String text = line.strip();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    quoted = false;
                } else {
                    word.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                inWord = true;
            } else if (c == '#' && !inWord) {
                break;
            } else if (Character.isWhitespace(c) || (c == '=' && words.isEmpty())) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quoted) {
            throw new TransportException(where + ": unterminated quote");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** A comma-separated list where any {@code !pattern} that matches vetoes, as OpenSSH's match_pattern_list. */
    static boolean patternList(String list, String subject) {
        boolean matched = false;
        for (String pattern : list.split(",")) {
            if (pattern.startsWith("!")) {
                if (wildcard(pattern.substring(1), subject)) {
                    return false;
                }
            } else if (wildcard(pattern, subject)) {
                matched = true;
            }
        }
        return matched;
    }

    /** {@code *} any run of characters, {@code ?} one character; case-sensitive, as OpenSSH's match_pattern. */
    static boolean wildcard(String pattern, String subject) {
        int p = 0;
        int s = 0;
        int star = -1;
        int mark = 0;
        while (s < subject.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == subject.charAt(s))) {
                p++;
                s++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = s;
            } else if (star >= 0) {
                p = star + 1;
                s = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private String expandTilde(String path) {
        if (path.equals("~") || path.startsWith("~/")) {
            return userHome + path.substring(1);
        }
        return path;
    }

    /** Files an Include names, sorted as glob(3) returns them; relative paths start in {@code ~/.ssh}. */
    private List<Path> glob(String pattern) throws TransportException {
        Path path = Path.of(pattern);
        if (!path.isAbsolute()) {
            path = userHome.resolve(".ssh").resolve(path);
        }
        Path folder = path.getParent();
        String name = path.getFileName().toString();
        if (!name.contains("*") && !name.contains("?") && !name.contains("[")) {
            return Files.isRegularFile(path) ? List.of(path) : List.of();
        }
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + name);
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                if (matcher.matches(entry.getFileName()) && Files.isRegularFile(entry)) {
                    found.add(entry);
                }
            }
        } catch (IOException e) {
            throw new TransportException("cannot list " + folder + " for Include " + pattern + ": " + e.getMessage(), e);
        }
        found.sort(null);
        return found;
    }
}
