package dev.syncer.engine.rdb;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/** DESIGN: the RDB format depends on the keyspace only, so replication and tools can reuse it freely. */
class RdbDependenciesTest {

    @Test
    void rdbDependsOnlyOnKeyspaceAndTheJdk() {
        JavaClasses rdb = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.syncer.engine.rdb");
        classes().that().resideInAPackage("dev.syncer.engine.rdb..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.syncer.engine.rdb..", "dev.syncer.engine.keyspace..", "java..")
                .because("the RDB format is reused freely by persistence, replication and tools")
                .check(rdb);
    }
}
