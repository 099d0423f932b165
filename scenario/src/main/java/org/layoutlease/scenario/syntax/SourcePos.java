package org.layoutlease.scenario.syntax;

/** A 1-based line and column in a scenario file; columns count characters. */
public record SourcePos(int line, int col) {

    /** Both coordinates are 1-based, so anything smaller is a parser bug. */
    public SourcePos {
        assert line >= 1 : "line must be 1-based: " + line;
        assert col >= 1 : "column must be 1-based: " + col;
    }

    @Override
    public String toString() {
        return line + ":" + col;
    }
}
