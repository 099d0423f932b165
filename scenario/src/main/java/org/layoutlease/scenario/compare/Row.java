package org.layoutlease.scenario.compare;

import java.util.List;

/**
 * One line of a comparison table: an input line of the scenario, or an event a policy produced
 * that the file does not mention ({@code extra}), placed under the line during which it happened.
 *
 * @param line     the input line (1-based); for an extra row, the line it happened during
 * @param kind     what the line or event is
 * @param label    the step as the file states it, without its result ({@code B: truncate("/mnt/f", 0)})
 * @param expected what the file states about the outcome, or the empty string
 * @param extra    true for an event the file does not mention
 * @param cells    one per policy, in the comparison's policy order
 */
public record Row(int line, Kind kind, String label, String expected, boolean extra, List<Cell> cells) {

    /** What a row stands for. */
    public enum Kind { STEP, RESUMED, SIGNAL, EXIT, INVARIANT, CAT, DIRECTIVE }

    /** Copies the cells so a row stays immutable. */
    public Row {
        cells = List.copyOf(cells);
    }

    /**
     * True when the policies that reached this row answered differently. Runs that stopped earlier
     * take no part; a run that became invalid here counts as a different answer.
     */
    public boolean differs() {
        String first = null;
        for (Cell c : cells) {
            if (!c.ran()) {
                continue;
            }
            if (first == null) {
                first = c.text();
            } else if (!first.equals(c.text())) {
                return true;
            }
        }
        return false;
    }
}
