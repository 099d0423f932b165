package org.layoutlease.scenario.syntax;

/**
 * An invalid scenario, reported as {@code FILE:LINE:COL: detail} (exit status 2 of the
 * command line). Every parse failure is one of these, never another exception.
 */
public final class ScenarioError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int col;
    private final String detail;

    /** An error at a 1-based line and column of {@code file}. */
    public ScenarioError(String file, int line, int col, String detail) {
        super(file + ":" + line + ":" + col + ": " + detail);
        this.file = file;
        this.line = line;
        this.col = col;
        this.detail = detail;
    }

    /** An error at {@code pos} of {@code file}. */
    public ScenarioError(String file, SourcePos pos, String detail) {
        this(file, pos.line(), pos.col(), detail);
    }

    /** The file name as given to the parser. */
    public String file() {
        return file;
    }

    /** The 1-based line of the error. */
    public int line() {
        return line;
    }

    /** The 1-based column of the error. */
    public int col() {
        return col;
    }

    /** What is wrong, without the position prefix. */
    public String detail() {
        return detail;
    }
}
