package dev.orrery.gui.graph;

import dev.orrery.model.TaskState;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class StateBufferTest {
    @Test
    void aDrainHandsOverTheLastStateOfEachTaskOnce() {
        StateBuffer buffer = new StateBuffer();
        buffer.offer("a", TaskState.RUNNING);
        buffer.offer("a", TaskState.SUCCESS);
        buffer.offerAll(Map.of("b", TaskState.ERROR));

        assertThat(buffer.drain()).containsExactlyInAnyOrderEntriesOf(
                Map.of("a", TaskState.SUCCESS, "b", TaskState.ERROR));
        assertThat(buffer.drain()).isEmpty();
    }

    @Test
    void offersFromManyThreadsWhileDrainingAreNeitherLostNorDuplicated() throws Exception {
        StateBuffer buffer = new StateBuffer();
        int threads = 4;
        int perThread = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            pool.execute(() -> {
                for (int i = 0; i < perThread; i++) {
                    buffer.offer(thread + ":" + i, TaskState.SUCCESS);
                }
                done.countDown();
            });
        }
        Map<String, TaskState> seen = new HashMap<>();
        int drains = 0;
        while (done.getCount() > 0) {
            Map<String, TaskState> batch = buffer.drain();
            assertThat(batch.keySet()).noneMatch(seen::containsKey);
            seen.putAll(batch);
            drains++;
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        seen.putAll(buffer.drain());
        pool.shutdown();

        assertThat(seen).hasSize(threads * perThread);
        assertThat(drains).isPositive();
    }
}
