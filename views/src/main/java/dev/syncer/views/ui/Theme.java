package dev.syncer.views.ui;

import java.net.URL;
import java.util.Objects;
import javafx.scene.Scene;

/** The console's dark theme (resources/dev/syncer/views/ui/console.css). */
public final class Theme {

    private static final String CSS = "/dev/syncer/views/ui/console.css";

    private Theme() {
    }

    /** The stylesheet's URL as JavaFX wants it. */
    public static String stylesheet() {
        URL url = Objects.requireNonNull(Theme.class.getResource(CSS), "theme missing from the classpath: " + CSS);
        return url.toExternalForm();
    }

    /** Puts the theme on {@code scene}. */
    public static void apply(Scene scene) {
        scene.getStylesheets().add(stylesheet());
    }
}
