package dev.syncer.app;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * DESIGN.md's module rules seen from the composition root, on the classes the app runs with (its
 * own, the views' and the engine's): the app is the only place that sees engine, views and
 * Lettuce together; the views never see the engine; nothing depends on the app.
 */
class ArchitectureTest {

    private static JavaClasses all;

    @BeforeAll
    static void importEverything() {
        // The engine's test jar (on this module's test class path) may use Lettuce: DESIGN allows it in tests.
        all = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.syncer");
    }

    @Test
    void viewsNeverSeeTheEngineNettyOrLettuce() {
        noClasses().that().resideInAPackage("dev.syncer.views..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.syncer.engine..", "io.netty..", "io.lettuce..",
                        "dev.syncer.app..")
                .because("the same views serve the embedded lab and a real Redis; only the app adapts either to them")
                .check(all);
    }

    @Test
    void engineNeverSeesTheViewsTheAppOrLettuce() {
        noClasses().that().resideInAPackage("dev.syncer.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.syncer.views..", "dev.syncer.app..", "io.lettuce..",
                        "javafx..")
                .because("the engine runs headless on its own (syncer-shard.jar, syncer-lab.jar)")
                .check(all);
    }

    @Test
    void appPackagesAreFreeOfCycles() {
        slices().matching("dev.syncer.app.(*)..").should().beFreeOfCycles()
                .because("each adapter (monitor, redis, lab) must be readable and testable on its own")
                .check(all);
    }

    @Test
    void shardsAreMonitoredOverRespNeverThroughTheEngine() {
        noClasses().that().resideInAnyPackage("dev.syncer.app.monitor..", "dev.syncer.app.redis..", "dev.syncer.app.adapter..")
                .should().dependOnClassesThat().resideInAPackage("dev.syncer.engine..")
                .because("one path for embedded and real: every shard is watched and driven over RESP; only what Redis "
                        + "has no command for (start a shard, cut a link) goes through the lab adapter")
                .check(all);
    }
}
