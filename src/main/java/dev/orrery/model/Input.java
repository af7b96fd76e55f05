package dev.orrery.model;

/**
 * One input of a resource: a literal value or a link to another resource's input.
 *
 * @param value        the literal value; for a link, the value resolved from the linked input
 * @param linkResource the resource this input is linked to, or null
 * @param linkInput    the input of {@code linkResource} it is linked to, or null
 * @param secret       masked wherever it would be shown, logged or stored
 */
public record Input(String name, String value, String linkResource, String linkInput, boolean secret, SourceRef source) {
    public boolean isLink() {
        return linkResource != null;
    }

    /** What may be shown to a person or written to history. */
    public String displayValue() {
        return secret ? Secrets.MASK : value;
    }
}
