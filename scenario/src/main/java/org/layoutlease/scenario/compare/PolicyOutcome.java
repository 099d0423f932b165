package org.layoutlease.scenario.compare;

import java.util.List;
import org.layoutlease.scenario.run.RunResult;

/**
 * How a scenario's run under one policy ended: the exit status {@code layoutlease run} would give
 * (SCENARIO-LANGUAGE.md §8), the error of an invalid run, and its invariant findings.
 *
 * @param policy     the policy's name
 * @param status     0 held, 1 mismatch, 2 invalid, 3 unexpected invariant
 * @param error      {@code FILE:LINE:COL: message} of an invalid run, else null
 * @param errorLine  the input line of that error, else 0
 * @param errorText  the error without its position, else null
 * @param mismatches how many {@code !!! expected} notes the run produced
 * @param findings   every invariant that fired, and every expected one that did not
 */
public record PolicyOutcome(String policy, int status, String error, int errorLine, String errorText,
                            int mismatches, List<Finding> findings) {

    /** Copies the findings so an outcome stays immutable. */
    public PolicyOutcome {
        findings = List.copyOf(findings);
    }

    /** The word for {@code status}: {@code ok}, {@code mismatch}, {@code invalid} or {@code invariant}. */
    public String statusName() {
        return switch (status) {
            case RunResult.OK -> "ok";
            case RunResult.MISMATCH -> "mismatch";
            case RunResult.INVALID -> "invalid";
            case RunResult.INVARIANT -> "invariant";
            default -> "status " + status;
        };
    }

    /** True when the run could not be completed. */
    public boolean invalid() {
        return status == RunResult.INVALID;
    }

    /** The error without its file name ({@code line 13: ...}), or null. */
    public String errorDetail() {
        if (error == null) {
            return null;
        }
        return errorLine > 0 ? "line " + errorLine + ": " + errorText : errorText;
    }

    /** A one-line summary: {@code 0 ok}, {@code 1 mismatch (2)}, {@code 3 invariant: hang}, {@code 2 invalid: ...}. */
    public String summary() {
        StringBuilder sb = new StringBuilder().append(status).append(' ').append(statusName());
        if (invalid()) {
            return sb.append(": ").append(errorDetail()).toString();
        }
        if (status == RunResult.MISMATCH) {
            sb.append(" (").append(mismatches).append(')');
        }
        List<String> unexpected = findings.stream().filter(f -> f.occurred() && !f.expected())
            .map(Finding::invariant).distinct().toList();
        if (!unexpected.isEmpty()) {
            sb.append(": ").append(String.join(", ", unexpected));
        }
        return sb.toString();
    }
}
