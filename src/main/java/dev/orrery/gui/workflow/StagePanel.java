package dev.orrery.gui.workflow;

import dev.orrery.gui.Selection;
import dev.orrery.gui.EmptyChoice;
import dev.orrery.gui.Styles;
import dev.orrery.model.Action;
import dev.orrery.model.Change;
import dev.orrery.model.Resource;
import dev.orrery.model.Workspace;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Stage tab: the changes {@code changes stage} would find, a tick per change, a tag filter, "Stage
 * selected", "Stage action…" and the staged bucket with "Discard staged". A thin view over
 * {@link StageViewModel}.
 */
public final class StagePanel extends VBox {
    public static final String TABLE_ID = "stage-table";
    public static final String STAGE_BUTTON_ID = "stage-selected";
    public static final String STAGED_LIST_ID = "staged-list";
    public static final String DISCARD_ID = "discard-staged";
    public static final String TAG_FILTER_ID = "stage-tag-filter";
    private static final Set<String> BUILT_IN = Set.of(Action.RUN, Action.UPDATE, Action.REMOVE);

    private final StageViewModel model;
    private final ObservableValue<Workspace> workspace;

    public StagePanel(StageViewModel model, ObservableValue<Workspace> workspace, ObjectProperty<Selection> selection) {
        this.model = model;
        this.workspace = workspace;
        getStyleClass().add(Styles.STAGE_PANEL);

        ComboBox<String> tagFilter = new ComboBox<>(model.tags());
        tagFilter.setId(TAG_FILTER_ID);
        tagFilter.valueProperty().bindBidirectional(model.tagFilterProperty());
        tagFilter.setConverter(EmptyChoice.shownAs("every tag"));
        Button all = new Button("Tick all");
        all.setOnAction(e -> model.selectAll(true));
        Button none = new Button("Untick all");
        none.setOnAction(e -> model.selectAll(false));
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> model.refresh());
        refresh.setTooltip(new Tooltip("Compare the files with what was last deployed again"));
        Button stage = new Button("Stage selected");
        stage.setId(STAGE_BUTTON_ID);
        stage.setDefaultButton(false);
        stage.getStyleClass().add(Styles.WORKFLOW_STEP);
        stage.setOnAction(e -> model.stageSelected());
        stage.setTooltip(new Tooltip("Put the ticked changes into the staged bucket (Ctrl+Shift+S)"));
        Button custom = new Button("Stage action…");
        custom.setId("stage-action");
        custom.setTooltip(new Tooltip("Stage a custom action such as restart or test on chosen resources"));
        custom.setOnAction(e -> askCustomAction());
        Label tagLabel = new Label("Tag");
        tagLabel.getStyleClass().add(Styles.TOOLBAR_LABEL);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(6, tagLabel, tagFilter, all, none, refresh, grow, custom, stage);
        bar.setAlignment(Pos.CENTER_LEFT);

        TableView<ChangeRow> table = new TableView<>(model.rows());
        table.setId(TABLE_ID);
        table.setEditable(true);
        table.setPlaceholder(new Label("Nothing to stage: the files match what was last deployed."));
        TableColumn<ChangeRow, Boolean> pick = new TableColumn<>("");
        pick.setCellValueFactory(c -> c.getValue().selectedProperty());
        pick.setCellFactory(CheckBoxTableCell.forTableColumn(pick));
        pick.setEditable(true);
        pick.setPrefWidth(34);
        TableColumn<ChangeRow, String> action = new TableColumn<>("Action");
        action.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().change().action()));
        action.setCellFactory(col -> new ActionCell());
        action.setPrefWidth(80);
        TableColumn<ChangeRow, String> resource = text("Resource", r -> r.change().resource(), 170);
        TableColumn<ChangeRow, String> reason = text("Why", r -> r.change().reason(), 140);
        TableColumn<ChangeRow, String> tags = text("Tags", ChangeRow::tagsText, 120);
        TableColumn<ChangeRow, String> diff = text("Field diff", ChangeRow::diffSummary, 460);
        diff.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setTooltip(empty ? null : new javafx.scene.control.Tooltip(getTableRow() == null
                        || getTableRow().getItem() == null ? text : getTableRow().getItem().diffText()));
                getStyleClass().remove(Styles.DIFF_TEXT);
                if (!empty) {
                    getStyleClass().add(Styles.DIFF_TEXT);
                }
            }
        });
        table.getColumns().addAll(List.of(pick, action, resource, reason, tags, diff));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null) {
                selection.set(new Selection.StagedChange(row.change()));
            }
        });

        ListView<Change> staged = new ListView<>(model.staged());
        staged.setId(STAGED_LIST_ID);
        staged.setPlaceholder(new Label("The staged bucket is empty."));
        staged.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(Change c, boolean empty) {
                super.updateItem(c, empty);
                setText(empty || c == null ? null : "#" + c.id() + "  " + c.action() + "  " + c.resource()
                        + "   (" + c.reason() + ")");
            }
        });
        staged.getSelectionModel().selectedItemProperty().addListener((obs, old, c) -> {
            if (c != null) {
                selection.set(new Selection.StagedChange(c));
            }
        });
        staged.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        Button discardSelected = new Button("Discard selected");
        discardSelected.setId("discard-selected");
        discardSelected.disableProperty().bind(staged.getSelectionModel().selectedItemProperty().isNull());
        discardSelected.setOnAction(e -> model.discard(List.copyOf(staged.getSelectionModel().getSelectedItems())));
        Button discard = new Button("Discard all");
        discard.setId(DISCARD_ID);
        discard.setTooltip(new Tooltip("Empty the staged bucket (changes stage finds them again)"));
        discard.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(model.staged()));
        discard.setOnAction(e -> model.discardAll());
        Label stagedTitle = new Label("STAGED — Process turns these into a plan");
        stagedTitle.getStyleClass().add(Styles.PANE_HEADER);
        stagedTitle.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(stagedTitle, Priority.ALWAYS);
        HBox stagedBar = new HBox(6, stagedTitle, discardSelected, discard);
        stagedBar.setAlignment(Pos.CENTER_LEFT);
        VBox stagedBox = new VBox(4, stagedBar, staged);
        VBox.setVgrow(staged, Priority.ALWAYS);

        Label found = new Label("CHANGES FOUND — what `changes stage` would stage");
        found.getStyleClass().add(Styles.PANE_HEADER);
        found.setMaxWidth(Double.MAX_VALUE);
        VBox top = new VBox(6, found, bar, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        SplitPane split = new SplitPane(top, stagedBox);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.68);
        VBox.setVgrow(split, Priority.ALWAYS);

        Label message = new Label();
        message.getStyleClass().add(Styles.HINT);
        message.textProperty().bind(model.messageProperty());
        getChildren().addAll(split, message);
    }

    private static TableColumn<ChangeRow, String> text(String title, java.util.function.Function<ChangeRow, String> f,
                                                       double width) {
        TableColumn<ChangeRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(f.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /** Asks which custom action to stage on which resources. */
    private void askCustomAction() {
        Workspace ws = workspace.getValue();
        if (ws == null) {
            return;
        }
        TreeSet<String> actions = new TreeSet<>();
        ws.resources().forEach(r -> r.actions().keySet().stream().filter(a -> !BUILT_IN.contains(a)).forEach(actions::add));
        actions.addAll(BUILT_IN);
        ChoiceBox<String> actionBox = new ChoiceBox<>(javafx.collections.FXCollections.observableArrayList(actions));
        actionBox.setId("stage-action-name");
        actionBox.getSelectionModel().selectFirst();
        ListView<String> resources = new ListView<>();
        resources.setId("stage-action-resources");
        resources.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        resources.setPrefHeight(220);
        Runnable fill = () -> resources.getItems().setAll(ws.resources().stream()
                .filter(r -> r.actions().containsKey(actionBox.getValue())).map(Resource::name).toList());
        actionBox.valueProperty().addListener((o, a, b) -> fill.run());
        fill.run();
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("Action"), actionBox);
        grid.addRow(1, new Label("Resources"), resources);
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(getScene().getWindow());
        dialog.setTitle("Stage action");
        dialog.setHeaderText("Stage an action on chosen resources, even without a change in the files");
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Optional<ButtonType> answer = dialog.showAndWait();
        if (answer.isPresent() && answer.get() == ButtonType.OK) {
            model.stageAction(List.copyOf(resources.getSelectionModel().getSelectedItems()), actionBox.getValue());
        }
    }

    private static final class ActionCell extends TableCell<ChangeRow, String> {
        @Override
        protected void updateItem(String action, boolean empty) {
            super.updateItem(action, empty);
            getStyleClass().removeIf(s -> s.startsWith("stage-action-"));
            setText(empty ? null : action);
            if (!empty && action != null) {
                getStyleClass().add(BUILT_IN.contains(action) ? "stage-action-" + action : "stage-action-custom");
            }
        }
    }
}
