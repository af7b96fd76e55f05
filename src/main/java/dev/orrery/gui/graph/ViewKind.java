package dev.orrery.gui.graph;

/** The three ways to look at a deployment. */
public enum ViewKind {
    /** One node per resource, component or orchestration job. */
    RESOURCES,
    /** One node per task ({@code resource.action@host}). */
    TASKS,
    /** One node per task, in one labelled lane per host. */
    HOSTS
}
