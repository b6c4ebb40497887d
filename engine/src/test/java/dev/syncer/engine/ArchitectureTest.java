package dev.syncer.engine;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

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
                        "dev.syncer.app..")
                .because("the engine runs headless and alone (syncer-shard.jar, syncer-lab.jar); Lettuce is the app's client")
                .check(engine);
    }

    @Test
    void respDependsOnNothingElseInTheEngine() {
        noClasses().that().resideInAPackage("dev.syncer.engine.resp..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.syncer.engine.keyspace..",
                        "dev.syncer.engine.command..", "dev.syncer.engine.server..", "dev.syncer.engine.rdb..",
                        "dev.syncer.engine.replication..", "dev.syncer.engine.activeactive..", "dev.syncer.engine.syncer..",
                        "dev.syncer.engine.lab..")
                .because("RESP is the wire format every other part speaks; it must not know who speaks it")
                .check(engine);
    }

    @Test
    void keyspaceIsPureData() {
        noClasses().that().resideInAPackage("dev.syncer.engine.keyspace..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "dev.syncer.engine.resp..",
                        "dev.syncer.engine.command..", "dev.syncer.engine.server..", "dev.syncer.engine.rdb..",
                        "dev.syncer.engine.replication..", "dev.syncer.engine.activeactive..", "dev.syncer.engine.syncer..",
                        "dev.syncer.engine.lab..")
                .because("the keyspace is data only, testable without a server, a socket or a format")
                .check(engine);
    }

    @Test
    void rdbDependsOnlyOnTheKeyspace() {
        noClasses().that().resideInAPackage("dev.syncer.engine.rdb..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "dev.syncer.engine.resp..",
                        "dev.syncer.engine.command..", "dev.syncer.engine.server..",
                        "dev.syncer.engine.replication..", "dev.syncer.engine.activeactive..", "dev.syncer.engine.syncer..",
                        "dev.syncer.engine.lab..")
                .because("the RDB format is a symmetric reader/writer pair over the keyspace, reused by persistence, "
                        + "replication and tools")
                .check(engine);
    }

    @Test
    void replicationKnowsNothingOfTheLabOrTheSyncer() {
        noClasses().that().resideInAPackage("dev.syncer.engine.replication..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.syncer.engine.lab..", "dev.syncer.engine.syncer..",
                        "dev.syncer.engine.activeactive..")
                .because("replication is Redis's and interoperates with redis-server; Active-Active and the lab build on it")
                .allowEmptyShould(true)
                .check(engine);
    }

    @Test
    void enginePackagesAreFreeOfCycles() {
        slices().matching("dev.syncer.engine.(*)..").should().beFreeOfCycles()
                .because("each part must be understandable and testable with only what it uses, below it")
                .check(engine);
    }

    @Test
    void replicationPartsAreFreeOfCycles() {
        slices().assignedFrom(REPLICATION_PARTS).should().beFreeOfCycles()
                .because("each replication part gets a narrow context, never the whole that wires it "
                        + "(Redis's replication.c is one file; here a newcomer reads one role at a time)")
                .check(engine);
    }

    /** The replication root (what every part shares) and each subpackage are one slice each. */
    private static final SliceAssignment REPLICATION_PARTS = new SliceAssignment() {
        private static final String ROOT = "dev.syncer.engine.replication";

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass type) {
            String pkg = type.getPackageName();
            if (pkg.equals(ROOT)) {
                return SliceIdentifier.of("replication");
            }
            if (pkg.startsWith(ROOT + ".")) {
                return SliceIdentifier.of("replication." + pkg.substring(ROOT.length() + 1).split("\\.")[0]);
            }
            return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the replication root and each of its subpackages";
        }
    };
}
