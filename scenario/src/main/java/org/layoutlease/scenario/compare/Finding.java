package org.layoutlease.scenario.compare;

/**
 * One invariant of SCENARIO-LANGUAGE.md §6 under one policy: it fired (and whether the file
 * expected it), or the file expected it and it did not fire.
 *
 * @param invariant the invariant's name ({@code pin-without-lease}, {@code hang}, ...)
 * @param line      the input line during which it fired (for one that did not fire: its {@code !!!} line)
 * @param expected  true when the file has a {@code !!! invariant} line for it there
 * @param occurred  true when it fired
 * @param text      the kernel's explanation (or the file's, for an expected one)
 */
public record Finding(String invariant, int line, boolean expected, boolean occurred, String text) {

    /** {@code expected}, {@code unexpected} or {@code expected, did not fire}. */
    public String verdict() {
        if (!occurred) {
            return "expected, did not fire";
        }
        return expected ? "expected" : "unexpected";
    }
}
