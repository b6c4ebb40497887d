package dev.syncer.views;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.syncer.views.model.ConsoleModel;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The module's boundaries (DESIGN.md, dependency rules), checked on the compiled main classes. */
class ArchitectureTest {

    private static final JavaClasses MAIN = importMain();

    /** The module's compiled main classes: their directory only, rather than a scan of the whole classpath. */
    private static JavaClasses importMain() {
        try {
            Path classes = Path.of(ConsoleModel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPath(classes);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void viewsSeeNeitherTheEngineNorNettyNorLettuce() {
        noClasses().that().resideInAPackage("dev.syncer.views..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.syncer.engine..", "io.netty..", "io.lettuce..")
                .check(MAIN);
    }

    @Test
    void viewModelsNeverTouchTheSceneGraphOrTheFxThread() {
        noClasses().that().resideInAPackage("dev.syncer.views.model..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.application..",
                        "javafx.stage..", "org.controlsfx..", "eu.hansolo..")
                .check(MAIN);
    }

    @Test
    void portsArePlainJava() {
        noClasses().that().resideInAPackage("dev.syncer.views.model.port..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.syncer.views.model",
                        "dev.syncer.views.model.topology..", "dev.syncer.views.model.timeline..",
                        "dev.syncer.views.model.prediction..", "dev.syncer.views.model.operations..",
                        "dev.syncer.views.model.charts..", "dev.syncer.views.model.dashboard..",
                        "dev.syncer.views.ui..", "dev.syncer.views.action..")
                .check(MAIN);
    }

    @Test
    void viewModelsDoNotKnowTheViewsOrActions() {
        noClasses().that().resideInAPackage("dev.syncer.views.model..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.syncer.views.ui..", "dev.syncer.views.action..")
                .check(MAIN);
    }

    @Test
    void actionsDoNotKnowTheViews() {
        noClasses().that().resideInAPackage("dev.syncer.views.action..")
                .should().dependOnClassesThat().resideInAPackage("dev.syncer.views.ui..")
                .check(MAIN);
    }
}
