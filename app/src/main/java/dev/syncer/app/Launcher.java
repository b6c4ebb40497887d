package dev.syncer.app;

import javafx.application.Application;

/**
 * The entry point of {@code syncer-console.jar}. A main class that does not extend Application, so
 * JavaFX can run from the class path of a plain jar.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        Application.launch(ConsoleApp.class, args);
    }
}
