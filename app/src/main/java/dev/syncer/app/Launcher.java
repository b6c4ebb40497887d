package dev.syncer.app;

import javafx.application.Application;

/**
 * The entry point of {@code syncer-console.jar}. A main class that does not extend Application, so
 * JavaFX can run from the class path of a plain jar; {@code --print} runs without JavaFX at all.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (java.util.Arrays.asList(args).contains("--print")) {
            System.exit(dev.syncer.app.print.PrintCommand.run(java.util.List.of(args), System.out, System.err));
        }
        Application.launch(ConsoleApp.class, args);
    }
}
