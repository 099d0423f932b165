package org.layoutlease.scenario.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.layoutlease.scenario.run.RunResult;
import org.layoutlease.scenario.run.Runner;
import org.layoutlease.scenario.syntax.Parser;
import org.layoutlease.scenario.syntax.Scenario;

/**
 * The race library (scenarios/races): in file order no invariant is violated; the explorer
 * finds the bad order, reports the expected invariant, and its counterexample reproduces.
 * A race whose calls the kernel does not implement yet (the rfc-* ones before FS-DAX pins and
 * RDMA are on main) is skipped, not failed: it turns itself on when the features land.
 */
class RacesTest {

    /** Each race file and the invariant its shortest bad order violates. */
    static final Map<String, String> EXPECTED = Map.of(
        "linux-fifo-open-order-hang.scn", "hang",
        "linux-holder-exits-child-keeps-file.scn", "silent-revoke",
        "linux-owner-drops-root-after-break.scn", "silent-revoke",
        "rfc-v2-unlock-while-pinned-then-truncate.scn", "pin-without-lease",
        "rfc-v2-ext4-truncate-when-nobody-maps.scn", "pinned-block-freed",
        "rfc-v2-holder-exits-child-keeps-rdma-context.scn", "pinned-block-freed",
        "rfc-v1-break-races-holder-release.scn", "pin-without-lease");

    static Path races() {
        String dir = System.getProperty("layoutlease.scenarios", "../scenarios");
        return Path.of(dir).toAbsolutePath().normalize().resolve("races");
    }

    @Test
    void everyRaceFileHasAnExpectation() throws IOException {
        try (Stream<Path> files = Files.list(races())) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".scn")))
                .containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
        }
    }

    @TestFactory
    Stream<DynamicTest> theExplorerFindsEachRace() {
        return EXPECTED.keySet().stream().sorted().map(name -> DynamicTest.dynamicTest(name, () -> check(name)));
    }

    private static void check(String name) throws IOException {
        Path p = races().resolve(name);
        Scenario sc = Parser.parse("scenarios/races/" + name, Files.readString(p, StandardCharsets.UTF_8));
        RunResult inOrder = Runner.run(sc, null);
        assumeFalse(inOrder.status() == RunResult.INVALID && inOrder.error() != null
            && inOrder.error().getMessage().contains("not implemented"),
            () -> name + " needs kernel features not on this branch yet: " + inOrder.error().getMessage());
        assertThat(inOrder.status()).as("%s in file order%n%s", name, inOrder.text()).isEqualTo(RunResult.OK);

        Plan plan = Plan.of(sc, null);
        Explorer.Outcome o = Explorer.explore(plan, Explorer.Options.exhaustive(), null);
        Counterexample c = o.counterexample();
        assertThat(c).as(name).isNotNull();
        assertThat(c.invariantNames()).as(name).contains(EXPECTED.get(name));
        String text = c.scenarioText("scenarios/races/" + name);
        assertThat(c.run(text).status()).as(text).isEqualTo(RunResult.OK);
        assertThat(c.transcript("scenarios/races/" + name)).as(name).isPresent();

        // The state hash and the reduction lose nothing: the same states as every interleaving.
        java.util.Set<Long> reached = new java.util.HashSet<>();
        Explorer.exploreVisiting(plan, Explorer.Options.exhaustive(), reached::add);
        assertThat(reached).as(name).isEqualTo(ExplorerTest.Naive.states(plan, 100));
    }
}
