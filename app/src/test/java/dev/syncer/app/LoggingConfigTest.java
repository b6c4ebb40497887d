package dev.syncer.app;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's logging as the jar ships it (resources/logback.xml), not the tests' own. */
class LoggingConfigTest {

    @TempDir
    Path dir;

    @Test
    void warningsGoToStandardErrorSoThatPrintModesStandardOutputIsItsJsonAlone() throws Exception {
        LoggerContext context = new LoggerContext();
        context.putProperty("syncer.log.file", dir.resolve("console.log").toString()); // as the launcher sets it
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(Path.of("..", "resources", "logback.xml").toFile());

        var terminal = (ConsoleAppender<?>) context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("TERMINAL");
        assertThat(terminal.getTarget()).isEqualTo("System.err");
        context.stop();
    }
}
