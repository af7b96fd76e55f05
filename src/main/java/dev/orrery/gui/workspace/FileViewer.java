package dev.orrery.gui.workspace;

import dev.orrery.gui.Styles;
import javafx.collections.FXCollections;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A read-only window showing a workspace file with line numbers, scrolled to and highlighting one line. */
public final class FileViewer {
    public static final String LIST_ID = "file-viewer-lines";

    private FileViewer() {
    }

    /** Opens the viewer; {@code line} is 1-based (0: no line). */
    public static Stage show(Window owner, Path file, int line, String message) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            lines = List.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
        ListView<String> list = new ListView<>(FXCollections.observableArrayList(lines));
        list.setId(LIST_ID);
        list.getStyleClass().add(Styles.FILE_VIEWER);
        int width = String.valueOf(lines.size()).length();
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                getStyleClass().remove(Styles.FILE_VIEWER_LINE);
                getStyleClass().add(Styles.FILE_VIEWER_LINE);
                pseudoClassStateChanged(Styles.HIGHLIGHTED, !empty && getIndex() == line - 1);
                setText(empty ? null : String.format("%" + width + "d  %s", getIndex() + 1, text));
            }
        });
        if (line > 0) {
            list.getSelectionModel().select(line - 1);
            list.scrollTo(Math.max(0, line - 6));
        }
        BorderPane root = new BorderPane(list);
        if (message != null) {
            Label banner = new Label(file.getFileName() + ":" + line + "  " + message);
            banner.getStyleClass().add(Styles.PANE_HEADER);
            banner.setMaxWidth(Double.MAX_VALUE);
            banner.setWrapText(true);
            root.setTop(banner);
        }
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle(file.getFileName() + (line > 0 ? ":" + line : "") + " (read-only)");
        Scene scene = new Scene(root, 760, 520);
        scene.getStylesheets().add(FileViewer.class.getResource(Styles.STYLESHEET).toExternalForm());
        stage.setScene(scene);
        stage.show();
        return stage;
    }
}
