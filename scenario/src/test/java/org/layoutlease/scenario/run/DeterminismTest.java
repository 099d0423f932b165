package org.layoutlease.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DESIGN.md principle 1: the same scenario gives the same transcript and the same events, every run. */
class DeterminismTest {

    @Test
    void everyScenarioRunsTheSameTwice() {
        List<Path> files = ScenarioFiles.all();
        assertThat(files).isNotEmpty();
        for (Path p : files) {
            RunResult a = ScenarioFiles.run(p);
            RunResult b = ScenarioFiles.run(p);
            assertThat(b.text()).as(p.toString()).isEqualTo(a.text());
            assertThat(b.entries()).as(p.toString()).isEqualTo(a.entries());
        }
    }
}
