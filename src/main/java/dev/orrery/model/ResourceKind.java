package dev.orrery.model;

/** Which kind of file a resource came from. */
public enum ResourceKind {
    /** A native resource (resources file). */
    RESOURCE,
    /** A component of a seed-004 component file. */
    COMPONENT,
    /** One job of a seed-001 orchestration file. */
    JOB
}
