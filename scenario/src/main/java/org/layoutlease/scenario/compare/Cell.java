package org.layoutlease.scenario.compare;

import java.util.List;

/**
 * What one policy did at one row of a comparison.
 *
 * @param kind       how to read {@code text}
 * @param text       the short answer compared across policies ({@code -1 ETXTBSY}, {@code fired}, ...)
 * @param detail     the full transcript text behind it, for tooltips; may equal {@code text}
 * @param mismatches what the file stated where this run disagreed with it, one note per {@code !!! expected} line
 */
public record Cell(Kind kind, String text, String detail, List<String> mismatches) {

    /** The kinds of answer, which the renderers colour differently. */
    public enum Kind {
        /** A call that returned without an error, or a directive that ran. */
        VALUE,
        /** A call that failed ({@code -1 ERRNO}). */
        ERROR,
        /** A call that blocked ({@code <unfinished ...>}). */
        BLOCKED,
        /** A signal, exit or invariant that happened. */
        EVENT,
        /** The event of this row did not happen under this policy. */
        ABSENT,
        /** The run stopped earlier (invalid), so it never reached this row. */
        NOT_RUN,
        /** The run became invalid at this row. */
        INVALID
    }

    /** Copies the notes so a cell stays immutable. */
    public Cell {
        mismatches = List.copyOf(mismatches);
    }

    /** A cell without mismatch notes whose detail is its text. */
    static Cell of(Kind kind, String text) {
        return new Cell(kind, text, text, List.of());
    }

    /** True when the run disagreed with what the file states at this row. */
    public boolean contradictsFile() {
        return !mismatches.isEmpty();
    }

    /** True when this policy got as far as this row (its answer takes part in the comparison). */
    public boolean ran() {
        return kind != Kind.NOT_RUN;
    }
}
