package org.layoutlease.scenario.compare;

import java.util.List;
import org.layoutlease.scenario.run.RunResult;
import org.layoutlease.scenario.syntax.Scenario;
import org.layoutlease.scenario.syntax.ScenarioError;

/**
 * One scenario run under several policies, aligned line by line.
 *
 * @param file        the scenario's name as given (used in every message)
 * @param description the comment lines that open the file, without their {@code #}
 * @param filePolicy  the policy the file is written for (its {@code policy} line, else the default), or
 *                    null when it could not be parsed
 * @param policies    the policies compared, in column order
 * @param rows        the aligned rows, in input order, each followed by the extra events of its line
 * @param outcomes    one per policy, same order
 * @param scenario    the parsed scenario, or null when it could not be parsed
 * @param runs        the raw runs behind the rows (the timelines draw from them), same order
 * @param fileError   why the file could not be read or parsed, else null; every run is then invalid
 */
public record ScenarioComparison(String file, List<String> description, String filePolicy, List<String> policies,
                                 List<Row> rows,
                                 List<PolicyOutcome> outcomes, Scenario scenario, List<RunResult> runs,
                                 ScenarioError fileError) {

    /** Copies the lists so a comparison stays immutable. */
    public ScenarioComparison {
        description = List.copyOf(description);
        policies = List.copyOf(policies);
        rows = List.copyOf(rows);
        outcomes = List.copyOf(outcomes);
        runs = List.copyOf(runs);
        assert outcomes.size() == policies.size() && runs.size() == policies.size() : "one outcome and run per policy";
    }

    /** How many rows the policies answer differently. */
    public long differingRows() {
        return rows.stream().filter(Row::differs).count();
    }

    /**
     * True when no policy could run the scenario to the end: the file is unreadable or does not
     * parse, or every run stopped as invalid. The command line's exit status is then 2.
     */
    public boolean invalidEverywhere() {
        return fileError != null || outcomes.stream().allMatch(PolicyOutcome::invalid);
    }

    /** The distinct {@code FILE:LINE:COL: message} errors, in policy order. */
    public List<String> errors() {
        if (fileError != null) {
            return List.of(fileError.getMessage());
        }
        return outcomes.stream().filter(PolicyOutcome::invalid).map(PolicyOutcome::error).distinct().toList();
    }
}
