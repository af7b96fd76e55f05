package dev.orrery.run;

import dev.orrery.model.Plan;
import dev.orrery.model.Task;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlanShapeTest {
    /** a → b → d, a → c → d, e alone; c is given two extra children so it outweighs b. */
    private final PlanSketch sketch = new PlanSketch();
    private final String a = sketch.task("a", "h1", "true");
    private final String b = sketch.task("b", "h1", "true");
    private final String c = sketch.task("c", "h1", "true");
    private final String c1 = sketch.task("c1", "h1", "true");
    private final String c2 = sketch.task("c2", "h1", "true");
    private final String d = sketch.task("d", "h1", "true");
    private final String e = sketch.task("e", "h1", "true");
    private final Plan plan = sketch.edge(a, b).edge(a, c).edge(b, d).edge(c, d).edge(c, c1).edge(c, c2).build();
    private final PlanShape shape = new PlanShape(plan);

    @Test
    void heaviestFirstThenTopologicalOrder() {
        assertThat(shape.byPriority()).extracting(Task::id).containsExactly(a, c, b, c1, c2, d, e);
    }

    @Test
    void parentsAndDescendants() {
        assertThat(shape.parentsOf(d)).containsExactlyInAnyOrder(b, c);
        assertThat(shape.descendantsOf(a)).containsExactly(b, c, c1, c2, d);
        assertThat(shape.descendantsOf(e)).isEmpty();
    }

    @Test
    void betweenStartsAndEnds() {
        assertThat(shape.between(List.of(c), List.of(d))).containsExactly(c, d);
        assertThat(shape.between(List.of(), List.of(b))).containsExactly(a, b);
        assertThat(shape.between(List.of(c), List.of())).containsExactly(c, c1, c2, d);
        assertThat(shape.between(List.of(b), List.of(c))).isEmpty();
    }
}
