package dev.orrery.cli;

/** Stands in for the GUI's entry point: records what {@code orrery gui} passed. */
public final class GuiLaunchProbe {
    static volatile String[] lastArgs;

    private GuiLaunchProbe() {
    }

    public static void launch(String[] args) {
        lastArgs = args.clone();
    }
}
