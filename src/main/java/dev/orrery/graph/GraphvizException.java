package dev.orrery.graph;

/** Graphviz could not draw a picture: not installed, failed, or took too long. The message says which. */
public final class GraphvizException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GraphvizException(String message) {
        super(message);
    }

    public GraphvizException(String message, Throwable cause) {
        super(message, cause);
    }
}
