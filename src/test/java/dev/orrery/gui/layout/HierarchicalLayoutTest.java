package dev.orrery.gui.layout;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HierarchicalLayoutTest {
    /** a → b → d, a → c → d, e alone. */
    private static LayoutGraph diamond() {
        return new LayoutGraph.Builder()
                .node("a", 100, 40).node("b", 100, 40).node("c", 100, 40).node("d", 100, 40).node("e", 100, 40)
                .edge("a", "b").edge("a", "c").edge("b", "d").edge("c", "d")
                .build();
    }

    @Test
    void leftToRightPutsEveryChildRightOfItsParent() {
        LayoutResult r = new HierarchicalLayout().layout(diamond(), LayoutDirection.LEFT_TO_RIGHT);

        for (LayoutGraph.Edge e : diamond().edges()) {
            assertThat(r.position(e.target()).x()).isGreaterThanOrEqualTo(r.position(e.source()).x() + 100);
        }
        assertThat(r.position("b").x()).isEqualTo(r.position("c").x());
        assertThat(r.positions()).hasSize(5);
    }

    @Test
    void topToBottomPutsEveryChildBelowItsParent() {
        LayoutResult r = new HierarchicalLayout().layout(diamond(), LayoutDirection.TOP_TO_BOTTOM);

        for (LayoutGraph.Edge e : diamond().edges()) {
            assertThat(r.position(e.target()).y()).isGreaterThanOrEqualTo(r.position(e.source()).y() + 40);
        }
    }

    @Test
    void nodesDoNotOverlapAndEverythingIsInsideTheBounds() {
        LayoutResult r = new HierarchicalLayout().layout(diamond(), LayoutDirection.LEFT_TO_RIGHT);

        List<String> ids = List.of("a", "b", "c", "d", "e");
        for (String p : ids) {
            LayoutResult.Point a = r.position(p);
            assertThat(a.x()).isBetween(0.0, r.width() - 100);
            assertThat(a.y()).isBetween(0.0, r.height() - 40);
            for (String q : ids) {
                LayoutResult.Point b = r.position(q);
                boolean apart = p.equals(q) || Math.abs(a.x() - b.x()) >= 100 || Math.abs(a.y() - b.y()) >= 40;
                assertThat(apart).as(p + " and " + q).isTrue();
            }
        }
    }

    @Test
    void routesRunFromTheParentsRightSideToTheChildsLeftSide() {
        LayoutResult r = new HierarchicalLayout().layout(diamond(), LayoutDirection.LEFT_TO_RIGHT);

        List<LayoutResult.Point> route = r.routes().get(new LayoutGraph.Edge("a", "b"));
        assertThat(route).hasSizeGreaterThanOrEqualTo(2);
        assertThat(route.get(0)).isEqualTo(new LayoutResult.Point(r.position("a").x() + 100,
                r.position("a").y() + 20));
        assertThat(route.get(route.size() - 1)).isEqualTo(new LayoutResult.Point(r.position("b").x(),
                r.position("b").y() + 20));
    }

    @Test
    void theSameGraphGetsTheSameLayout() {
        HierarchicalLayout layout = new HierarchicalLayout();
        assertThat(layout.layout(diamond(), LayoutDirection.LEFT_TO_RIGHT).positions())
                .isEqualTo(layout.layout(diamond(), LayoutDirection.LEFT_TO_RIGHT).positions());
    }

    @Test
    void preconditionsAreCheckedUpFront() {
        assertThatThrownBy(() -> new LayoutGraph.Builder().node("a", 10, 10).edge("a", "x").build())
                .hasMessageContaining("unknown node");
        assertThatThrownBy(() -> new LayoutGraph.Builder().node("a", 10, 10).node("a", 10, 10).build())
                .hasMessageContaining("duplicate");
        assertThatThrownBy(() -> new LayoutGraph.Builder().node("a", 0, 10).build())
                .hasMessageContaining("positive size");
        assertThat(new HierarchicalLayout().layout(new LayoutGraph.Builder().build(), LayoutDirection.LEFT_TO_RIGHT))
                .isEqualTo(LayoutResult.EMPTY);
    }
}
