package dev.orrery.model;

/** Which kind of file a resource came from. */
public enum ResourceKind {
    /** A native resource (resources file). */
    RESOURCE,
    /** A component of a Toolforge components file. */
    COMPONENT,
    /** One job of a Directord orchestration file. */
    JOB
}
