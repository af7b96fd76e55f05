package dev.orrery.bench;

import dev.orrery.graph.PlanBuilder;
import dev.orrery.graph.TransitiveReduction;
import dev.orrery.load.LoadResult;
import dev.orrery.load.WorkspaceLoader;
import dev.orrery.model.Action;
import dev.orrery.model.Change;
import dev.orrery.model.Dependency;
import dev.orrery.model.Plan;
import dev.orrery.model.Resource;
import dev.orrery.model.Task;
import dev.orrery.model.Workspace;
import dev.orrery.stage.Processor;
import dev.orrery.stage.StageRequest;
import dev.orrery.stage.Stager;
import dev.orrery.store.SqliteStore;
import dev.orrery.store.Store;
import org.jgrapht.Graph;
import org.jgrapht.Graphs;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleDirectedGraph;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Issue 2's planning benchmark: generates workspaces of 1,000 / 4,000 / 10,000 tasks (real YAML files, about
 * five wait-for edges per task, see {@link BenchWorkspace}) and prints, per size, the time of each planning
 * phase, the transitive reduction against JGraphT's general {@code TransitiveReduction} measured in the same run
 * (skipped above 4,000 tasks: it takes minutes), and the peak heap. Nothing is asserted: figures and ratios are
 * printed. Each phase runs three times after a warm-up and the median is printed, as wall-clock time and as CPU
 * time of the benchmark thread ({@link Timing}). The 1 s target is judged on wall time (loading uses every core),
 * the reduction ratios on CPU time.
 *
 * <p>Run: {@code mvn -Pbench}, or after {@code mvn -o test-compile}:
 * {@code java -Xmx512m -cp target/classes:target/test-classes:<dependencies> dev.orrery.bench.PlanningBenchmark
 * [sizes...]}.
 */
public final class PlanningBenchmark {
    private static final int[] DEFAULT_SIZES = {1_000, 4_000, 10_000};
    private static final int BASELINE_LIMIT = 4_000;
    private static final int REPEAT = 3;
    private static final int WARMUP_ROUNDS = 5;

    private PlanningBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int[] sizes = args.length == 0 ? DEFAULT_SIZES : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        Path root = Files.createTempDirectory("orrery-bench");
        try {
            System.out.printf(Locale.ROOT, "Orrery planning benchmark — Java %s, %d CPUs, max heap %d MB,"
                            + " load average %.1f%n", System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            // Steady state, as in a GUI session that re-plans: the JIT needs about eight loads of the largest
            // workspace before its figures settle, and each round loads it three times (a cold command-line run
            // is slower; the README says by how much).
            int largest = Arrays.stream(sizes).max().orElse(1_000);
            System.out.printf(Locale.ROOT, "warming up (1,000 tasks, then %,d tasks %d times; not shown)…%n", largest,
                    WARMUP_ROUNDS);
            measure(root.resolve("warmup-small"), 1_000, false);
            for (int round = 1; round <= WARMUP_ROUNDS; round++) {
                measure(root.resolve("warmup-" + round), largest, false);
            }
            List<Result> results = new ArrayList<>();
            for (int size : sizes) {
                Result result = measure(root.resolve("ws-" + size), size, size <= BASELINE_LIMIT);
                results.add(result);
                result.print();
            }
            summary(results);
        } finally {
            deleteTree(root);
        }
    }

    /** Figures for one size. {@code baseline} is null when skipped. */
    record Result(int tasks, int declaredEdges, int reducedEdges, Timing yamlTokens, Timing load, Timing stage, Timing process,
                  Timing plan, Timing reduction, Timing reductionOnGraph, Timing baseline, long peakHeapMb, long liveHeapMb) {
        Timing endToEnd() {
            return load.plus(stage).plus(process);
        }

        void print() {
            System.out.printf(Locale.ROOT, "%n%,d tasks, %,d declared edges, %,d after transitive reduction%n",
                    tasks, declaredEdges, reducedEdges);
            System.out.println("  load + validate                  " + load);
            System.out.println("    floor: Jackson YAML tokens only" + yamlTokens + "  (same files, one thread, no Orrery code)");
            System.out.println("  stage (diff, store changes)      " + stage);
            System.out.println("  process (plan, store it)         " + process);
            System.out.println("  end to end                       " + endToEnd());
            System.out.println("    of which PlanBuilder.build     " + plan);
            System.out.println("  reduction, int[][]               " + reduction);
            System.out.println("  reduction, JGraphT graph in place" + reductionOnGraph);
            if (baseline == null) {
                System.out.println("  JGraphT TransitiveReduction      skipped above " + BASELINE_LIMIT + " tasks");
            } else {
                System.out.println("  JGraphT TransitiveReduction      " + baseline);
                System.out.printf(Locale.ROOT, "  speed-up over JGraphT            %.0f× (graph in place), %.0f× (int[][])%n",
                        baseline.cpuMs() / reductionOnGraph.cpuMs(), baseline.cpuMs() / reduction.cpuMs());
            }
            System.out.printf(Locale.ROOT, "  heap: peak %,d MB (garbage included), live %,d MB (workspace + plan held)%n",
                    peakHeapMb, liveHeapMb);
        }
    }

    private static void summary(List<Result> results) {
        System.out.println();
        System.out.println("Targets (ratio = measured / target; below 1 meets a time or memory budget):");
        for (Result r : results) {
            if (r.tasks() == 10_000) {
                System.out.printf(Locale.ROOT, "  10,000 tasks end to end (load, stage, process) < 1 s: %.0f ms wall,"
                        + " %.0f ms cpu (this thread) → %.2f (wall)%n", r.endToEnd().wallMs(), r.endToEnd().cpuMs(),
                        r.endToEnd().wallMs() / 1_000);
            }
            if (r.tasks() == 4_000 && r.baseline() != null) {
                System.out.printf(Locale.ROOT, "  reduction ≥ 100× JGraphT at 4,000 tasks: %.0f× → %.2f of the target%n",
                        r.baseline().cpuMs() / r.reductionOnGraph().cpuMs(),
                        r.baseline().cpuMs() / r.reductionOnGraph().cpuMs() / 100);
            }
        }
        long peak = results.stream().mapToLong(Result::peakHeapMb).max().orElse(0);
        long live = results.stream().mapToLong(Result::liveHeapMb).max().orElse(0);
        System.out.printf(Locale.ROOT, "  heap < 512 MB (max heap of this JVM: %d MB): peak %d MB → %.2f, live %d MB → %.2f%n",
                Runtime.getRuntime().maxMemory() >> 20, peak, peak / 512.0, live, live / 512.0);
    }

    private static Result measure(Path folder, int tasks, boolean withBaseline) {
        BenchWorkspace.write(folder, tasks, 42L + tasks);
        resetPeaks();
        Workspace[] workspace = new Workspace[1];
        Timing load = Timing.median(REPEAT, () -> workspace[0] = load(folder));
        Timing yamlTokens = Timing.median(REPEAT, () -> yamlTokens(folder));
        Timing[] stageAndProcess = stageAndProcess(folder, workspace[0]);
        List<Change> changes = allRun(workspace[0]);
        Plan[] plan = new Plan[1];
        Timing planning = Timing.median(REPEAT, () -> plan[0] = PlanBuilder.build(workspace[0], changes, null,
                UUID.randomUUID().toString(), Instant.now()));
        int[][] declared = successors(plan[0], plan[0].declaredEdges());
        int[] kept = new int[1];
        Timing reduction = Timing.median(REPEAT, () -> kept[0] = TransitiveReduction.reduce(declared).edgeCount());
        Graph<Integer, DefaultEdge> graph = jgraph(declared);
        Timing onGraph = medianOnCopies(graph, TransitiveReduction::reduce);
        long peak = peakHeapMb();
        Timing baseline = null;
        if (withBaseline) {
            Graph<Integer, DefaultEdge> copy = copy(graph);
            baseline = Timing.once(() -> org.jgrapht.alg.TransitiveReduction.INSTANCE.reduce(copy));
            check(copy.edgeSet().size() == kept[0], "JGraphT kept " + copy.edgeSet().size() + " edges, we " + kept[0]);
        }
        check(plan[0].edges().size() == kept[0], "the plan's reduced edges differ from a fresh reduction");
        System.gc();
        long live = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
        check(workspace[0].resources().size() == plan[0].tasks().size(), "one task per resource");
        return new Result(plan[0].tasks().size(), plan[0].declaredEdges().size(), kept[0], yamlTokens, load,
                stageAndProcess[0], stageAndProcess[1], planning, reduction, onGraph, baseline, peak, live);
    }

    /** Stage everything into a fresh store, then process it into a stored plan; medians of both phases. */
    private static Timing[] stageAndProcess(Path folder, Workspace workspace) {
        Timing[] stage = new Timing[REPEAT];
        Timing[] process = new Timing[REPEAT];
        for (int i = 0; i < REPEAT; i++) {
            deleteTree(folder.resolve(SqliteStore.FOLDER));
            try (Store store = SqliteStore.open(folder)) {
                List<Change> staged = new ArrayList<>();
                stage[i] = Timing.once(() -> staged.addAll(Stager.stage(workspace, store, StageRequest.all())));
                check(staged.size() == workspace.resources().size(), "staged " + staged.size() + " changes");
                Plan[] plan = new Plan[1];
                process[i] = Timing.once(() -> plan[0] = Processor.process(workspace, store, java.util.Set.of(), ""));
                check(store.plans().find(plan[0].uid()).isPresent(), "the processed plan was not stored");
            }
        }
        return new Timing[] {Timing.medianOf(stage), Timing.medianOf(process)};
    }

    /** What the YAML library alone costs: every file read and run through Jackson's YAML tokens, nothing built. */
    private static long yamlTokens(Path folder) throws IOException {
        com.fasterxml.jackson.dataformat.yaml.YAMLFactory factory = new com.fasterxml.jackson.dataformat.yaml.YAMLFactory();
        long tokens = 0;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (com.fasterxml.jackson.core.JsonParser parser = factory.createParser(Files.readString(file))) {
                    for (var token = parser.nextToken(); token != null; token = parser.nextToken()) {
                        if (token.isScalarValue()) {
                            tokens += parser.getText().length();
                        }
                        tokens++;
                    }
                }
            }
        }
        return tokens;
    }

    private static Workspace load(Path folder) {
        LoadResult result = WorkspaceLoader.load(folder);
        check(result.ok(), "generated workspace does not load: " + result.problems());
        return result.workspace().orElseThrow();
    }

    private static List<Change> allRun(Workspace workspace) {
        List<Change> changes = new ArrayList<>();
        long id = 0;
        for (Resource resource : workspace.resources()) {
            changes.add(new Change(++id, resource.name(), resource.kind(), Action.RUN, resource.tags(), List.of(),
                    "new", "", Instant.now()));
        }
        return changes;
    }

    /** The plan's edges as successor lists over task positions (the plan's order is topological). */
    private static int[][] successors(Plan plan, List<Dependency> edges) {
        Map<String, Integer> position = new HashMap<>();
        for (Task task : plan.tasks()) {
            position.put(task.id(), position.size());
        }
        List<List<Integer>> lists = new ArrayList<>();
        plan.tasks().forEach(t -> lists.add(new ArrayList<>()));
        edges.forEach(e -> lists.get(position.get(e.parent())).add(position.get(e.child())));
        return lists.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    }

    private static Graph<Integer, DefaultEdge> jgraph(int[][] successors) {
        Graph<Integer, DefaultEdge> graph = new SimpleDirectedGraph<>(DefaultEdge.class);
        for (int v = 0; v < successors.length; v++) {
            graph.addVertex(v);
        }
        for (int u = 0; u < successors.length; u++) {
            for (int v : successors[u]) {
                graph.addEdge(u, v);
            }
        }
        return graph;
    }

    private static Graph<Integer, DefaultEdge> copy(Graph<Integer, DefaultEdge> original) {
        Graph<Integer, DefaultEdge> copy = new SimpleDirectedGraph<>(DefaultEdge.class);
        Graphs.addGraph(copy, original);
        return copy;
    }

    /** The reduction changes the graph, so each run gets a fresh copy; copying is not timed. */
    private static Timing medianOnCopies(Graph<Integer, DefaultEdge> original,
                                         java.util.function.Consumer<Graph<Integer, DefaultEdge>> phase) {
        Timing[] runs = new Timing[REPEAT];
        for (int i = 0; i < REPEAT; i++) {
            Graph<Integer, DefaultEdge> copy = copy(original);
            runs[i] = Timing.once(() -> phase.accept(copy));
        }
        Arrays.sort(runs, Comparator.comparingDouble(Timing::cpuMs));
        return runs[REPEAT / 2];
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private static void resetPeaks() {
        System.gc();
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapMb() {
        return heapPools().mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20;
    }

    private static Stream<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP);
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
