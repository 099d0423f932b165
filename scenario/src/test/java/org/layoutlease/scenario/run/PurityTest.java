package org.layoutlease.scenario.run;

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
 * DESIGN.md principle 1, enforced: the kernel and scenario code never read the wall clock, start
 * threads or draw unseeded random numbers. Scans the main sources of both modules.
 */
class PurityTest {
    private static final Pattern FORBIDDEN = Pattern.compile(
        "System\\.currentTimeMillis|System\\.nanoTime|Instant\\.now|LocalDate(Time)?\\.now|Clock\\.system"
            + "|new Thread\\b|Thread\\.(sleep|ofVirtual|ofPlatform|startVirtualThread)|Executors\\.|ExecutorService"
            + "|CompletableFuture|ForkJoinPool|\\.parallelStream\\(|Math\\.random|ThreadLocalRandom|SecureRandom"
            + "|new Random\\(\\s*\\)|UUID\\.randomUUID|Timer\\(\\)|java\\.util\\.Timer");

    @Test
    void kernelAndScenarioCodeIsDeterministic() throws IOException {
        Path repo = ScenarioFiles.root().getParent();
        List<String> hits = new ArrayList<>();
        for (String module : List.of("kernel", "scenario")) {
            Path src = repo.resolve(module).resolve("src/main/java");
            assertThat(src).isDirectory();
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    List<String> lines = Files.readAllLines(f);
                    for (int i = 0; i < lines.size(); i++) {
                        if (FORBIDDEN.matcher(lines.get(i)).find()) {
                            hits.add(repo.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).strip());
                        }
                    }
                }
            }
        }
        assertThat(hits).as("wall clock, threads or unseeded randomness in deterministic code").isEmpty();
    }

    @Test
    void theScanCatchesWhatItLooksFor() {
        assertThat(FORBIDDEN.matcher("long t = System.nanoTime();").find()).isTrue();
        assertThat(FORBIDDEN.matcher("new Random()").find()).isTrue();
        assertThat(FORBIDDEN.matcher("new Random(seed)").find()).isFalse();
        assertThat(FORBIDDEN.matcher("kernel.clock.nowNanos()").find()).isFalse();
    }
}
