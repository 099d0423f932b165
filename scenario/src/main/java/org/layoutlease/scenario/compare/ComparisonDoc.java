package org.layoutlease.scenario.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The generated page docs/comparison.md: every seed scenario (the SYSTEM.md §4 catalogue)
 * under every registered policy, in Markdown. The command line writes the same text with
 * {@value #COMMAND}.
 */
public final class ComparisonDoc {
    /** The page's path under docs/. */
    public static final String PAGE = "comparison.md";
    /** The command that regenerates the page from the repository root. */
    public static final String COMMAND = "./layoutlease compare --format markdown --out docs/comparison.md scenarios/seed";
    /** How the page names the seed directory, whatever the working directory. */
    static final String SEED_NAME = "scenarios/seed";

    private ComparisonDoc() {
    }

    /**
     * The page, from the seed scenarios under {@code layoutlease.scenarios} (a system property the
     * build sets) or else {@code scenarios/} in the working directory.
     */
    public static String page() {
        return page(Path.of(System.getProperty("layoutlease.scenarios", "scenarios")).resolve("seed"));
    }

    /** The page from the {@code *.scn} files of {@code seedDir}, in name order, named as under scenarios/seed. */
    public static String page(Path seedDir) {
        List<ScenarioComparison> all = new ArrayList<>();
        for (Path f : scenarioFiles(seedDir)) {
            String name = SEED_NAME + "/" + f.getFileName();
            String text;
            try {
                text = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            all.add(Compare.source(name, text, Compare.allPolicies()));
        }
        return MarkdownReport.render(all);
    }

    /** The {@code *.scn} files directly in {@code dir}, sorted by file name (String order, locale-free). */
    public static List<Path> scenarioFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UncheckedIOException(new java.nio.file.NoSuchFileException(dir.toString(), null,
                "no such directory (run from the repository root)"));
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".scn") && Files.isRegularFile(f))
                .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
