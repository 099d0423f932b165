package org.layoutlease.scenario.syntax;

import java.util.List;

/** A parsed scenario file: its name (for diagnostics) and every line, blank ones included. */
public record Scenario(String file, List<Line> lines) {

    /** Copies the lines so the scenario stays immutable. */
    public Scenario {
        lines = List.copyOf(lines);
    }
}
