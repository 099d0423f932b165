package org.layoutlease.scenario.run;

import java.util.List;
import org.layoutlease.scenario.syntax.ScenarioError;

/**
 * The outcome of running one scenario: the transcript lines, the structured events behind them,
 * and the exit status of SCENARIO-LANGUAGE.md §8 (0 held, 1 mismatch, 2 invalid, 3 invariant).
 */
public record RunResult(String file, String policy, List<String> transcript, List<TranscriptEntry> entries,
                        int status, ScenarioError error) {

    public static final int OK = 0;
    public static final int MISMATCH = 1;
    public static final int INVALID = 2;
    public static final int INVARIANT = 3;

    /** The transcript as text, one line each, newline-terminated. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (String l : transcript) {
            sb.append(l).append('\n');
        }
        return sb.toString();
    }
}
