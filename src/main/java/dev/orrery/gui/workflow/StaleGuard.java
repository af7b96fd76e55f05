package dev.orrery.gui.workflow;

import dev.orrery.gui.Styles;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;

/**
 * How the window shows a stale plan (one another plan has overtaken): a banner that says why, and the verbs it
 * refuses disabled with that reason as their tooltip. The core refuses those verbs anyway; this only says so
 * before the operator tries.
 */
public final class StaleGuard {
    public static final String BANNER = "stale-banner";

    private StaleGuard() {
    }

    /** A banner over the plan views, shown only while {@code reason} is not empty. */
    public static Label banner(ObservableStringValue reason) {
        Label banner = new Label();
        banner.setId(BANNER);
        banner.getStyleClass().add(Styles.STALE_BANNER);
        banner.setWrapText(true);
        banner.setMaxWidth(Double.MAX_VALUE);
        // a VBox gives a label one line unless its minimum follows the wrapped (preferred) height
        banner.setMinHeight(Region.USE_PREF_SIZE);
        banner.textProperty().bind(reason);
        banner.visibleProperty().bind(Bindings.isNotEmpty(reason));
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    /**
     * The button's tooltip says {@code reason} while there is one (its usual tip otherwise). A disabled control
     * shows no tooltip of its own, so the button comes back wrapped in a pane that shows the reason instead; put
     * the wrapper in the layout. The caller binds the button's disable state.
     */
    public static Node explain(Button button, ObservableStringValue reason) {
        String usual = button.getTooltip() == null ? "" : button.getTooltip().getText();
        Tooltip tip = button.getTooltip() == null ? new Tooltip() : button.getTooltip();
        tip.textProperty().bind(Bindings.when(Bindings.isEmpty(reason)).then(usual).otherwise(reason));
        button.setTooltip(tip);
        StackPane wrapper = new StackPane(button);
        Tooltip whileDisabled = new Tooltip();
        whileDisabled.textProperty().bind(reason);
        Runnable sync = () -> {
            if (reason.get() == null || reason.get().isEmpty()) {
                Tooltip.uninstall(wrapper, whileDisabled);
            } else {
                Tooltip.install(wrapper, whileDisabled);
            }
        };
        reason.addListener((obs, was, now) -> sync.run());
        sync.run();
        return wrapper;
    }
}
