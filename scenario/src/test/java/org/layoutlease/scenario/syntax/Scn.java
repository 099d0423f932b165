package org.layoutlease.scenario.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Test helpers: parse lines joined by newlines, and assert exact error positions. */
final class Scn {

    static final String FILE = "t.scn";

    private Scn() {
    }

    /** Parses the lines as one file, each terminated by a newline. */
    static Scenario parse(String... lines) {
        return Parser.parse(FILE, String.join("\n", lines) + "\n");
    }

    /** The last line of the parsed file. */
    static Line last(String... lines) {
        Scenario s = parse(lines);
        return s.lines().get(s.lines().size() - 1);
    }

    /** The first argument of {@code A: write(EXPR, 0, 0)}, which starts at column 10. */
    static Expr arg(String expr) {
        Line.Step step = (Line.Step) last("process A", "A: write(" + expr + ", 0, 0)");
        return step.args().get(0);
    }

    /** Asserts parsing fails with exactly {@code t.scn:LINE:COL: detail}. */
    static void assertError(int line, int col, String detail, String... lines) {
        ScenarioError e = catchThrowableOfType(ScenarioError.class, () -> parse(lines));
        assertThat(e).as("expected an error for %s", String.join(" / ", lines)).isNotNull();
        assertThat(e.getMessage()).isEqualTo(FILE + ":" + line + ":" + col + ": " + detail);
        assertThat(e.file()).isEqualTo(FILE);
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.col()).isEqualTo(col);
        assertThat(e.detail()).isEqualTo(detail);
    }

    /** Asserts {@code A: write(EXPR, 0, 0)} fails at line 2, column {@code col}. */
    static void assertArgError(String expr, int col, String detail) {
        assertError(2, col, detail, "process A", "A: write(" + expr + ", 0, 0)");
    }

    static byte[] latin1(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
