package dev.syncer.engine.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Which test classes of a Maven project neither surefire nor failsafe would run: a source file
 * under a module's {@code src/test/java} that declares test methods (JUnit Jupiter or jqwik) and
 * matches neither plugin's {@code <include>} patterns, read from the parent pom itself so the
 * check follows the build as it is configured. Benchmarks end in {@code Bench} and are run by hand.
 */
final class TestClassRunCheck {

    /** Annotations that make a method something a test engine runs. */
    private static final Pattern TEST_METHOD = Pattern.compile(
            "^\\s*@(Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate|Property|Example)\\b",
            Pattern.MULTILINE);
    private static final String BENCHMARK_SUFFIX = "Bench.java";

    private final Path root;
    private final List<PathMatcher> includes = new ArrayList<>();

    TestClassRunCheck(Path root) {
        this.root = root;
        Document pom = parse(root.resolve("pom.xml"));
        for (String plugin : List.of("maven-surefire-plugin", "maven-failsafe-plugin")) {
            List<String> patterns = includePatterns(pom, plugin);
            if (patterns.isEmpty()) {
                throw new IllegalStateException(plugin + " declares no <include> in " + root.resolve("pom.xml"));
            }
            patterns.forEach(p -> includes.add(FileSystems.getDefault().getPathMatcher("glob:" + p)));
        }
    }

    /** The project root: the nearest directory at or above {@code start} whose pom lists modules. */
    static Path projectRoot(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(pom) && parse(pom).getElementsByTagName("modules").getLength() > 0) {
                return dir;
            }
        }
        throw new IllegalStateException("no multi-module pom.xml at or above " + start.toAbsolutePath());
    }

    /** Test classes, relative to the root, that no plugin picks up. */
    List<String> unrun() {
        List<String> missed = new ArrayList<>();
        for (String module : modules()) {
            Path tests = root.resolve(module).resolve("src/test/java");
            if (!Files.isDirectory(tests)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(tests)) {
                files.filter(f -> f.toString().endsWith(".java"))
                        .filter(f -> !f.getFileName().toString().endsWith(BENCHMARK_SUFFIX))
                        .filter(f -> declaresTests(f))
                        .filter(f -> includes.stream().noneMatch(m -> m.matches(tests.relativize(f))))
                        .map(f -> root.relativize(f).toString())
                        .forEach(missed::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return missed;
    }

    private List<String> modules() {
        NodeList nodes = parse(root.resolve("pom.xml")).getElementsByTagName("module");
        List<String> modules = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            modules.add(nodes.item(i).getTextContent().trim());
        }
        return modules;
    }

    private static boolean declaresTests(Path file) {
        try {
            String source = Files.readString(file);
            String name = file.getFileName().toString().replace(".java", "");
            // An abstract base runs through the concrete classes that extend it.
            return TEST_METHOD.matcher(source).find() && !source.contains("abstract class " + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> includePatterns(Document pom, String artifactId) {
        List<String> patterns = new ArrayList<>();
        NodeList plugins = pom.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            NodeList ids = plugin.getElementsByTagName("artifactId");
            if (ids.getLength() == 0 || !ids.item(0).getTextContent().trim().equals(artifactId)) {
                continue;
            }
            NodeList found = plugin.getElementsByTagName("include");
            for (int j = 0; j < found.getLength(); j++) {
                // Maven's "**/*Test.java" also matches a class at the package root, as a glob's does not.
                String pattern = found.item(j).getTextContent().trim();
                patterns.add(pattern);
                if (pattern.startsWith("**/")) {
                    patterns.add(pattern.substring(3));
                }
            }
        }
        return patterns;
    }

    private static Document parse(Path pom) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + pom, e);
        }
    }
}
