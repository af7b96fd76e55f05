package dev.orrery.gui.workspace;

import dev.orrery.gui.Selection;
import dev.orrery.gui.Styles;
import dev.orrery.model.Host;
import dev.orrery.model.Resource;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.nio.file.Path;
import java.util.Locale;

/** The left pane: the workspace's files and what each defines, with a filter box. A thin view. */
public final class WorkspacePane extends VBox {
    public static final String FILTER_ID = "workspace-filter";
    public static final String TREE_ID = "workspace-tree";

    private final TreeView<WorkspaceTree.Entry> tree = new TreeView<>();
    private final TextField filter = new TextField();
    private final WorkspaceViewModel model;

    public WorkspacePane(WorkspaceViewModel model, ObjectProperty<Selection> selection) {
        this.model = model;
        getStyleClass().add(Styles.SIDE_PANE);
        Label header = new Label("WORKSPACE");
        header.getStyleClass().add(Styles.PANE_HEADER);
        header.setMaxWidth(Double.MAX_VALUE);
        filter.setId(FILTER_ID);
        filter.setPromptText("Filter files, resources, hosts");
        filter.getStyleClass().add(Styles.FILTER_BOX);
        filter.setTooltip(new Tooltip("Filter the tree (Ctrl+L)"));
        VBox.setMargin(filter, new Insets(6));
        tree.setId(TREE_ID);
        tree.setShowRoot(false);
        tree.setCellFactory(v -> new EntryCell());
        VBox.setVgrow(tree, Priority.ALWAYS);
        getChildren().addAll(header, filter, tree);

        model.treeProperty().addListener((obs, old, now) -> rebuild());
        filter.textProperty().addListener((obs, old, now) -> rebuild());
        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (item != null && item.getValue() != null) {
                selection.set(selectionOf(item.getValue()));
            }
        });
    }

    public void focusFilter() {
        filter.requestFocus();
        filter.selectAll();
    }

    private void rebuild() {
        WorkspaceTree shown = model.treeProperty().get().filter(filter.getText());
        TreeItem<WorkspaceTree.Entry> root = new TreeItem<>();
        for (WorkspaceTree.Entry file : shown.files()) {
            TreeItem<WorkspaceTree.Entry> fileItem = new TreeItem<>(file);
            fileItem.setExpanded(true);
            file.children().forEach(c -> fileItem.getChildren().add(new TreeItem<>(c)));
            root.getChildren().add(fileItem);
        }
        tree.setRoot(root);
    }

    static Selection selectionOf(WorkspaceTree.Entry entry) {
        return switch (entry.kind()) {
            case FILE -> new Selection.File((Path) entry.payload());
            case HOST -> new Selection.Host(((Host) entry.payload()).name());
            case RESOURCE, COMPONENT, JOB -> new Selection.Resource(((Resource) entry.payload()).name());
        };
    }

    private static final class EntryCell extends TreeCell<WorkspaceTree.Entry> {
        @Override
        protected void updateItem(WorkspaceTree.Entry entry, boolean empty) {
            super.updateItem(entry, empty);
            if (empty || entry == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Label kind = new Label(badge(entry.kind()));
            kind.getStyleClass().addAll(Styles.TREE_ENTRY_KIND, "kind-" + entry.kind().name().toLowerCase(Locale.ROOT));
            Label name = new Label(entry.label());
            HBox box = new HBox(6, kind, name);
            if (entry.detail() != null && !entry.detail().isBlank()) {
                Label detail = new Label(entry.detail());
                detail.getStyleClass().add(Styles.TREE_ENTRY_DETAIL);
                box.getChildren().add(detail);
            }
            box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            setText(null);
            setGraphic(box);
        }

        private static String badge(WorkspaceTree.Kind kind) {
            return switch (kind) {
                case FILE -> "FILE";
                case RESOURCE -> "RES";
                case COMPONENT -> "CMP";
                case JOB -> "JOB";
                case HOST -> "HOST";
            };
        }
    }
}
