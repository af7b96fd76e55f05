package dev.orrery.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code orrery gui [WORKSPACE]}. The command line and the GUI are leaves that never import each other, so
 * the GUI's entry point is looked up by name at run time.
 */
@Command(name = "gui", description = "Open the desktop application on a workspace.")
final class GuiCommand implements Callable<Integer> {
    static final String APP_CLASS = "dev.orrery.gui.OrreryApp";

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "WORKSPACE",
            description = "Workspace folder to open (default: the -w folder, else the current folder).")
    Path workspace;

    @Override
    public Integer call() throws Exception {
        OrreryCommand root = OrreryCommand.of(spec);
        Path folder = workspace != null ? workspace.toAbsolutePath().normalize() : root.workspace();
        if (!Files.isDirectory(folder)) {
            throw new UsageException("workspace folder not found: " + folder);
        }
        Method launch = launchMethod(APP_CLASS);
        try {
            launch.invoke(null, (Object) new String[] {folder.toString()});
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        return ExitCodes.OK;
    }

    /** The public static {@code launch(String[])} of the GUI class, or a clear error when this build has no GUI. */
    static Method launchMethod(String className) {
        try {
            Method launch = Class.forName(className).getMethod("launch", String[].class);
            if (!Modifier.isStatic(launch.getModifiers())) {
                throw new IllegalStateException(className + ".launch(String[]) is not static");
            }
            return launch;
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("the desktop application is not part of this build (" + className
                    + " not found: " + e.getMessage() + "); the command line verbs still work", e);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(className + " has no public static launch(String[]) method", e);
        }
    }
}
