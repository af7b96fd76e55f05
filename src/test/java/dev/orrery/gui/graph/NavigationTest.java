package dev.orrery.gui.graph;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NavigationTest {
    private final GraphModel resources = GraphModels.resources(SamplePlans.deployment(), null);
    private final GraphModel api = GraphModels.tasksOf(SamplePlans.deployment(), "api", null);

    @Test
    void openGoesDownAndBackComesUp() {
        Navigation nav = new Navigation();
        nav.reset(resources);
        assertThat(nav.canGoBackProperty().get()).isFalse();

        nav.open(api);
        assertThat(nav.current()).isSameAs(api);
        assertThat(nav.crumbs()).extracting(GraphModel::title).containsExactly("Resources", "api");
        assertThat(nav.canGoBackProperty().get()).isTrue();

        assertThat(nav.back()).isTrue();
        assertThat(nav.current()).isSameAs(resources);
        assertThat(nav.back()).isFalse();
    }

    @Test
    void goToDropsTheCrumbsAfterIt() {
        Navigation nav = new Navigation();
        nav.reset(resources);
        nav.open(api);
        nav.open(GraphModels.tasksOf(SamplePlans.deployment(), "frontend", null));

        nav.goTo(0);

        assertThat(nav.crumbs()).hasSize(1);
        assertThat(nav.current()).isSameAs(resources);
    }
}
