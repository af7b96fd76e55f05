package dev.orrery.load;

import dev.orrery.graph.Environments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The inventory's optional {@code environments:} list. */
class EnvironmentsListTest {
    @TempDir
    Path dir;

    @Test
    void theListIsReadInItsOrderAndOffered() {
        Fixtures.write(dir, "inventory.yaml", "environments: [prod, staging]", "hosts:",
                "  a:", "    sandbox: true", "    tags: [staging, prod, web]");
        LoadResult result = WorkspaceLoader.load(dir);
        assertThat(result.problems()).isEmpty();
        assertThat(result.workspace().orElseThrow().environments()).containsExactly("prod", "staging");
        assertThat(Environments.of(result.workspace().orElseThrow())).containsExactly("prod", "staging");
    }

    @Test
    void anEnvironmentThatTagsNoHostIsAProblemAtItsPlace() {
        Fixtures.write(dir, "inventory.yaml", "environments: [staging, prd]", "hosts:",
                "  a:", "    sandbox: true", "    tags: [staging, prod]");
        LoadResult result = WorkspaceLoader.load(dir);
        assertThat(Fixtures.places(result)).containsExactly("inventory.yaml:1:25");
        assertThat(result.problems().get(0).message()).isEqualTo(
                "environment 'prd' is not a tag of any host; tag the hosts of that environment with it; did you mean 'prod'?");
    }
}
