package dev.orrery.load;

import dev.orrery.load.WaitForEditException.Reason;
import dev.orrery.load.WaitForEditor.Placement;
import dev.orrery.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.orrery.load.Fixtures.inventory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WaitForEditorTest {
    /** Comments, a flow list with a comment, a block list, a quoted key, a flow mapping, blank lines. */
    private static final String RESOURCES = String.join("\n",
            "# the stack",
            "resources:",
            "  database:",
            "    target: data   # on the data hosts",
            "    inputs:",
            "      port: 5432",
            "    actions:",
            "      run:",
            "        - run: echo db",
            "",
            "  cache: {target: data, actions: {run: [echo cache]}}",
            "",
            "  queue:",
            "    target: data",
            "    \"wait-for\":",
            "      # the database first",
            "      - database",
            "      - 'cache'   # then the cache",
            "    actions: {run: [echo queue]}",
            "  app:",
            "    target: web",
            "    wait-for: [database,  \"cache\"]  # keep this order",
            "    inputs:",
            "      db_port: {link: database.port}",
            "    actions:",
            "      run:",
            "        - run: echo app",
            "  lb:",
            "    target: web",
            "    wait-for: []",
            "    actions: {run: [echo lb]}",
            "");

    @TempDir
    Path dir;

    private Path resources(String lineEnding) throws IOException {
        inventory(dir);
        Path file = dir.resolve("stack.yaml");
        Files.write(file, RESOURCES.replace("\n", lineEnding).getBytes(StandardCharsets.UTF_8));
        return file;
    }

    private WaitForEditor editor() {
        LoadResult result = WorkspaceLoader.load(dir);
        assertThat(result.problems()).isEmpty();
        return WaitForEditor.of(result);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static List<String> waitFor(WaitForEditor editor, String name) {
        return editor.workspace().resource(name).map(Resource::waitFor).orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n"})
    void addThenRemoveGivesBackTheOriginalBytes(String lineEnding) throws Exception {
        Path file = resources(lineEnding);
        byte[] original = Files.readAllBytes(file);
        String[][] edges = {{"app", "queue"}, {"queue", "app"}, {"database", "cache"}, {"cache", "database"},
                {"lb", "app"}};
        for (String[] edge : edges) {
            WaitForEditor editor = editor();
            editor.add(edge[0], edge[1]);
            assertThat(waitFor(editor, edge[0])).endsWith(edge[1]);
            assertThat(read(file)).doesNotContain(lineEnding.equals("\n") ? "\r" : "\n\n\n");
            editor.remove(edge[0], edge[1]);
            assertThat(Files.readAllBytes(file)).as("%s → %s", edge[0], edge[1]).isEqualTo(original);
        }
    }

    @Test
    void eachEditChangesOnlyTheListItTouches() throws Exception {
        Path file = resources("\n");
        WaitForEditor editor = editor();

        editor.add("app", "queue");
        assertThat(read(file)).contains("    wait-for: [database,  \"cache\", queue]  # keep this order\n");
        editor.add("queue", "lb");
        assertThat(read(file)).contains("      - 'cache'   # then the cache\n      - lb\n    actions:");
        editor.add("database", "lb");
        assertThat(read(file)).contains("      port: 5432\n    wait-for:\n      - lb\n    actions:\n");
        editor.add("cache", "lb");
        assertThat(read(file)).contains("  cache: {wait-for: [lb], target: data, actions: {run: [echo cache]}}\n");

        assertThat(waitFor(editor, "app")).containsExactly("database", "cache", "queue");
        assertThat(waitFor(editor, "queue")).containsExactly("database", "cache", "lb");
        String expected = RESOURCES
                .replace("[database,  \"cache\"]", "[database,  \"cache\", queue]")
                .replace("      - 'cache'   # then the cache\n", "      - 'cache'   # then the cache\n      - lb\n")
                .replace("      port: 5432\n    actions:", "      port: 5432\n    wait-for:\n      - lb\n    actions:")
                .replace("  cache: {target", "  cache: {wait-for: [lb], target");
        assertThat(read(file)).isEqualTo(expected);
    }

    @Test
    void removingFromTheMiddleAndMovingKeepTheRest() throws Exception {
        Path file = resources("\n");
        WaitForEditor editor = editor();

        editor.move("app", "database", "queue");
        assertThat(read(file)).contains("    wait-for: [queue,  \"cache\"]  # keep this order\n");
        editor.move("queue", "cache", "lb");
        assertThat(read(file)).contains("      - lb   # then the cache\n");
        editor.move("queue", "lb", "cache");
        editor.move("app", "queue", "database");
        assertThat(read(file)).isEqualTo(RESOURCES.replace("- 'cache'   #", "- cache   #"));

        editor.remove("queue", "database");
        assertThat(read(file)).contains("    \"wait-for\":\n      # the database first\n      - cache   # then the cache\n");
        assertThat(waitFor(editor, "queue")).containsExactly("cache");
    }

    @Test
    void aCycleIsRefusedWithTheWholeCycleAndNothingWritten() throws Exception {
        Path file = resources("\n");
        byte[] original = Files.readAllBytes(file);
        WaitForEditor editor = editor();

        assertThat(editor.cycleIfAdded("database", "app")).contains(List.of("database", "app", "database"));
        assertThat(editor.cycleIfAdded("lb", "app")).isEmpty();
        assertThatThrownBy(() -> editor.add("database", "queue"))
                .isInstanceOf(WaitForEditException.class).hasMessage("database → queue → database")
                .satisfies(e -> assertThat(((WaitForEditException) e).reason()).isEqualTo(Reason.CYCLE));
        editor.add("lb", "app");
        assertThatThrownBy(() -> editor.move("app", "cache", "lb"))
                .isInstanceOf(WaitForEditException.class).hasMessage("app → lb → app");
        assertThatThrownBy(() -> editor.add("cache", "cache")).hasMessage("cache → cache");
        editor.remove("lb", "app");
        assertThat(Files.readAllBytes(file)).isEqualTo(original);
    }

    @Test
    void aFileChangedOnDiskIsNotOverwritten() throws Exception {
        Path file = resources("\n");
        WaitForEditor editor = editor();
        String changed = read(file).replace("# the stack", "# edited by someone else");
        Files.writeString(file, changed);

        assertThatThrownBy(() -> editor.add("lb", "app")).isInstanceOf(WaitForEditException.class)
                .hasMessageContaining("changed on disk since the workspace was loaded")
                .satisfies(e -> assertThat(((WaitForEditException) e).reason()).isEqualTo(Reason.CHANGED_ON_DISK));
        assertThat(read(file)).isEqualTo(changed);
    }

    @Test
    void unknownNamesAndMeaninglessEditsAreRefused() throws Exception {
        resources("\n");
        WaitForEditor editor = editor();

        assertThatThrownBy(() -> editor.add("ap", "lb")).hasMessageContaining("did you mean 'app'?")
                .satisfies(e -> assertThat(((WaitForEditException) e).reason()).isEqualTo(Reason.UNKNOWN_NAME));
        assertThatThrownBy(() -> editor.add("app", "database")).hasMessage("'app' already waits for 'database'");
        assertThatThrownBy(() -> editor.remove("app", "lb")).hasMessage("'app' does not wait for 'lb'");
    }

    @Test
    void flatToolforgeComponentsAreEditedInTheirOwnStyle() throws Exception {
        inventory(dir);
        Fixtures.write(dir, "queue.yaml", "resources:", "  queue: {target: data, actions: {run: [echo q]}}");
        Path file = dir.resolve("mytool.yaml");
        Files.writeString(file, String.join("\n", ComponentsTest.FLAT).replace("repos/toolhunt",
                "https://github.com/wikimedia/toolhunt") + "\n");
        byte[] original = Files.readAllBytes(file);
        WaitForEditor editor = editor();

        editor.add("toolhunt-flower", "toolhunt-cleanup");
        assertThat(read(file)).endsWith("wait-for:\n- toolhunt-api\n- toolhunt-cleanup\n");
        editor.add("toolhunt-api", "queue");
        assertThat(read(file)).contains("toolhunt-api:\nwait-for:\n- queue\ndescription: a python-flask api\n");
        editor.add("toolhunt-cleanup", "queue");
        assertThat(read(file)).contains("wait-for:\n- toolhunt-api\n- queue\nrun:\n");
        assertThat(editor.workspace().resource("toolhunt-api").orElseThrow().waitFor()).containsExactly("queue");
        assertThat(editor.workspace().resource("toolhunt-flower").orElseThrow().waitFor())
                .containsExactly("toolhunt-api", "toolhunt-cleanup");
        assertThatThrownBy(() -> editor.add("toolhunt-api", "toolhunt-flower"))
                .hasMessage("toolhunt-api → toolhunt-flower → toolhunt-api");

        editor.remove("toolhunt-cleanup", "queue");
        editor.remove("toolhunt-api", "queue");
        editor.remove("toolhunt-flower", "toolhunt-cleanup");
        assertThat(Files.readAllBytes(file)).isEqualTo(original);
    }

    @Test
    void indentedComponentsGetAnEntryBeforeRun() throws Exception {
        inventory(dir);
        Path file = dir.resolve("tool.yaml");
        Files.writeString(file, String.join("\r\n", ComponentsTest.INDENTED).replace("repos/toolhunt",
                "https://github.com/wikimedia/toolhunt") + "\r\n");
        byte[] original = Files.readAllBytes(file);
        WaitForEditor editor = editor();

        editor.add("toolhunt-flower", "toolhunt-cleanup");
        assertThat(read(file)).contains("    wait-for: [toolhunt-api, toolhunt-cleanup]\r\n");
        editor.remove("toolhunt-cleanup", "toolhunt-api");
        assertThat(read(file)).contains("      repository: https://github.com/wikimedia/toolhunt-cleanup\r\n    run:");
        editor.add("toolhunt-cleanup", "toolhunt-api");
        assertThat(read(file)).contains("    wait-for:\r\n      - toolhunt-api\r\n    run:\r\n      command: cleanup");
        editor.remove("toolhunt-flower", "toolhunt-cleanup");
        assertThat(editor.workspace().resource("toolhunt-cleanup").orElseThrow().waitFor()).containsExactly("toolhunt-api");
        assertThat(Files.readAllBytes(file)).isEqualTo(original);
    }

    @Test
    void jobsAreReorderedWithinTheirEntryAndBack() throws Exception {
        inventory(dir);
        String text = String.join("\r\n",
                "---",
                "- jobs:",
                "  # make the folder",
                "  - WORKDIR: app",
                "  - RUN: >-",
                "      echo one",
                "      two",
                "  # the last one",
                "  - RUN: echo three",
                "- targets: [web-1]",
                "  jobs:",
                "  - RUN: echo four");
        Path file = dir.resolve("play.yaml");
        Files.writeString(file, text);
        WaitForEditor editor = editor();

        editor.moveJob("play.1.3", "play.1.1", Placement.BEFORE);
        assertThat(read(file)).isEqualTo(String.join("\r\n",
                "---",
                "- jobs:",
                "  # the last one",
                "  - RUN: echo three",
                "  # make the folder",
                "  - WORKDIR: app",
                "  - RUN: >-",
                "      echo one",
                "      two",
                "- targets: [web-1]",
                "  jobs:",
                "  - RUN: echo four"));
        assertThat(editor.workspace().resource("play.1.1").orElseThrow().attributes()).containsEntry("value", "echo three");
        editor.moveJob("play.1.1", "play.1.3", Placement.AFTER);
        assertThat(read(file)).isEqualTo(text);

        assertThatThrownBy(() -> editor.moveJob("play.2.1", "play.1.1", Placement.AFTER))
                .hasMessageContaining("not jobs of the same entry");
        assertThatThrownBy(() -> editor.add("play.1.1", "play.1.2")).hasMessageContaining("jobs have no wait-for");
        assertThat(read(file)).isEqualTo(text);
    }
}
