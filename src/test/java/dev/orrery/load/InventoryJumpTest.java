package dev.orrery.load;

import dev.orrery.model.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.orrery.load.Fixtures.places;
import static dev.orrery.load.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code jump:} in the inventory: OpenSSH's ProxyJump syntax, checked where it is written. */
class InventoryJumpTest {
    @TempDir
    Path dir;

    @Test
    void jumpHostsAreKeptAsWrittenWithTheChainInOrder() {
        write(dir, "hosts.yaml",
                "hosts:",
                "  bastion: {address: 203.0.113.10, user: jump}",
                "  web-1: {address: 10.0.0.5, jump: bastion}",
                "  web-2: {address: 10.0.0.6, jump: 'ops@gw.example.com:2222, bastion'}",
                "  web-3: {address: 10.0.0.7}");

        Workspace workspace = WorkspaceLoader.load(dir).workspace().orElseThrow();

        assertThat(workspace.host("web-1").orElseThrow().jump()).isEqualTo("bastion");
        assertThat(workspace.host("web-2").orElseThrow().jump()).isEqualTo("ops@gw.example.com:2222,bastion");
        assertThat(workspace.host("web-3").orElseThrow().jump()).isNull();
    }

    @Test
    void aMalformedJumpASandboxJumpAndASelfJumpAreProblemsAtTheirPlace() {
        write(dir, "hosts.yaml",
                "hosts:",
                "  web-1: {jump: 'bad host'}",
                "  box-1: {sandbox: true, jump: bastion}",
                "  web-2:",
                "    jump: web-2");

        LoadResult result = WorkspaceLoader.load(dir);

        assertThat(places(result)).containsExactly("hosts.yaml:2:17", "hosts.yaml:3:32", "hosts.yaml:5:11");
        assertThat(result.problems().get(0).message()).contains("jump 'bad host' of host 'web-1' is not a host");
        assertThat(result.problems().get(1).message()).contains("only SSH hosts go through a jump host");
        assertThat(result.problems().get(2).message()).contains("cannot be its own jump host");
    }
}
