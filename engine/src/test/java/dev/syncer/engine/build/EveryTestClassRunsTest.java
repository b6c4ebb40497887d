package dev.syncer.engine.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fails the build when a class with test methods, in any module, is run by neither surefire nor failsafe. */
class EveryTestClassRunsTest {

    @Test
    void everyTestClassOfEveryModuleIsPickedUpBySurefireOrFailsafe() {
        Path root = TestClassRunCheck.projectRoot(Path.of(""));
        assertThat(new TestClassRunCheck(root).unrun())
                .as("test classes no plugin runs: end the name in Test, Properties or IT (or Bench for a benchmark run by hand)")
                .isEmpty();
    }

    @Test
    void aClassWithTestMethodsOutsideTheIncludesIsReported(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("pom.xml"), """
                <project><modules><module>m</module></modules><build><plugins>
                  <plugin><artifactId>maven-surefire-plugin</artifactId>
                    <configuration><includes><include>**/*Test.java</include></includes></configuration></plugin>
                  <plugin><artifactId>maven-failsafe-plugin</artifactId>
                    <configuration><includes><include>**/*IT.java</include></includes></configuration></plugin>
                </plugins></build></project>
                """);
        Path tests = Files.createDirectories(root.resolve("m/src/test/java/a"));
        Files.writeString(tests.resolve("RunsTest.java"), "class RunsTest {\n    @Test\n    void x() {}\n}\n");
        Files.writeString(tests.resolve("RunsIT.java"), "class RunsIT {\n    @Test\n    void x() {}\n}\n");
        Files.writeString(tests.resolve("LawsProperties.java"), "class LawsProperties {\n    @Property\n    void x() {}\n}\n");
        Files.writeString(tests.resolve("LoadBench.java"), "class LoadBench {\n    @Test\n    void x() {}\n}\n");
        Files.writeString(tests.resolve("Helper.java"), "class Helper {\n    void x() {}\n}\n");
        Files.writeString(root.resolve("m/src/test/java/AtRootTest.java"), "class AtRootTest {\n    @Test\n    void x() {}\n}\n");

        assertThat(new TestClassRunCheck(root).unrun())
                .containsExactly(Path.of("m/src/test/java/a/LawsProperties.java").toString());
    }
}
