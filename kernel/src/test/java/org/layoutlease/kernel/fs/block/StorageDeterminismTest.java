package org.layoutlease.kernel.fs.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The storage layer and its helpers must be a deterministic functional core (DESIGN.md
 * principle 1): no clock, no threads, no unseeded randomness, no hash-ordered iteration.
 */
class StorageDeterminismTest {

    private static final List<String> PACKAGES = List.of("org/layoutlease/kernel/fs/block", "org/layoutlease/kernel/lib");

    private static final Pattern FORBIDDEN = Pattern.compile(
            "currentTimeMillis|nanoTime|Instant\\.now|LocalDateTime|java\\.time\\.Clock|\\bThread\\b|Executor"
                    + "|\\bRandom\\b|Math\\.random|ThreadLocalRandom|SecureRandom|\\bHashMap\\b|\\bHashSet\\b"
                    + "|identityHashCode|synchronized|volatile");

    @Test
    void sourcesUseNoNondeterministicApis() throws IOException {
        List<String> findings = new ArrayList<>();
        for (String pkg : PACKAGES) {
            Path dir = Path.of("src/main/java").resolve(pkg);
            assertThat(dir).isDirectory();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    List<String> lines = Files.readAllLines(file);
                    for (int i = 0; i < lines.size(); i++) {
                        if (FORBIDDEN.matcher(lines.get(i)).find()) {
                            findings.add(file.getFileName() + ":" + (i + 1) + ": " + lines.get(i).strip());
                        }
                    }
                }
            }
        }
        assertThat(findings).isEmpty();
    }
}
