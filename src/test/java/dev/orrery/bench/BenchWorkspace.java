package dev.orrery.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Writes a synthetic workspace as real YAML files: an inventory of sandbox hosts and resources files, one task
 * per resource (each targets one host), each resource waiting for about five earlier ones: four close by (the
 * previous {@value #WINDOW}) and one anywhere before it, so the plan has long chains and many redundant edges.
 */
final class BenchWorkspace {
    static final int HOSTS = 10;
    static final int WAITS_PER_RESOURCE = 5;
    static final int WINDOW = 100;
    static final int RESOURCES_PER_FILE = 1_000;

    private BenchWorkspace() {
    }

    static String name(int index) {
        return String.format("r%05d", index);
    }

    static void write(Path root, int resources, long seed) {
        try {
            Files.createDirectories(root);
            StringBuilder inventory = new StringBuilder("hosts:\n");
            for (int h = 1; h <= HOSTS; h++) {
                inventory.append(String.format("  h%02d:%n    sandbox: true%n    tags: [bench, %s]%n", h,
                        h % 2 == 0 ? "even" : "odd"));
            }
            Files.writeString(root.resolve("inventory.yaml"), inventory);
            Random random = new Random(seed);
            StringBuilder file = new StringBuilder();
            for (int i = 0; i < resources; i++) {
                if (i % RESOURCES_PER_FILE == 0) {
                    flush(root, file, i);
                    file.append("resources:\n");
                }
                appendResource(file, i, random);
            }
            flush(root, file, resources);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void appendResource(StringBuilder file, int i, Random random) {
        file.append("  ").append(name(i)).append(":\n");
        file.append(String.format("    target: [h%02d]%n", 1 + i % HOSTS));
        file.append("    tags: [").append(i % 3 == 0 ? "front" : "back").append("]\n");
        List<String> waits = waitsFor(i, random);
        if (!waits.isEmpty()) {
            file.append("    wait-for: [").append(String.join(", ", waits)).append("]\n");
        }
        file.append("    inputs:\n      port: ").append(10_000 + i).append('\n');
        file.append("    actions:\n      run:\n        - run: echo start ").append(name(i)).append(" {{port}}\n");
        file.append("      remove:\n        - run: echo stop ").append(name(i)).append('\n');
    }

    private static List<String> waitsFor(int i, Random random) {
        Set<Integer> picked = new LinkedHashSet<>();
        int wanted = Math.min(WAITS_PER_RESOURCE, i);
        while (picked.size() < wanted) {
            boolean near = picked.size() < WAITS_PER_RESOURCE - 1 || i <= WINDOW;
            int from = near ? Math.max(0, i - WINDOW) : 0;
            int candidate = from + random.nextInt(i - from);
            picked.add(candidate);
        }
        List<String> names = new ArrayList<>();
        picked.forEach(p -> names.add(name(p)));
        return names;
    }

    private static void flush(Path root, StringBuilder file, int upTo) throws IOException {
        if (file.length() > 0) {
            int number = (upTo - 1) / RESOURCES_PER_FILE + 1;
            Files.writeString(root.resolve(String.format("resources-%02d.yaml", number)), file);
            file.setLength(0);
        }
    }
}
