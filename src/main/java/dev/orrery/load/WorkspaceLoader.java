package dev.orrery.load;

import dev.orrery.load.Drafts.FileDraft;
import dev.orrery.model.Resource;
import dev.orrery.model.Workspace;
import dev.orrery.model.Workspace.FileKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads a workspace folder: every {@code *.yaml}/{@code *.yml} file below it (hidden folders and
 * {@code .orrery/} skipped), each recognised by its content as an inventory, resources, component (Toolforge)
 * or orchestration (Directord) file, validated as a whole, and turned into a {@link Workspace}. Every problem
 * is reported at once with file, line and column. Loading only reads: nothing is ever written.
 *
 * <p>Stateless and thread safe. Time is linear in the size of the files plus O(V + E) for the cycle check.
 * Paths in problems and sources are {@code root.resolve(relative path)}, so they read as the caller wrote
 * the root.
 */
public final class WorkspaceLoader {
    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceLoader.class);

    private WorkspaceLoader() {
    }

    /** Loads every YAML file of {@code root}. */
    public static LoadResult load(Path root) {
        return load(root, null);
    }

    /**
     * Loads the inventory files of {@code root} plus {@code onlyFile} (for {@code deploy FILE} and
     * {@code orchestrate FILE}); other files of the folder are neither used nor validated.
     *
     * @param onlyFile a file inside or outside {@code root}; null means every file of the folder
     */
    public static LoadResult load(Path root, Path onlyFile) {
        Diagnostics diagnostics = new Diagnostics();
        if (!Files.isDirectory(root)) {
            return new LoadResult(Optional.empty(), List.of(new Problem(root, 1, 1,
                    "workspace folder '" + root + "' does not exist or is not a folder")));
        }
        List<Path> paths = yamlFiles(root, diagnostics);
        Path only = null;
        if (onlyFile != null) {
            only = onlyFile.isAbsolute() || Files.exists(onlyFile) ? onlyFile : root.resolve(onlyFile);
            if (!Files.isRegularFile(only)) {
                return new LoadResult(Optional.empty(), List.of(new Problem(onlyFile, 1, 1,
                        "file '" + onlyFile + "' does not exist")));
            }
            Path absoluteRoot = root.toAbsolutePath().normalize();
            Path absoluteOnly = only.toAbsolutePath().normalize();
            if (absoluteOnly.startsWith(absoluteRoot)) {
                only = root.resolve(absoluteRoot.relativize(absoluteOnly).toString()); // same form as the others
            }
        }
        List<FileJob> jobs = new ArrayList<>();
        for (Path path : paths) {
            if (only == null || !sameFile(path, only)) {
                jobs.add(new FileJob(path, only != null));
            }
        }
        if (only != null) {
            jobs.add(new FileJob(only, false));
        }
        // Files are read, parsed and drafted independently, so a workspace of several files uses every core;
        // the results are merged in path order, so problems and resources come out the same either way.
        List<FileRead> reads = (jobs.size() > 1 ? jobs.parallelStream() : jobs.stream())
                .map(job -> readFile(root, job.path(), job.inventoryOnly())).toList();
        Map<Path, FileKind> kinds = new LinkedHashMap<>();
        Map<Path, String> digests = new LinkedHashMap<>();
        List<FileDraft> drafts = new ArrayList<>();
        for (FileRead read : reads) {
            diagnostics.addAll(read.problems());
            if (read.digest() != null) {
                digests.put(read.path(), read.digest());
            }
            if (read.draft() != null) {
                kinds.put(read.path(), read.kind());
                drafts.add(read.draft());
            }
        }
        Assembler assembler = new Assembler(root, diagnostics, drafts);
        List<Resource> resources = assembler.assemble();
        if (!diagnostics.isEmpty()) {
            List<Problem> problems = diagnostics.sorted();
            LOG.debug("workspace {} has {} problem(s)", root, problems.size());
            return new LoadResult(Optional.empty(), problems, digests, diagnostics.warnings());
        }
        Workspace workspace = assembler.workspace(resources, kinds);
        LOG.debug("loaded workspace {}: {} host(s), {} resource(s)", root, workspace.hosts().size(),
                workspace.resources().size());
        return new LoadResult(Optional.of(workspace), List.of(), digests, diagnostics.warnings());
    }

    private record FileJob(Path path, boolean inventoryOnly) {
    }

    /** What one file gave: its digest (null if unreadable), its kind and draft (null if not ours), its problems. */
    private record FileRead(Path path, String digest, FileKind kind, FileDraft draft, List<Problem> problems) {
    }

    /**
     * Reads, parses and drafts one file. With {@code inventoryOnly}, files that are not inventories are left
     * out silently (their problems are not this load's business). Touches nothing shared: runs in parallel.
     */
    private static FileRead readFile(Path root, Path path, boolean inventoryOnly) {
        Diagnostics diagnostics = new Diagnostics();
        String text;
        String digest;
        try {
            long size = Files.size(path);
            if (size > YamlReader.MAX_FILE_BYTES) {
                diagnostics.add(path, new YamlNode.Mark(1, 1, 0), YamlReader.tooLarge(size));
                return new FileRead(path, null, null, null, diagnostics.all());
            }
            byte[] bytes = Files.readAllBytes(path);
            text = decode(bytes);
            digest = digest(bytes);
        } catch (CharacterCodingException e) {
            if (!inventoryOnly) {
                diagnostics.add(path, new YamlNode.Mark(1, 1, 0), "this file is not UTF-8 text; save it as UTF-8");
            }
            return new FileRead(path, null, null, null, diagnostics.all());
        } catch (IOException e) {
            diagnostics.add(path, new YamlNode.Mark(1, 1, 0), "cannot read this file: " + e.getMessage());
            return new FileRead(path, null, null, null, diagnostics.all());
        }
        YamlReader.Parsed parsed = YamlReader.parse(path, text);
        if (parsed.root().isEmpty()) {
            return new FileRead(path, digest, null, null, inventoryOnly ? List.of() : parsed.problems());
        }
        YamlNode rootNode = parsed.root().get();
        Optional<FileKind> kind = FileKinds.detect(rootNode);
        if (inventoryOnly && kind.filter(k -> k == FileKind.INVENTORY).isEmpty()) {
            return new FileRead(path, digest, null, null, List.of());
        }
        diagnostics.addAll(parsed.problems());
        if (kind.isEmpty()) {
            // a near miss (`resource:`, `hots:`) is a typo worth reporting; other YAML (CI files, compose
            // files...) simply is not ours
            Optional<String> nearMiss = nearMiss(rootNode);
            if (nearMiss.isPresent()) {
                diagnostics.add(path, rootNode.mark(), unrecognised(nearMiss.get()));
            } else {
                LOG.info("ignoring {}: not an inventory, resources, component or orchestration file", path);
            }
            return new FileRead(path, digest, null, null, diagnostics.all());
        }
        FileDraft draft = draft(root, path, kind.get(), rootNode, diagnostics);
        return new FileRead(path, digest, kind.get(), draft, diagnostics.all());
    }

    private static FileDraft draft(Path root, Path path, FileKind kind, YamlNode node, Diagnostics diagnostics) {
        List<dev.orrery.model.Host> hosts = List.of();
        List<Located> environments = List.of();
        List<Drafts.ResourceDraft> resources = List.of();
        List<Drafts.ComponentDraft> components = List.of();
        List<Drafts.EntryDraft> entries = List.of();
        switch (kind) {
            case INVENTORY -> {
                InventoryReader.Inventory inventory = InventoryReader.read(diagnostics, path, (YamlNode.Mapping) node);
                hosts = inventory.hosts();
                environments = inventory.environments();
            }
            case RESOURCES -> resources = ResourcesReader.read(diagnostics, path, (YamlNode.Mapping) node);
            case COMPONENTS -> components = ComponentsReader.read(diagnostics, path, (YamlNode.Mapping) node);
            case ORCHESTRATION -> entries = OrchestrationReader.read(diagnostics, path, root, (YamlNode.Sequence) node);
        }
        return new FileDraft(path, hosts, resources, components, entries, environments);
    }

    private static Optional<String> nearMiss(YamlNode node) {
        if (node instanceof YamlNode.Mapping mapping) {
            for (YamlNode.Entry entry : mapping.entries()) {
                Optional<String> marker = Suggestions.nearest(entry.key(), FileKinds.MARKERS);
                if (marker.isPresent()) {
                    return Optional.of(entry.key() + "' → '" + marker.get());
                }
            }
        }
        return Optional.empty();
    }

    private static String unrecognised(String nearMiss) {
        String[] words = nearMiss.split("' → '");
        return "this file is not recognised as an Orrery file: did you mean '" + words[1] + "' instead of '"
                + words[0] + "'? (an inventory starts with `hosts:`, a resources file with `resources:`, a component"
                + " file with `config-version: 0.1` and `components:`, an orchestration is a list of"
                + " `- targets: [...]` / `jobs: [...]` entries)";
    }

    /** sha256 of a file's bytes as hex, the way {@link LoadResult#digests()} records them. */
    public static String digest(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String decode(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    }

    private static boolean sameFile(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /**
     * Every *.yaml / *.yml below root, sorted by path; hidden folders and .orrery are skipped. Symbolic links are
     * followed (a linked file or folder is read where the link is); a link to a missing file and a link that
     * leads back into a folder above it (a loop) are problems, not silently skipped.
     */
    private static List<Path> yamlFiles(Path root, Diagnostics diagnostics) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, java.util.EnumSet.of(java.nio.file.FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    boolean skip = !dir.equals(root) && (name.startsWith(".") || name.equals("node_modules"));
                    return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String name = file.getFileName().toString();
                    if (name.startsWith(".") || !(name.endsWith(".yaml") || name.endsWith(".yml"))) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (attrs.isRegularFile()) {
                        files.add(file);
                    } else if (attrs.isSymbolicLink()) {
                        diagnostics.add(file, new YamlNode.Mark(1, 1, 0), brokenLink(file));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    if (e instanceof java.nio.file.FileSystemLoopException) {
                        diagnostics.add(file, new YamlNode.Mark(1, 1, 0), "this symbolic link makes a loop: it points to "
                                + linkTarget(file) + ", a folder that contains it; remove the link (its files are"
                                + " not read)");
                    } else {
                        diagnostics.add(file, new YamlNode.Mark(1, 1, 0), "cannot read this file: " + e.getMessage());
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            diagnostics.add(root, new YamlNode.Mark(1, 1, 0), "cannot list the workspace folder: " + e.getMessage());
        }
        files.sort(java.util.Comparator.comparing(Path::toString));
        return files;
    }

    /** A link that cannot be followed: to nothing, or round in a circle of links. */
    private static String brokenLink(Path link) {
        try {
            link.toRealPath();
            return "cannot read this file through its symbolic link";
        } catch (java.nio.file.NoSuchFileException e) {
            return "this symbolic link points to " + linkTarget(link) + ", which does not exist; fix or remove the link";
        } catch (IOException e) {
            return "this symbolic link makes a loop (it points to " + linkTarget(link) + ", which leads back to it);"
                    + " remove the link";
        }
    }

    private static String linkTarget(Path link) {
        try {
            return "'" + Files.readSymbolicLink(link) + "'";
        } catch (IOException | UnsupportedOperationException e) {
            return "a place";
        }
    }
}
