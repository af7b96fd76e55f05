package dev.orrery.store;

/** A plan reference that names no stored plan. */
public class UnknownPlanException extends StoreException {
    public UnknownPlanException(String message) {
        super(message);
    }
}
