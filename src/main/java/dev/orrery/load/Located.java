package dev.orrery.load;

import dev.orrery.model.SourceRef;

/** A text value from a file with the place it was written. */
record Located(String value, SourceRef at) {
}
