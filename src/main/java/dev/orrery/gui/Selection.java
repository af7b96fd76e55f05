package dev.orrery.gui;

import dev.orrery.model.Change;

import java.nio.file.Path;

/** What the person selected last, in the tree, the graph, a table or history. */
public sealed interface Selection {
    record File(Path path) implements Selection {
    }

    record Resource(String name) implements Selection {
    }

    record Host(String name) implements Selection {
    }

    record Task(String taskId) implements Selection {
    }

    record StagedChange(Change change) implements Selection {
    }
}
