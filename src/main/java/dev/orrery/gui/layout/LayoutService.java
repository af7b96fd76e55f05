package dev.orrery.gui.layout;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Computes layouts off the UI thread and hands them back on it. The two executors are the seams tests replace with
 * {@code Runnable::run} to run everything on the calling thread. Results are cached ({@link LayoutCache}); when
 * several requests are in flight only the newest one is delivered, so a fast sequence of changes shows the last.
 *
 * <p>Thread safety: {@link #submit} may be called from any thread; callbacks run on the {@code deliver} executor.
 */
public final class LayoutService {
    private static final Logger LOG = LoggerFactory.getLogger(LayoutService.class);

    private final Executor background;
    private final Executor deliver;
    private final LayoutCache cache;
    private final HierarchicalLayout hierarchical;
    private final AtomicLong generation = new AtomicLong();

    /**
     * @param background where layouts are computed (a single worker thread is enough)
     * @param deliver    where results are handed over (the JavaFX thread: {@code Platform::runLater})
     */
    public LayoutService(Executor background, Executor deliver) {
        this(background, deliver, new LayoutCache(16), new HierarchicalLayout());
    }

    public LayoutService(Executor background, Executor deliver, LayoutCache cache, HierarchicalLayout hierarchical) {
        this.background = Objects.requireNonNull(background, "background");
        this.deliver = Objects.requireNonNull(deliver, "deliver");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.hierarchical = Objects.requireNonNull(hierarchical, "hierarchical");
    }

    /**
     * Lays the request out in the background and passes the result to {@code onDone} on the deliver executor,
     * unless a newer request was submitted meanwhile. A failure is logged and {@code onError} gets it.
     */
    public void submit(LayoutRequest request, Consumer<LayoutResult> onDone, Consumer<RuntimeException> onError) {
        long mine = generation.incrementAndGet();
        background.execute(() -> {
            if (generation.get() != mine) {
                return;
            }
            try {
                LayoutResult result = layoutNow(request);
                deliver.execute(() -> {
                    if (generation.get() == mine) {
                        onDone.accept(result);
                    }
                });
            } catch (RuntimeException e) {
                LOG.warn("layout of {} nodes failed", request.graph().nodes().size(), e);
                deliver.execute(() -> onError.accept(e));
            }
        });
    }

    /**
     * Runs a small layout on the background executor so that JGraphX's classes are loaded and compiled before the
     * first real graph arrives (the first layout of a JVM is several times slower than the next ones).
     */
    public void warmUp() {
        background.execute(() -> {
            LayoutGraph.Builder b = new LayoutGraph.Builder();
            for (int i = 0; i < 60; i++) {
                b.node("warm-up-" + i, 100, 40);
                if (i > 0) {
                    b.edge("warm-up-" + (i - 1) / 2, "warm-up-" + i);
                }
            }
            LayoutGraph g = b.build();
            Map<String, String> groups = new java.util.HashMap<>();
            g.nodes().forEach(n -> groups.put(n.id(), "g" + n.id().length() % 7));
            hierarchical.layout(g, LayoutDirection.LEFT_TO_RIGHT);
            new GroupedLayout(hierarchical, 8).layout(g, groups::get, LayoutDirection.LEFT_TO_RIGHT);
        });
    }

    /** Lays the request out on the calling thread (or returns the cached layout). */
    public LayoutResult layoutNow(LayoutRequest request) {
        String key = request.signature();
        LayoutResult cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        long start = System.nanoTime();
        LayoutResult result = switch (request.strategy()) {
            case FLAT -> hierarchical.layout(request.graph(), request.direction());
            case GROUPED -> new GroupedLayout(hierarchical, 8)
                    .layout(request.graph(), request.groups()::get, request.direction());
            case LANES -> new LaneLayout().layout(request.graph(), request.groups().isEmpty()
                            ? hierarchical.layout(request.graph(), request.direction())
                            : new GroupedLayout(hierarchical, 8).layout(request.graph(), request.groups()::get,
                            request.direction()),
                    request.lanes()::get, request.direction());
        };
        LOG.debug("{} layout of {} nodes, {} edges in {} ms", request.strategy(), request.graph().nodes().size(),
                request.graph().edges().size(), (System.nanoTime() - start) / 1_000_000);
        cache.put(key, result);
        return result;
    }
}
