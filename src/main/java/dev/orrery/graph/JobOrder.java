package dev.orrery.graph;

import dev.orrery.model.ResourceKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Orders the orchestration job tasks of a plan (the Directord orchestration format): within an entry, the jobs on one target run in job
 * order; an entry starts on any target only when the previous entry has finished everywhere (a barrier), unless
 * the entry is {@code async: true}, which neither waits for nor holds back other entries. Jobs left out of the
 * plan (already done, same fingerprint) are skipped over: the next job waits for the previous one present.
 *
 * <p>A barrier joins the last task of each target of one entry to the first task of each target of the next
 * one: {@code O(targets²)} edges per barrier instead of one per pair of tasks.
 */
final class JobOrder {

    private JobOrder() {
    }

    interface EdgeSink {
        void edge(int parent, int child);
    }

    static void addEdges(List<PlanBuilder.Draft> drafts, EdgeSink sink) {
        // file → entry → host → job index → task
        Map<String, TreeMap<Integer, Entry>> files = new LinkedHashMap<>();
        for (int i = 0; i < drafts.size(); i++) {
            PlanBuilder.Draft draft = drafts.get(i);
            if (draft.resource().kind() != ResourceKind.JOB) {
                continue;
            }
            Dependencies.JobPosition position = Dependencies.jobPosition(draft.resource());
            Entry entry = files.computeIfAbsent(position.file(), f -> new TreeMap<>())
                    .computeIfAbsent(position.entry(), e -> new Entry(position.async()));
            entry.byHost.computeIfAbsent(draft.host().name(), h -> new TreeMap<>()).put(position.index(), i);
        }
        for (TreeMap<Integer, Entry> entries : files.values()) {
            Entry barrier = null;
            for (Entry entry : entries.values()) {
                for (TreeMap<Integer, Integer> jobs : entry.byHost.values()) {
                    Integer previous = null;
                    for (int task : jobs.values()) {
                        if (previous != null) {
                            sink.edge(previous, task);
                        }
                        previous = task;
                    }
                }
                if (entry.async) {
                    continue;
                }
                if (barrier != null) {
                    for (int last : barrier.lastTasks()) {
                        for (int first : entry.firstTasks()) {
                            sink.edge(last, first);
                        }
                    }
                }
                barrier = entry;
            }
        }
    }

    private static final class Entry {
        final boolean async;
        final Map<String, TreeMap<Integer, Integer>> byHost = new LinkedHashMap<>();

        Entry(boolean async) {
            this.async = async;
        }

        List<Integer> firstTasks() {
            List<Integer> firsts = new ArrayList<>();
            byHost.values().forEach(jobs -> firsts.add(jobs.firstEntry().getValue()));
            return firsts;
        }

        List<Integer> lastTasks() {
            List<Integer> lasts = new ArrayList<>();
            byHost.values().forEach(jobs -> lasts.add(jobs.lastEntry().getValue()));
            return lasts;
        }
    }
}
