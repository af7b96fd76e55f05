package dev.orrery;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class allowed to break one of the dependency rules in docs/architecture.md. The architecture test skips it, so
 * the reason and the decision record that accepted it must be stated here, where a reader finds them.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ArchitectureException {
    /** Why the rule does not fit this class. */
    String reason();

    /** The decision record, e.g. {@code docs/decisions/0002-....md}. */
    String decision();
}
