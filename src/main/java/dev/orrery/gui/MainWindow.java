package dev.orrery.gui;

import dev.orrery.gui.history.HistoryPanel;
import dev.orrery.gui.workflow.OutputPane;
import dev.orrery.gui.workflow.PlanTable;
import dev.orrery.gui.workflow.RunProgressPane;
import dev.orrery.gui.workflow.StagePanel;
import dev.orrery.gui.workflow.StaleGuard;
import dev.orrery.gui.workflow.TaskMenu;
import dev.orrery.gui.workspace.DetailsPane;
import dev.orrery.gui.workspace.OrreryBackend.ControlVerb;
import dev.orrery.gui.workspace.ProblemsPane;
import dev.orrery.gui.workspace.WorkspacePane;
import dev.orrery.gui.workspace.WorkspaceViewModel;
import dev.orrery.model.TaskStatus;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.collections.MapChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import javafx.util.Duration;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The main window: toolbar (Stage → Process → Run, Stop / Resume / Restart / Retry, environment), workspace
 * tree on the left, graph / stage / history in the centre, details on the right, problems / output / run
 * progress at the bottom. A thin view over {@link MainViewModel}: it lays out and binds, nothing more.
 */
public final class MainWindow {
    public static final String STAGE_BUTTON = "toolbar-stage";
    public static final String PROCESS_BUTTON = "toolbar-process";
    public static final String RUN_BUTTON = "toolbar-run";
    public static final String STOP_BUTTON = "toolbar-stop";
    public static final String RESUME_BUTTON = "toolbar-resume";
    public static final String RESTART_BUTTON = "toolbar-restart";
    public static final String RETRY_BUTTON = "toolbar-retry";
    public static final String ENVIRONMENT_CHOOSER = "toolbar-environment";
    public static final String LIMIT_FIELD = "toolbar-limit";
    public static final String LIMIT_STATUS = "toolbar-limit-status";
    public static final String CENTER_TABS = "center-tabs";
    public static final String BOTTOM_TABS = "bottom-tabs";

    private final MainViewModel model;
    private final Stage stage;
    private final RecentWorkspaces recent;
    private final BorderPane root = new BorderPane();
    private final TabPane center = new TabPane();
    private final TabPane bottom = new TabPane();
    private final Tab graphTab = new Tab("Graph");
    private final Tab stageTab = new Tab("Stage");
    private final Tab historyTab = new Tab("History");
    private final Tab outputTab = new Tab("Output log");
    private final Tab progressTab = new Tab("Run progress");
    private final Tab problemsTab = new Tab("Problems");
    private final GraphSlot graph;
    private final WorkspacePane workspacePane;
    private final Set<String> explainedKeyErrors = new HashSet<>();

    public MainWindow(Stage stage, MainViewModel model, RecentWorkspaces recent) {
        this.stage = stage;
        this.model = model;
        this.recent = recent;
        TaskMenu taskMenu = new TaskMenu(model.run(), this::showOutput);
        graph = new GraphSlot(model, taskMenu, this::showOutput);
        workspacePane = new WorkspacePane(model.workspace(), model.selectionProperty());

        PlanTable planTable = new PlanTable(model.run(), model.selectionProperty(), taskMenu);
        SplitPane graphAndTable = new SplitPane(graph.node(), planTable);
        graphAndTable.setOrientation(Orientation.VERTICAL);
        graphAndTable.setDividerPositions(0.86);
        // The plan table takes room only once there is a plan to preview.
        model.run().planProperty().addListener((o, old, plan) -> {
            if ((old == null) != (plan == null)) {
                graphAndTable.setDividerPositions(plan == null ? 0.86 : 0.62);
            }
        });
        graphTab.setContent(graphAndTable);
        stageTab.setContent(new StagePanel(model.stage(), model.workspace().workspaceProperty(), model.selectionProperty()));
        historyTab.setContent(new HistoryPanel(model.history(), graph.historyNode(), model.workspace()::environmentOrNull));
        for (Tab t : new Tab[] {graphTab, stageTab, historyTab}) {
            t.setClosable(false);
            t.setId("tab-" + t.getText().toLowerCase());
        }
        center.setId(CENTER_TABS);
        center.getTabs().addAll(graphTab, stageTab, historyTab);

        problemsTab.setContent(new ProblemsPane(model.workspace()));
        problemsTab.textProperty().bind(Bindings.size(model.workspace().problems()).asString("Problems (%d)"));
        outputTab.setContent(new OutputPane(model.run()));
        progressTab.setContent(new RunProgressPane(model.run()));
        for (Tab t : new Tab[] {problemsTab, outputTab, progressTab}) {
            t.setClosable(false);
        }
        problemsTab.setId("tab-problems");
        outputTab.setId("tab-output");
        progressTab.setId("tab-progress");
        bottom.setId(BOTTOM_TABS);
        bottom.getTabs().addAll(progressTab, outputTab, problemsTab);

        VBox plans = new VBox(StaleGuard.banner(model.run().staleProperty()), center);
        VBox.setVgrow(center, Priority.ALWAYS);
        SplitPane middle = new SplitPane(workspacePane, plans, new DetailsPane(model.detailsProperty()));
        middle.setDividerPositions(0.18, 0.79);
        SplitPane.setResizableWithParent(workspacePane, false);
        SplitPane vertical = new SplitPane(middle, bottom);
        vertical.setOrientation(Orientation.VERTICAL);
        vertical.setDividerPositions(0.78);

        root.setTop(toolbar());
        root.setCenter(vertical);
        root.setBottom(statusBar());
        wireBehaviour();
    }

    /** The scene, with the stylesheet and every shortcut installed. */
    public Scene createScene(double width, double height) {
        Scene scene = new Scene(root, width, height);
        scene.getStylesheets().add(MainWindow.class.getResource(Styles.STYLESHEET).toExternalForm());
        accelerate(scene, Shortcuts.OPEN, this::chooseWorkspace);
        accelerate(scene, Shortcuts.RELOAD, model.workspace()::reload);
        accelerate(scene, Shortcuts.STAGE, this::stage);
        accelerate(scene, Shortcuts.PROCESS, this::process);
        accelerate(scene, Shortcuts.RUN, this::run);
        accelerate(scene, Shortcuts.STOP, () -> model.run().control(ControlVerb.STOP));
        accelerate(scene, Shortcuts.RESUME, () -> model.run().control(ControlVerb.RESUME));
        accelerate(scene, Shortcuts.RESTART, () -> model.run().control(ControlVerb.RESTART));
        accelerate(scene, Shortcuts.RETRY, () -> model.run().control(ControlVerb.RETRY));
        accelerate(scene, Shortcuts.FILTER_TREE, workspacePane::focusFilter);
        accelerate(scene, Shortcuts.SHOW_GRAPH, () -> center.getSelectionModel().select(graphTab));
        accelerate(scene, Shortcuts.SHOW_STAGE, () -> center.getSelectionModel().select(stageTab));
        accelerate(scene, Shortcuts.SHOW_HISTORY, () -> center.getSelectionModel().select(historyTab));
        graph.installShortcuts(scene, () -> center.getSelectionModel().select(graphTab));
        return scene;
    }

    private static void accelerate(Scene scene, KeyCombination key, Runnable action) {
        scene.getAccelerators().put(key, action);
    }

    private Node toolbar() {
        Label title = new Label("Orrery");
        title.getStyleClass().add(Styles.APP_TITLE);
        MenuButton open = new MenuButton("Open");
        open.setId("toolbar-open");
        open.setTooltip(new Tooltip(Shortcuts.tip("Open a workspace folder", Shortcuts.OPEN)));
        open.setOnShowing(e -> fillRecent(open));
        fillRecent(open);

        Button stageButton = button(STAGE_BUTTON, "① Stage", "Stage the ticked changes of the Stage tab", Shortcuts.STAGE, this::stage);
        Button process = button(PROCESS_BUTTON, "② Process", "Turn the staged changes into a plan and preview it; nothing runs yet",
                Shortcuts.PROCESS, this::process);
        Button run = button(RUN_BUTTON, "③ Run", "Run the plan on its hosts", Shortcuts.RUN, this::run);
        for (Button b : new Button[] {stageButton, process, run}) {
            b.getStyleClass().add(Styles.WORKFLOW_STEP);
        }
        run.getStyleClass().add(Styles.RUN_BUTTON);
        Button stop = button(STOP_BUTTON, "Stop", "Stop: pending tasks are skipped, running tasks finish", Shortcuts.STOP,
                () -> model.run().control(ControlVerb.STOP));
        stop.getStyleClass().add(Styles.STOP_BUTTON);
        Button resume = button(RESUME_BUTTON, "Resume", "Resume: skipped tasks back to pending, and run", Shortcuts.RESUME,
                () -> model.run().control(ControlVerb.RESUME));
        Button restart = button(RESTART_BUTTON, "Restart", "Restart: every task back to pending, and run", Shortcuts.RESTART,
                () -> model.run().control(ControlVerb.RESTART));
        Button retry = button(RETRY_BUTTON, "Retry", "Retry: failed tasks back to pending, and run", Shortcuts.RETRY,
                () -> model.run().control(ControlVerb.RETRY));

        var noWorkspace = model.workspace().backendProperty().isNull();
        var noPlan = model.run().planProperty().isNull();
        stageButton.disableProperty().bind(noWorkspace);
        process.disableProperty().bind(noWorkspace.or(Bindings.isEmpty(model.stage().staged()))
                .or(model.workspace().limitValidProperty().not()));
        // a stale plan: Run, Resume and Retry are refused while its unfinished part is stale, Restart while any is
        var runRefused = model.run().runRefusedProperty();
        var stale = model.run().staleProperty();
        run.disableProperty().bind(noPlan.or(model.run().runningHereProperty()).or(runRefused.isNotEmpty()));
        stop.disableProperty().bind(noPlan);
        resume.disableProperty().bind(noPlan.or(runRefused.isNotEmpty()));
        retry.disableProperty().bind(noPlan.or(runRefused.isNotEmpty()));
        restart.disableProperty().bind(noPlan.or(stale.isNotEmpty()));

        ComboBox<String> env = new ComboBox<>(model.workspace().environments());
        env.setId(ENVIRONMENT_CHOOSER);
        env.valueProperty().bindBidirectional(model.workspace().environmentProperty());
        env.setTooltip(new Tooltip("Environment: only hosts with this tag are staged, planned and run"));
        env.setConverter(EmptyChoice.shownAs("all hosts"));
        Label envLabel = new Label("Environment");
        envLabel.getStyleClass().add(Styles.TOOLBAR_LABEL);
        TextField limit = new TextField();
        limit.setId(LIMIT_FIELD);
        limit.setPromptText("limit: web-*,!db-1");
        limit.setPrefColumnCount(12);
        limit.textProperty().bindBidirectional(model.workspace().limitProperty());
        Label limitStatus = new Label();
        limitStatus.setId(LIMIT_STATUS);
        limitStatus.getStyleClass().add(Styles.HINT);
        limitStatus.textProperty().bind(model.workspace().limitStatusProperty());
        limitStatus.setMaxWidth(260); // an error names every host and tag: the tooltip has it whole
        Tooltip limitTip = new Tooltip();
        limitTip.textProperty().bind(Bindings.concat("Plan only these hosts (as Ansible's --limit): names, tags, web-*, "
                + "a,b lists, !x to leave out, &x to intersect.\n", model.workspace().limitStatusProperty()));
        limit.setTooltip(limitTip);
        model.workspace().limitValidProperty().addListener((o, was, valid) ->
                limit.pseudoClassStateChanged(Styles.INVALID, !valid));
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(model.workspace().loadingProperty().or(model.run().runningHereProperty()));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Label arrow1 = arrow();
        Label arrow2 = arrow();
        HBox bar = new HBox(title, new Separator(Orientation.VERTICAL), open,
                new Separator(Orientation.VERTICAL), stageButton, arrow1, process, arrow2,
                StaleGuard.explain(run, runRefused), new Separator(Orientation.VERTICAL), stop,
                StaleGuard.explain(resume, runRefused), StaleGuard.explain(restart, stale),
                StaleGuard.explain(retry, runRefused),
                new Separator(Orientation.VERTICAL), envLabel, env, limit, limitStatus, grow, busy);
        bar.getStyleClass().add(Styles.TOOLBAR);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private static Label arrow() {
        Label l = new Label("→");
        l.getStyleClass().add(Styles.WORKFLOW_ARROW);
        return l;
    }

    private static Button button(String id, String text, String tip, KeyCombination key, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(Shortcuts.tip(tip, key)));
        b.setOnAction(e -> action.run());
        return b;
    }

    private Node statusBar() {
        Label status = new Label();
        status.textProperty().bind(model.workspace().statusProperty());
        Label runMessage = new Label();
        runMessage.textProperty().bind(model.run().messageProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(12, status, grow, runMessage);
        bar.getStyleClass().add(Styles.STATUS_BAR);
        return bar;
    }

    private void fillRecent(MenuButton open) {
        MenuItem choose = new MenuItem("Open folder…");
        choose.setOnAction(e -> chooseWorkspace());
        open.getItems().setAll(choose);
        recent.list().forEach(p -> {
            MenuItem item = new MenuItem(p.toString());
            item.setOnAction(e -> openWorkspace(p));
            open.getItems().add(item);
        });
    }

    private void chooseWorkspace() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open an Orrery workspace");
        recent.list().stream().findFirst().map(Path::toFile).filter(java.io.File::isDirectory)
                .ifPresent(chooser::setInitialDirectory);
        java.io.File dir = chooser.showDialog(stage);
        if (dir != null) {
            openWorkspace(dir.toPath());
        }
    }

    /** Opens a workspace folder and remembers it. */
    public void openWorkspace(Path root) {
        recent.add(root);
        model.workspace().open(root);
    }

    private void stage() {
        center.getSelectionModel().select(stageTab);
        model.stage().stageSelected();
    }

    private void process() {
        center.getSelectionModel().select(graphTab);
        model.process();
    }

    private void run() {
        center.getSelectionModel().select(graphTab);
        bottom.getSelectionModel().select(progressTab);
        model.run().run();
    }

    private void showOutput(String taskId) {
        model.selectionProperty().set(new Selection.Task(taskId));
        model.run().selectedTaskProperty().set(taskId);
        bottom.getSelectionModel().select(outputTab);
    }

    private void wireBehaviour() {
        WorkspaceViewModel ws = model.workspace();
        ws.problems().addListener((javafx.collections.ListChangeListener<Object>) c -> {
            if (!ws.problems().isEmpty()) {
                bottom.getSelectionModel().select(problemsTab);
            }
        });
        ws.backendProperty().addListener((o, a, b) -> stage.setTitle(b == null ? "Orrery"
                : "Orrery — " + b.root().getFileName() + "  (" + b.root() + ")"));
        model.run().statuses().addListener((MapChangeListener<String, TaskStatus>) change -> {
            TaskStatus st = change.getValueAdded();
            if (st != null && st.error() != null && HostKeyPrompt.isChangedKey(st.error())
                    && explainedKeyErrors.add(st.error())) {
                HostKeyPrompt.explainChangedKey(stage, st.error());
            }
        });
        Timeline clock = new Timeline(new KeyFrame(Duration.seconds(1), e -> model.run().tick()));
        clock.setCycleCount(Timeline.INDEFINITE);
        clock.play();
        Timeline newerPlans = new Timeline(new KeyFrame(Duration.seconds(3), e -> model.run().followNewerPlan()));
        newerPlans.setCycleCount(Timeline.INDEFINITE);
        newerPlans.play();
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, e -> {
            clock.stop();
            newerPlans.stop();
        });
    }

    public BorderPane root() {
        return root;
    }

    /** Exposed for tests. */
    public Tab historyTab() {
        return historyTab;
    }
}
