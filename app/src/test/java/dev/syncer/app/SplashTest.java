package dev.syncer.app;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The screen a newcomer waits on while the lab starts: its message sits under the spinner, centred. */
@ExtendWith(ApplicationExtension.class)
class SplashTest {

    @Start
    void start(Stage stage) {
        VBox splash = ConsoleApp.progress("Starting the embedded lab…");
        stage.setScene(new Scene(splash, 1600, 1000));
        stage.show();
    }

    @Test
    void theMessageIsCentredUnderTheSpinner(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents(3);
        Node spinner = robot.lookup(".progress-indicator").queryAs(ProgressIndicator.class);
        Node text = robot.lookup("#splash-message .text").query();
        Bounds s = spinner.localToScene(spinner.getBoundsInLocal());
        Bounds t = text.localToScene(text.getBoundsInLocal());
        assertThat(t.getCenterX()).as("message centre x").isCloseTo(s.getCenterX(), org.assertj.core.data.Offset.offset(4.0));
        assertThat(s.getCenterX()).as("spinner centre x").isCloseTo(800, org.assertj.core.data.Offset.offset(4.0));
    }
}
