package dev.orrery.graph;

import dev.orrery.model.Plan;
import dev.orrery.model.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DotExportTest {
    private static final Plan PLAN = PlanBuilder.build(
            Fixtures.workspace(List.of(Fixtures.host("h1")),
                    Fixtures.resource("lb", List.of("h1"), "app", "db"),
                    Fixtures.resource("app", List.of("h1"), "db"),
                    Fixtures.resource("db", List.of("h1"))),
            Fixtures.run("lb", "app", "db"), null, "uid-9", Fixtures.CREATED);

    @Test
    void drawsTheReducedGraphWithStateColours() {
        String dot = DotExport.toDot(PLAN, Map.of("db.run@h1", TaskState.ERROR));
        assertThat(dot).startsWith("strict digraph plan {").contains("label=\"plan uid-9\"");
        assertThat(dot).contains("t0 [ label=\"db.run@h1\"", "fillcolor=\"#e53935\"");
        assertThat(dot).contains("t1 -> t2", "t0 -> t1").doesNotContain("t0 -> t2");
        // app and lb are PENDING behind the error: blocked, dashed
        assertThat(dot).contains("label=\"app.run@h1\\n(blocked)\"", "rounded,filled,dashed");
    }

    @Test
    void everyStateHasItsColour() {
        assertThat(List.of(TaskState.values())).extracting(DotExport::colourOf)
                .containsExactly("#9e9e9e", "#1e88e5", "#43a047", "#e53935", "#fb8c00", "#fdd835", "#00897b");
    }

    @Test
    void missingGraphvizIsAClearError(@TempDir Path dir) {
        GraphvizRenderer renderer = new GraphvizRenderer(dir.toString(), Duration.ofSeconds(5));
        assertThat(renderer.isAvailable()).isFalse();
        Path svg = dir.resolve("plan.svg");
        assertThatThrownBy(() -> renderer.render(DotExport.toDot(PLAN, Map.of()), svg))
                .isInstanceOf(GraphvizException.class)
                .hasMessage("Graphviz 'dot' not found; install graphviz or write .dot");
        assertThat(svg).doesNotExist();
    }

    @Test
    void dotFilesNeedNoGraphvizAndUnknownExtensionsAreRefused(@TempDir Path dir) throws Exception {
        GraphvizRenderer renderer = new GraphvizRenderer(dir.toString(), Duration.ofSeconds(5));
        Path file = dir.resolve("plan.dot");
        renderer.render(DotExport.toDot(PLAN, Map.of()), file);
        assertThat(Files.readString(file)).startsWith("strict digraph plan {");
        assertThatThrownBy(() -> renderer.render("digraph {}", dir.resolve("plan.jpg")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(".svg, .png or .dot");
    }

    @Test
    void rendersSvgAndPngWithGraphviz(@TempDir Path dir) throws Exception {
        GraphvizRenderer renderer = new GraphvizRenderer();
        assumeTrue(renderer.isAvailable(), "Graphviz 'dot' is not installed on this machine");
        Path svg = dir.resolve("plan.svg");
        Path png = dir.resolve("plan.png");
        renderer.render(DotExport.toDot(PLAN, Map.of("db.run@h1", TaskState.SUCCESS)), svg);
        renderer.render(DotExport.toDot(PLAN, Map.of("db.run@h1", TaskState.ERROR)), png);
        assertThat(Files.readString(svg)).contains("<svg", "db.run@h1", "#43a047");
        byte[] header = Files.readAllBytes(png);
        assertThat(header[1]).isEqualTo((byte) 'P');
        assertThatThrownBy(() -> renderer.render("digraph { a -> }", dir.resolve("bad.svg")))
                .isInstanceOf(GraphvizException.class).hasMessageContaining("failed");
    }
}
