package dev.syncer.engine;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The engine's dependency rules from DESIGN.md, checked on the compiled classes. */
class ArchitectureTest {

    private static JavaClasses engine;

    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.syncer.engine");
    }

    @Test
    void engineKnowsNothingOfJavaFxOrLettuce() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.lettuce..", "dev.syncer.views..",
                "dev.syncer.app..").check(engine);
    }

    @Test
    void respDependsOnNothingElseInTheEngine() {
        noClasses().that().resideInAPackage("dev.syncer.engine.resp..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.syncer.engine.keyspace..",
                        "dev.syncer.engine.command..", "dev.syncer.engine.server..", "dev.syncer.engine.rdb..",
                        "dev.syncer.engine.replication..", "dev.syncer.engine.activeactive..", "dev.syncer.engine.syncer..",
                        "dev.syncer.engine.lab..")
                .check(engine);
    }

    @Test
    void keyspaceIsPureData() {
        noClasses().that().resideInAPackage("dev.syncer.engine.keyspace..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "dev.syncer.engine.resp..",
                        "dev.syncer.engine.command..", "dev.syncer.engine.server..", "dev.syncer.engine.rdb..",
                        "dev.syncer.engine.replication..", "dev.syncer.engine.activeactive..", "dev.syncer.engine.syncer..",
                        "dev.syncer.engine.lab..")
                .check(engine);
    }

    @Test
    void rdbDependsOnlyOnTheKeyspace() {
        noClasses().that().resideInAPackage("dev.syncer.engine.rdb..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "dev.syncer.engine.resp..",
                        "dev.syncer.engine.command..", "dev.syncer.engine.server..",
                        "dev.syncer.engine.replication..", "dev.syncer.engine.activeactive..", "dev.syncer.engine.syncer..",
                        "dev.syncer.engine.lab..")
                .check(engine);
    }

    @Test
    void replicationKnowsNothingOfTheLabOrTheSyncer() {
        noClasses().that().resideInAPackage("dev.syncer.engine.replication..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.syncer.engine.lab..", "dev.syncer.engine.syncer..",
                        "dev.syncer.engine.activeactive..")
                .allowEmptyShould(true)
                .check(engine);
    }
}
