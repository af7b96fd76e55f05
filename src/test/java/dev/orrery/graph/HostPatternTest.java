package dev.orrery.graph;

import dev.orrery.model.Change;
import dev.orrery.model.Host;
import dev.orrery.model.Plan;
import dev.orrery.model.Task;
import dev.orrery.model.Workspace;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.orrery.graph.Fixtures.host;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The --limit pattern, term by term as Ansible reads it, and what planning does with it. */
class HostPatternTest {
    private static final List<Host> HOSTS = List.of(
            host("web-1", "prod", "web"), host("web-2", "prod", "web"), host("web-10", "staging", "web"),
            host("db-1", "prod", "db"), host("db-2", "staging", "db"), host("edge-1", "prod"));

    private static List<String> select(String pattern) {
        return HostPattern.parse(pattern).select(HOSTS).stream().map(Host::name).toList();
    }

    @Test
    void namesAndTagsSelectByNameOrByTag() {
        assertThat(select("web-1")).containsExactly("web-1");
        assertThat(select("db")).containsExactly("db-1", "db-2");
        assertThat(select("staging")).containsExactly("web-10", "db-2");
    }

    @Test
    void listsAreUnionsWithCommaOrColonAndKeepInventoryOrder() {
        assertThat(select("db-2,web-1")).containsExactly("web-1", "db-2");
        assertThat(select("db-2:web-1")).containsExactly("web-1", "db-2");
        assertThat(select(" edge-1 , db ")).containsExactly("db-1", "db-2", "edge-1");
    }

    @Test
    void globsMatchNamesAndTags() {
        assertThat(select("web-*")).containsExactly("web-1", "web-2", "web-10");
        assertThat(select("web-?")).containsExactly("web-1", "web-2");
        assertThat(select("db-[12]")).containsExactly("db-1", "db-2");
        assertThat(select("stag*")).containsExactly("web-10", "db-2");
        assertThat(select("~web-1\\d*")).containsExactly("web-1", "web-10");
    }

    @Test
    void exclusionsAndIntersectionsApplyAfterTheUnionWhateverTheirPlace() {
        assertThat(select("web:!web-2")).containsExactly("web-1", "web-10");
        assertThat(select("!web-2,web")).containsExactly("web-1", "web-10");
        assertThat(select("web:&prod")).containsExactly("web-1", "web-2");
        assertThat(select("web,db,&staging,!db-2")).containsExactly("web-10");
        assertThat(select("!prod")).as("only exclusions: from every host").containsExactly("web-10", "db-2");
        assertThat(select("&db")).containsExactly("db-1", "db-2");
    }

    @Test
    void allAndStarSelectEveryHost() {
        assertThat(select("all")).hasSize(HOSTS.size());
        assertThat(select("*")).hasSize(HOSTS.size());
        assertThat(HostPattern.parse("all").isAll()).isTrue();
        assertThat(HostPattern.parseOrAll(null).isAll()).isTrue();
        assertThat(HostPattern.parse("all:!db").isAll()).isFalse();
    }

    @Test
    void badPatternsAreOneLineErrors() {
        assertThatThrownBy(() -> HostPattern.parse(" ")).hasMessageContaining("--limit needs a pattern");
        assertThatThrownBy(() -> HostPattern.parse("web,!")).hasMessageContaining("'!' must be followed by");
        assertThatThrownBy(() -> HostPattern.parse(",,")).hasMessageContaining("names no host");
        assertThatThrownBy(() -> HostPattern.parse("~web[")).hasMessageContaining("not a valid regular expression");
        assertThatThrownBy(() -> HostPattern.parse("web[1")).hasMessageContaining("'[' without ']'");
    }

    @Test
    void aNameThatIsNeitherHostNorTagIsReportedAsATypo() {
        assertThat(HostPattern.parse("web-1,db").problem(HOSTS)).isEmpty();
        assertThat(HostPattern.parse("web-9").problem(HOSTS)).get().asString()
                .startsWith("--limit 'web-9': no host or tag is named 'web-9' (hosts: db-1, db-2, edge-1");
        assertThat(HostPattern.parse("!wbe").problem(HOSTS)).get().asString().contains("no host or tag is named 'wbe'");
        assertThat(HostPattern.parse("nothing-*").problem(HOSTS)).get().asString()
                .isEqualTo("--limit 'nothing-*' matches no host");
        assertThat(HostPattern.parse("db:&web").problem(HOSTS)).get().asString().contains("matches no host");
        assertThatThrownBy(() -> HostPattern.parse("web-9").require(HOSTS)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void planningKeepsOnlyHostsInsideTheLimitButAlwaysTheSharedBuildHost() {
        Workspace ws = new Workspace(Path.of("."), List.of(host("builder", "build"), host("node-1", "components"),
                host("node-2", "components"), host("web-1", "web")),
                List.of(Fixtures.resource("app", List.of("web", "node-1")), Fixtures.component("api", null)), Map.of());
        List<Change> changes = List.of(Fixtures.change("app", "run"), Fixtures.change("api", "deploy"));
        Plan plan = PlanBuilder.build(ws, changes, null, HostPattern.parse("node-2,web-*"), "u", Fixtures.CREATED);
        assertThat(plan.tasks()).extracting(Task::id)
                .containsExactlyInAnyOrder("app.run@web-1", "api.build@builder", "api.deploy@node-2");
    }
}
