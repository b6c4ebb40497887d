package dev.syncer.app;

import dev.syncer.app.print.PrintCommand;
import dev.syncer.engine.launch.Relauncher;
import dev.syncer.engine.launch.ServerOptions;
import javafx.application.Application;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The entry point of {@code syncer-console.jar}. A main class that does not extend Application, so
 * JavaFX can run from the class path of a plain jar. It starts quietly: the JVM options the console
 * is measured with (relaunching once when {@code java -jar} did not give them), the log in a file
 * under the user's data directory, only warnings in the terminal. {@code --print} runs without a window.
 */
public final class Launcher {

    /** The heap the console needs with its default lab; keeps the process near 450 MB. */
    static final String HEAP = "-Xmx384m";

    /**
     * The lab's JVM options (its collector and young generation, see ServerOptions.labJvm) with the
     * console's heap: the embedded lab is the same lab. With the JVM's default G1 instead, the lag
     * benchmark at 10,000 writes/s in a JVM capped at 384 MB read p99 31-56 ms (a 333 ms full
     * collection in each of two runs); with these, 7.3-8.7 ms in two runs, RSS 433-454 MB against
     * 535-539 (idle machine, 2026-12-07).
     */
    static List<String> jvmOptions() {
        List<String> options = new ArrayList<>(ServerOptions.labJvm());
        options.add(HEAP);
        return options;
    }

    /** Held so the setting stays: java.util.logging keeps loggers weakly. */
    private static final Logger JAVAFX_LOG = Logger.getLogger("javafx");

    private Launcher() {
    }

    /** Prints {@link #jvmOptions()}, one a line: packaging/build-app-image.sh gives them to jpackage. */
    static final String PRINT_JVM_OPTIONS = "--jvm-options";

    public static void main(String[] args) {
        if (List.of(args).equals(List.of(PRINT_JVM_OPTIONS))) {
            // the app image's launcher starts no relauncher: it passes these itself, the same list
            jvmOptions().forEach(System.out::println);
            return;
        }
        ServerOptions.applyNettyDefaults(); // the embedded lab's shards
        Relauncher.relaunchIfNeeded(Launcher.class, args, jvmOptions());
        Path log = LogFile.prepare();
        if (List.of(args).contains("--print")) {
            // Standard output carries the JSON alone.
            System.exit(PrintCommand.run(List.of(args), System.out, System.err));
        }
        System.out.println("Syncer Console: log in " + log);
        // JavaFX warns once that it runs from the class path, which a plain jar has to do.
        JAVAFX_LOG.setLevel(Level.SEVERE);
        Application.launch(ConsoleApp.class, args);
    }

    /** Where the log goes: $XDG_DATA_HOME/syncer-console (default ~/.local/share/syncer-console). */
    static final class LogFile {

        private LogFile() {
        }

        static Path prepare() {
            String data = System.getenv("XDG_DATA_HOME");
            Path dir = (data == null || data.isBlank() ? Path.of(System.getProperty("user.home"), ".local", "share")
                    : Path.of(data)).resolve("syncer-console");
            try {
                Files.createDirectories(dir);
            } catch (Exception e) {
                dir = Path.of(System.getProperty("java.io.tmpdir"));
            }
            Path file = dir.resolve("console.log");
            // Read by resources/logback.xml; set before the first logger exists.
            System.setProperty("syncer.log.file", file.toString());
            return file;
        }
    }
}
