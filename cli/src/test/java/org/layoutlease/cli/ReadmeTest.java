package org.layoutlease.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.layoutlease.scenario.run.RunResult;
import org.layoutlease.scenario.run.Runner;
import org.layoutlease.scenario.syntax.Parser;

/** The README's first scenario is what a newcomer types first: it must run and hold. */
class ReadmeTest {

    @Test
    void theFirstScenarioOfTheReadmeHolds() throws Exception {
        Path readme = Path.of(System.getProperty("layoutlease.docs", "../docs")).resolveSibling("README.md");
        String text = Files.readString(readme);
        int start = text.indexOf("```\npolicy ");
        assertThat(start).as("README has a scenario block").isPositive();
        int end = text.indexOf("```", start + 4);
        String scenario = text.substring(start + 4, end);
        RunResult r = Runner.run(Parser.parse("README.md", scenario), null);
        assertThat(r.status()).as(r.text()).isEqualTo(RunResult.OK);
        assertThat(r.text()).isEqualTo(scenario);
    }
}
