package dev.orrery.graph;

import java.util.Arrays;

/** Growable adjacency lists of int node numbers: cheap to fill with many edges, no boxing. */
final class IntLists {
    private int[][] rows = new int[16][];
    private int[] sizes = new int[16];
    private int nodes;

    /** Makes room for nodes {@code 0..count-1}. */
    void ensureNodes(int count) {
        if (count > rows.length) {
            int capacity = Math.max(count, rows.length * 2);
            rows = Arrays.copyOf(rows, capacity);
            sizes = Arrays.copyOf(sizes, capacity);
        }
        nodes = Math.max(nodes, count);
    }

    void add(int from, int to) {
        ensureNodes(from + 1);
        int[] row = rows[from];
        if (row == null) {
            row = rows[from] = new int[4];
        } else if (sizes[from] == row.length) {
            row = rows[from] = Arrays.copyOf(row, row.length * 2);
        }
        row[sizes[from]++] = to;
    }

    /** Each row sorted, without duplicates. */
    int[][] toSortedUniqueArrays() {
        int[][] result = new int[nodes][];
        for (int u = 0; u < nodes; u++) {
            int[] row = rows[u] == null ? new int[0] : Arrays.copyOf(rows[u], sizes[u]);
            Arrays.sort(row);
            int unique = 0;
            for (int i = 0; i < row.length; i++) {
                if (i == 0 || row[i] != row[i - 1]) {
                    row[unique++] = row[i];
                }
            }
            result[u] = unique == row.length ? row : Arrays.copyOf(row, unique);
        }
        return result;
    }
}
