package dev.orrery.gui.workspace;

import dev.orrery.gui.Styles;
import dev.orrery.load.Problem;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

import java.nio.file.Path;

/** The Problems tab: every validation problem with file:line:col; a click opens the file at that line. */
public final class ProblemsPane extends TableView<Problem> {
    public static final String ID = "problems-table";

    public ProblemsPane(WorkspaceViewModel model) {
        super(model.problems());
        setId(ID);
        setPlaceholder(new Label("No problems: every file validates."));
        TableColumn<Problem, String> where = new TableColumn<>("Location");
        where.setCellValueFactory(c -> new ReadOnlyStringWrapper(location(model, c.getValue())));
        where.setPrefWidth(260);
        where.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                getStyleClass().remove(Styles.PROBLEM_LOCATION);
                if (!empty) {
                    getStyleClass().add(Styles.PROBLEM_LOCATION);
                }
            }
        });
        TableColumn<Problem, String> message = new TableColumn<>("Problem");
        message.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().message()));
        message.setPrefWidth(720);
        getColumns().add(where);
        getColumns().add(message);
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setRowFactory(t -> {
            TableRow<Problem> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (!row.isEmpty()) {
                    open(row.getItem());
                }
            });
            return row;
        });
    }

    private void open(Problem p) {
        FileViewer.show(getScene().getWindow(), p.file(), p.line(), p.message());
    }

    private static String location(WorkspaceViewModel model, Problem p) {
        Path file = p.file();
        OrreryBackend b = model.backendProperty().get();
        if (b != null && file.isAbsolute() && file.startsWith(b.root())) {
            file = b.root().relativize(file);
        }
        return file + ":" + p.line() + ":" + p.column();
    }
}
