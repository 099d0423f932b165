package org.layoutlease.scenario.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.layoutlease.scenario.syntax.Parser;

/** The project's scenario library, found through the system property the build sets. */
final class ScenarioFiles {
    private ScenarioFiles() {
    }

    static Path root() {
        String dir = System.getProperty("layoutlease.scenarios", "../scenarios");
        return Path.of(dir).toAbsolutePath().normalize();
    }

    static List<Path> all() {
        try (Stream<Path> s = Files.walk(root())) {
            return s.filter(p -> p.toString().endsWith(".scn")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RunResult run(Path p) {
        try {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            return Runner.run(Parser.parse(root().relativize(p).toString(), text), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
