package dev.orrery.gui;

import javafx.util.StringConverter;

/** Choice boxes whose empty value means "no filter": it is shown as a phrase ("all hosts", "every tag"). */
public final class EmptyChoice {
    private EmptyChoice() {
    }

    public static StringConverter<String> shownAs(String phrase) {
        return new StringConverter<>() {
            @Override
            public String toString(String value) {
                return value == null || value.isEmpty() ? phrase : value;
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        };
    }
}
