package dev.orrery.gui.graph;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EditHistoryTest {
    private final List<String> log = new ArrayList<>();

    private EditHistory.Command command(String name) {
        return new EditHistory.Command() {
            @Override
            public String description() {
                return name;
            }

            @Override
            public void apply() {
                log.add("do " + name);
            }

            @Override
            public void revert() {
                log.add("undo " + name);
            }
        };
    }

    @Test
    void undoAndRedoWalkTheStackInOrder() throws Exception {
        EditHistory h = new EditHistory();
        h.perform(command("a"));
        h.perform(command("b"));

        assertThat(h.undo()).map(EditHistory.Command::description).contains("b");
        assertThat(h.undo()).map(EditHistory.Command::description).contains("a");
        assertThat(h.undo()).isEmpty();
        assertThat(h.redo()).map(EditHistory.Command::description).contains("a");

        assertThat(log).containsExactly("do a", "do b", "undo b", "undo a", "do a");
        assertThat(h.canUndo()).isTrue();
        assertThat(h.canRedo()).isTrue();
    }

    @Test
    void aNewEditClearsTheRedoSide() throws Exception {
        EditHistory h = new EditHistory();
        h.perform(command("a"));
        h.undo();
        h.perform(command("c"));

        assertThat(h.canRedo()).isFalse();
        assertThat(h.undoDescriptions()).containsExactly("c");
    }

    @Test
    void aFailingCommandIsNotRecorded() {
        EditHistory h = new EditHistory();
        EditHistory.Command failing = new EditHistory.Command() {
            @Override
            public String description() {
                return "x";
            }

            @Override
            public void apply() throws Exception {
                throw new java.io.IOException("file changed on disk");
            }

            @Override
            public void revert() {
            }
        };

        assertThatThrownBy(() -> h.perform(failing)).hasMessage("file changed on disk");
        assertThat(h.canUndo()).isFalse();
    }
}
