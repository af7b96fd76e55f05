package dev.orrery.run;

import dev.orrery.model.OutputChunk;
import dev.orrery.model.OutputChunk.Stream;
import dev.orrery.model.Plan;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.TaskState;
import dev.orrery.model.Transition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("slow")
class OutputTest {
    @TempDir
    Path root;
    RunFixture f;

    @BeforeEach
    void setUp() {
        f = new RunFixture(root, "h1", "h2");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void storesStdoutStderrAndExitPerStepWithSecretsMasked() {
        PlanSketch s = new PlanSketch();
        String id = s.add("api", ResourceKind.RESOURCE, "run", "h1", 0, null, List.of("hunter2"),
                "echo token=hunter2; echo warn hunter2 >&2", "echo second");
        Plan plan = s.save(f.store);
        List<Object> events = Collections.synchronizedList(new ArrayList<>());
        RunListener listener = new RunListener() {
            @Override
            public void onTransition(Transition transition) {
                events.add(transition);
            }

            @Override
            public void onOutput(OutputChunk chunk) {
                events.add(chunk);
            }

            @Override
            public void onRunFinished(String planUid, TaskState result) {
                events.add(result);
            }
        };

        f.runner(RunFixture.fast()).addListener(listener).run(plan.uid());
        RunFixture.await(() -> events.contains(TaskState.SUCCESS), "the run-finished event");

        List<OutputChunk> stored = f.store.tasks().output(plan.uid(), id);
        assertThat(stored).extracting(OutputChunk::step, OutputChunk::stream, OutputChunk::text).contains(
                org.assertj.core.groups.Tuple.tuple(0, Stream.STDOUT, "token=******\n"),
                org.assertj.core.groups.Tuple.tuple(0, Stream.STDERR, "warn ******\n"),
                org.assertj.core.groups.Tuple.tuple(0, Stream.EXIT, "0"),
                org.assertj.core.groups.Tuple.tuple(1, Stream.STDOUT, "second\n"),
                org.assertj.core.groups.Tuple.tuple(1, Stream.EXIT, "0"));
        assertThat(stored).allSatisfy(c -> assertThat(c.text()).doesNotContain("hunter2"));
        // listeners: masked too, and in order for the task: RUNNING, its output, SUCCESS
        List<Object> mine = events.stream().filter(e -> !(e instanceof TaskState)).toList();
        assertThat(mine).allSatisfy(e -> assertThat(e.toString()).doesNotContain("hunter2"));
        assertThat(mine.get(0)).isInstanceOfSatisfying(Transition.class, t -> assertThat(t.to()).isEqualTo(TaskState.RUNNING));
        assertThat(mine.get(mine.size() - 1)).isInstanceOfSatisfying(Transition.class,
                t -> assertThat(t.to()).isEqualTo(TaskState.SUCCESS));
        assertThat(mine.subList(1, mine.size() - 1)).allSatisfy(e -> assertThat(e).isInstanceOf(OutputChunk.class));
        assertThat(events.get(events.size() - 1)).isEqualTo(TaskState.SUCCESS);
    }

    @Test
    void secretsAreMaskedInTheErrorReasonToo() {
        PlanSketch s = new PlanSketch();
        String id = s.add("db", ResourceKind.RESOURCE, "run", "h1", 0, null, List.of("s3cr3t-pw"),
                "echo 'login with s3cr3t-pw refused' >&2; exit 1");
        Plan plan = s.save(f.store);

        f.run(plan);

        assertThat(f.statuses(plan).get(id).error()).isEqualTo("exit 1: login with ****** refused");
        assertThat(f.store.tasks().transitions(plan.uid())).allSatisfy(
                t -> assertThat(String.valueOf(t.reason())).doesNotContain("s3cr3t-pw"));
    }

    @Test
    void outputIsCappedWithAVisibleMarker() {
        PlanSketch s = new PlanSketch();
        String chatty = s.task("chatty", "h1", "i=0; while [ $i -lt 500 ]; do echo line-$i; i=$((i+1)); done");
        String quiet = s.task("quiet", "h2", "echo short");
        Plan plan = s.save(f.store);

        RunResult result = f.runner(RunFixture.fast().withOutputCap(200)).run(plan.uid());

        assertThat(result.result()).isEqualTo(TaskState.SUCCESS);
        List<OutputChunk> out = f.store.tasks().output(plan.uid(), chatty);
        String text = String.join("", out.stream().filter(c -> c.stream() != Stream.EXIT).map(OutputChunk::text).toList());
        int kept = text.substring(0, text.indexOf("[output truncated")).getBytes(StandardCharsets.UTF_8).length;
        assertThat(kept).isLessThanOrEqualTo(200).isGreaterThan(150);
        assertThat(text).startsWith("line-0\nline-1\n").endsWith("[output truncated after " + kept + " bytes]\n");
        assertThat(text).doesNotContain("line-499");
        assertThat(out.get(out.size() - 1).stream()).isEqualTo(Stream.EXIT);
        assertThat(f.store.tasks().output(plan.uid(), quiet)).extracting(OutputChunk::text).contains("short\n");
    }
}
