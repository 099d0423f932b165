package org.layoutlease.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every scenario in the library runs to exit status 0 under its own policy: each file is a test. */
class ScenarioLibraryTest {

    @Test
    void libraryIsLargeEnoughToMeanSomething() {
        assertThat(ScenarioFiles.all()).hasSizeGreaterThan(40);
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioHolds() {
        return ScenarioFiles.all().stream().map(p -> DynamicTest.dynamicTest(ScenarioFiles.root().relativize(p).toString(),
            () -> check(p)));
    }

    private static void check(Path p) {
        RunResult r = ScenarioFiles.run(p);
        String why = r.error() != null ? r.error().getMessage() : r.text();
        assertThat(r.status()).as("%s%n%s", p, why).isEqualTo(RunResult.OK);
    }
}
