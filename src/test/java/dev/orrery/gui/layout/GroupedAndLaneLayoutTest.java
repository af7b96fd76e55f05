package dev.orrery.gui.layout;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GroupedAndLaneLayoutTest {
    /** db@h1, db@h2 → app@h1, app@h2 (same host), app@h1 → web@h1. */
    private static LayoutGraph plan() {
        return new LayoutGraph.Builder()
                .node("db@h1", 100, 40).node("db@h2", 100, 40)
                .node("app@h1", 100, 40).node("app@h2", 100, 40).node("web@h1", 100, 40)
                .edge("db@h1", "app@h1").edge("db@h2", "app@h2").edge("app@h1", "web@h1")
                .build();
    }

    private static String resource(String id) {
        return id.substring(0, id.indexOf('@'));
    }

    private static String host(String id) {
        return id.substring(id.indexOf('@') + 1);
    }

    @Test
    void groupedLayoutStacksAGroupsMembersInOneColumn() {
        LayoutResult r = new GroupedLayout(new HierarchicalLayout(), 8)
                .layout(plan(), GroupedAndLaneLayoutTest::resource, LayoutDirection.LEFT_TO_RIGHT);

        assertThat(r.position("db@h1").x()).isEqualTo(r.position("db@h2").x());
        assertThat(r.position("db@h2").y()).isEqualTo(r.position("db@h1").y() + 48);
        assertThat(r.position("app@h1").x()).isGreaterThan(r.position("db@h1").x() + 100);
        assertThat(r.groups()).containsOnlyKeys("db", "app", "web");
        assertThat(r.groups().get("db").height()).isEqualTo(88);
        assertThat(r.groupRoutes()).containsKeys(new LayoutGraph.Edge("db", "app"), new LayoutGraph.Edge("app", "web"));
        assertThat(r.routes()).hasSize(3);
    }

    @Test
    void laneLayoutKeepsGlobalColumnsAndPutsEachHostInItsOwnLane() {
        LayoutResult global = new HierarchicalLayout().layout(plan(), LayoutDirection.LEFT_TO_RIGHT);
        LayoutResult r = new LaneLayout().layout(plan(), global, GroupedAndLaneLayoutTest::host,
                LayoutDirection.LEFT_TO_RIGHT);

        assertThat(r.lanes()).containsOnlyKeys("h1", "h2");
        LayoutResult.Box h1 = r.lanes().get("h1");
        LayoutResult.Box h2 = r.lanes().get("h2");
        assertThat(h2.y()).isGreaterThanOrEqualTo(h1.y() + h1.height());
        for (String id : Map.of("db@h1", 0, "app@h1", 0, "web@h1", 0).keySet()) {
            assertThat(r.position(id).y()).isBetween(h1.y(), h1.y() + h1.height() - 40);
        }
        assertThat(r.position("app@h2").y()).isBetween(h2.y(), h2.y() + h2.height() - 40);
        assertThat(r.position("app@h1").x()).isEqualTo(r.position("app@h2").x());
        assertThat(r.position("web@h1").x()).isGreaterThan(r.position("app@h1").x());
    }

    @Test
    void theServiceCachesByGraphAndDeliversTheNewestRequestOnly() {
        java.util.List<Runnable> queued = new java.util.ArrayList<>();
        LayoutService service = new LayoutService(queued::add, Runnable::run);
        LayoutRequest request = LayoutRequest.flat(plan(), LayoutDirection.LEFT_TO_RIGHT);
        java.util.List<LayoutResult> delivered = new java.util.ArrayList<>();

        service.submit(request, delivered::add, e -> {
        });
        service.submit(LayoutRequest.flat(plan(), LayoutDirection.TOP_TO_BOTTOM), delivered::add, e -> {
        });
        queued.forEach(Runnable::run);

        assertThat(delivered).hasSize(1);
        assertThat(delivered.get(0)).isEqualTo(service.layoutNow(LayoutRequest.flat(plan(),
                LayoutDirection.TOP_TO_BOTTOM)));
        assertThat(service.layoutNow(request)).isSameAs(service.layoutNow(request));
    }
}
