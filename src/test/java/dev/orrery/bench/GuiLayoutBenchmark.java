package dev.orrery.bench;

import dev.orrery.gui.graph.GraphModel;
import dev.orrery.gui.graph.GraphModels;
import dev.orrery.gui.graph.GraphStyles;
import dev.orrery.gui.graph.GraphView;
import dev.orrery.gui.graph.SyntheticPlans;
import dev.orrery.gui.layout.HierarchicalLayout;
import dev.orrery.gui.layout.LayoutCache;
import dev.orrery.gui.layout.LayoutDirection;
import dev.orrery.gui.layout.LayoutGraph;
import dev.orrery.gui.layout.LayoutRequest;
import dev.orrery.gui.layout.LayoutService;
import dev.orrery.model.Dependency;
import dev.orrery.model.Plan;
import dev.orrery.model.TaskState;
import dev.orrery.model.Task;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Issue 4's graph figures on a 2,000-task plan (200 resources in 12 tiers on 10 hosts; see SyntheticPlans):
 * JGraphX on the unreduced edge set (the baseline), on the reduced set, the grouped layout GraphView uses above
 * {@link GraphView#GROUPED_LAYOUT_THRESHOLD} nodes, a cache hit, the first draw in a real (headless) scene, and
 * 1,000 state updates a second applied per frame. Prints times and ratios to the baseline; asserts nothing.
 *
 * <pre>
 * mvn -B -o -Pbench          (runs every benchmark, this one in its own JVM, -Xmx512m, Monocle)
 * or just this one:
 * mvn -B -o -q test-compile
 * mvn -B -o -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw -Dprism.text=t2k \
 *      -cp target/classes:target/test-classes:$(cat target/cp.txt) dev.orrery.bench.GuiLayoutBenchmark [tasks]
 * </pre>
 */
public final class GuiLayoutBenchmark {
    private static final int ROUNDS = 3;

    private GuiLayoutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Plan plan = SyntheticPlans.plan(size, 10, 42);
        System.out.printf("plan: %d tasks, %d reduced edges, %d declared edges, %d cores%n", plan.tasks().size(),
                plan.edges().size(), plan.declaredEdges().size(), Runtime.getRuntime().availableProcessors());
        HierarchicalLayout jgraphx = new HierarchicalLayout();
        LayoutGraph unreduced = graph(plan.tasks(), plan.declaredEdges());
        LayoutGraph reduced = graph(plan.tasks(), plan.edges());
        Map<String, String> byResource = new HashMap<>();
        plan.tasks().forEach(t -> byResource.put(t.id(), t.resource()));

        double[] base = time("JGraphX flat, unreduced edges (baseline)",
                () -> jgraphx.layout(unreduced, LayoutDirection.LEFT_TO_RIGHT));
        double[] flat = time("JGraphX flat, reduced edges",
                () -> jgraphx.layout(reduced, LayoutDirection.LEFT_TO_RIGHT));
        LayoutService service = new LayoutService(Runnable::run, Runnable::run, new LayoutCache(4), jgraphx);
        double[] grouped = time("grouped by resource, reduced (GraphView)", () -> new LayoutService(Runnable::run,
                Runnable::run, new LayoutCache(1), jgraphx).layoutNow(LayoutRequest.grouped(reduced,
                LayoutDirection.LEFT_TO_RIGHT, byResource)));
        service.layoutNow(LayoutRequest.grouped(reduced, LayoutDirection.LEFT_TO_RIGHT, byResource));
        double[] cached = time("same graph again (cache hit)", () -> service.layoutNow(
                LayoutRequest.grouped(reduced, LayoutDirection.LEFT_TO_RIGHT, byResource)));
        System.out.printf("%nratios to the baseline (warm median): flat reduced %.2f, grouped %.3f, cache hit %.5f%n",
                flat[1] / base[1], grouped[1] / base[1], cached[1] / base[1]);

        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await(10, TimeUnit.SECONDS);
        // the app's window is up before a plan is shown: JavaFX's own start-up is not part of the figure
        firstDraw(GraphModels.tasks(dev.orrery.gui.graph.SamplePlans.deployment(), null), base[1], false);
        firstDraw(GraphModels.tasks(plan, null), base[1], true);
        stateUpdates(plan);
        Platform.exit();
    }

    private static LayoutGraph graph(List<Task> tasks, List<Dependency> edges) {
        LayoutGraph.Builder b = new LayoutGraph.Builder();
        tasks.forEach(t -> b.node(t.id(), 184, 50));
        edges.forEach(d -> b.edge(d.parent(), d.child()));
        return b.build();
    }

    /** @return {first (cold) run, warm median} in ms */
    private static double[] time(String what, Runnable work) {
        List<Double> runs = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            long t0 = System.nanoTime();
            work.run();
            runs.add((System.nanoTime() - t0) / 1e6);
        }
        List<Double> warm = new ArrayList<>(runs.subList(1, runs.size()));
        warm.sort(Double::compare);
        double median = warm.get(warm.size() / 2);
        System.out.printf("%-45s first %8.1f ms   warm median %8.1f ms%n", what, runs.get(0), median);
        return new double[]{runs.get(0), median};
    }

    /** setGraph → layout → nodes built → CSS, layout pass and a rendered snapshot, all in a 1280×800 scene. */
    private static void firstDraw(GraphModel model, double baseline, boolean print) throws Exception {
        for (int round = 0; round < (print ? 2 : 1); round++) {
            CountDownLatch done = new CountDownLatch(1);
            AtomicReference<double[]> figures = new AtomicReference<>();
            Platform.runLater(() -> {
                GraphView view = new GraphView(new LayoutService(Runnable::run, Runnable::run,
                        new LayoutCache(1), new HierarchicalLayout()));
                Scene scene = new Scene(view, 1280, 800);
                scene.getStylesheets().add(GuiLayoutBenchmark.class.getResource(GraphStyles.STYLESHEET)
                        .toExternalForm());
                long t0 = System.nanoTime();
                view.setGraph(model);
                long laidOutAndBuilt = System.nanoTime();
                view.applyCss();
                view.layout();
                scene.snapshot(null);
                long drawn = System.nanoTime();
                view.zoomAt(1 / view.scaleProperty().get(), 640, 400);
                view.applyCss();
                view.layout();
                scene.snapshot(null);
                long zoomed = System.nanoTime();
                figures.set(new double[]{(laidOutAndBuilt - t0) / 1e6, (drawn - laidOutAndBuilt) / 1e6,
                        (drawn - t0) / 1e6, (zoomed - drawn) / 1e6, view.lookupAll(".graph-task").size()});
                done.countDown();
            });
            done.await(120, TimeUnit.SECONDS);
            double[] f = figures.get();
            if (!print) {
                continue;
            }
            System.out.printf("%nfirst draw (%s): layout + scene nodes %.1f ms, CSS + render %.1f ms, total %.1f ms"
                    + " (%.2f of the baseline); zoom to 100%% and draw the %d task nodes near the window %.1f ms%n",
                    round == 0 ? "cold" : "warm", f[0], f[1], f[2], f[2] / baseline, (int) f[4], f[3]);
        }
    }

    /** 1,000 updates a second for 3 s from another thread; reports the per-frame cost of applying them. */
    private static void stateUpdates(Plan plan) throws Exception {
        CountDownLatch ready = new CountDownLatch(1);
        AtomicReference<GraphView> ref = new AtomicReference<>();
        List<Long> frameNanos = new java.util.concurrent.CopyOnWriteArrayList<>();
        Platform.runLater(() -> {
            GraphView view = new GraphView(new LayoutService(Runnable::run, Runnable::run));
            Scene scene = new Scene(view, 1280, 800);
            scene.getStylesheets().add(GuiLayoutBenchmark.class.getResource(GraphStyles.STYLESHEET).toExternalForm());
            view.setGraph(GraphModels.tasks(plan, null));
            ref.set(view);
            new AnimationTimer() {
                @Override
                public void handle(long now) {
                    long t0 = System.nanoTime();
                    view.flushStates();
                    frameNanos.add(System.nanoTime() - t0);
                }
            }.start();
            ready.countDown();
        });
        ready.await(60, TimeUnit.SECONDS);
        GraphView view = ref.get();
        TaskState[] cycle = {TaskState.RUNNING, TaskState.SUCCESS, TaskState.ERROR, TaskState.PENDING};
        int sent = 0;
        long start = System.nanoTime();
        frameNanos.clear();
        while (System.nanoTime() - start < 3_000_000_000L) {
            Task t = plan.tasks().get(sent % plan.tasks().size());
            view.updateState(t.id(), cycle[(sent / plan.tasks().size() + sent) % cycle.length]);
            sent++;
            long due = start + sent * 1_000_000L;
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> frames = new ArrayList<>(frameNanos);
        frames.sort(Long::compare);
        double avg = frames.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6;
        double p95 = frames.isEmpty() ? 0 : frames.get((int) (frames.size() * 0.95)) / 1e6;
        double max = frames.isEmpty() ? 0 : frames.get(frames.size() - 1) / 1e6;
        System.out.printf("%nstate updates: %d sent in %.1f s (%.0f/s); %d frames (%.0f fps); applying per frame:"
                        + " avg %.2f ms, p95 %.2f ms, max %.2f ms (a 60 fps frame is 16.7 ms)%n", sent, seconds,
                sent / seconds, frames.size(), frames.size() / seconds, avg, p95, max);
    }
}
