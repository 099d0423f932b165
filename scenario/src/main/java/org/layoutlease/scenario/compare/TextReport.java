package org.layoutlease.scenario.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The comparison as aligned plain text, for a terminal or a pipe: per scenario a table of
 * steps against policies ({@code ≠} marks a row the policies answer differently, {@code ✗} a
 * result that contradicts the file), then each policy's exit status and invariant findings.
 * ANSI colour only when asked for.
 */
public final class TextReport {
    /** The mark of a row the policies answer differently. */
    public static final String DIFFERS = "≠";
    /** The mark of a cell that contradicts what the file states. */
    public static final String CONTRADICTS = "✗";

    private static final int STEP_WIDTH = 46;
    private static final int EXPECTED_WIDTH = 22;
    private static final int POLICY_WIDTH = 28;
    private static final int FINDINGS_WIDTH = 72;

    private final boolean colour;

    private TextReport(boolean colour) {
        this.colour = colour;
    }

    /** Renders every comparison; {@code colour} adds ANSI escapes. */
    public static String render(List<ScenarioComparison> all, boolean colour) {
        TextReport t = new TextReport(colour);
        StringBuilder sb = new StringBuilder();
        for (ScenarioComparison c : all) {
            sb.append(sb.isEmpty() ? "" : "\n").append(t.scenario(c));
        }
        if (all.size() > 1) {
            sb.append('\n').append(summary(all)).append('\n');
        }
        return sb.toString();
    }

    /** {@code 3 scenarios × 3 policies: 5 rows differ, 2 invalid runs}. */
    static String summary(List<ScenarioComparison> all) {
        long differ = all.stream().mapToLong(ScenarioComparison::differingRows).sum();
        long invalid = all.stream().flatMap(c -> c.outcomes().stream()).filter(PolicyOutcome::invalid).count();
        int policies = all.isEmpty() ? 0 : all.getFirst().policies().size();
        return all.size() + " scenarios × " + policies + " policies: " + differ + (differ == 1 ? " row differs" : " rows differ")
            + ", " + invalid + (invalid == 1 ? " invalid run" : " invalid runs");
    }

    private String scenario(ScenarioComparison c) {
        StringBuilder sb = new StringBuilder();
        sb.append(paint(Ansi.BOLD, c.file())).append('\n');
        for (String d : c.description()) {
            sb.append(paint(Ansi.DIM, "  # " + d)).append('\n');
        }
        if (c.filePolicy() != null) {
            sb.append(paint(Ansi.DIM, "  written for " + c.filePolicy())).append('\n');
        }
        if (c.fileError() != null) {
            return sb.append("  ").append(paint(Ansi.RED, "invalid: " + c.fileError().getMessage())).append('\n').toString();
        }
        sb.append('\n').append(table(c)).append('\n').append(outcomes(c));
        return sb.toString();
    }

    private String table(ScenarioComparison c) {
        int n = 4 + c.policies().size();
        int[] widths = new int[n];
        boolean[] right = new boolean[n];
        widths[0] = 1;
        widths[1] = 5;
        right[1] = true;
        widths[2] = STEP_WIDTH;
        widths[3] = EXPECTED_WIDTH;
        for (int i = 4; i < n; i++) {
            widths[i] = POLICY_WIDTH;
        }
        TextTable t = new TextTable(widths, right);
        List<TextTable.Cell> head = new ArrayList<>(List.of(cell(""), cell("line"), cell("step"), cell("expected")));
        c.policies().forEach(p -> head.add(new TextTable.Cell(p, s -> paint(Ansi.BOLD, s))));
        t.add(head);
        for (Row r : c.rows()) {
            List<TextTable.Cell> row = new ArrayList<>();
            row.add(new TextTable.Cell(r.differs() ? DIFFERS : "", s -> paint(Ansi.YELLOW_BOLD, s)));
            row.add(cell(r.extra() ? "" : Integer.toString(r.line())));
            row.add(r.extra() ? new TextTable.Cell("+ " + r.label(), s -> paint(Ansi.DIM, s)) : cell(r.label()));
            row.add(new TextTable.Cell(r.expected(), s -> paint(Ansi.DIM, s)));
            for (Cell x : r.cells()) {
                row.add(new TextTable.Cell(shown(x), paintFor(x)));
            }
            t.add(row);
        }
        return t.render("");
    }

    /** A cell as printed: {@code ·} for not run, the text, and {@code ✗} when it contradicts the file. */
    static String shown(Cell x) {
        if (x.kind() == Cell.Kind.NOT_RUN) {
            return "·";
        }
        return x.contradictsFile() ? x.text() + " " + CONTRADICTS : x.text();
    }

    private UnaryOperator<String> paintFor(Cell x) {
        String code = switch (x.kind()) {
            case VALUE -> x.contradictsFile() ? Ansi.RED : "";
            case ERROR -> x.contradictsFile() ? Ansi.RED : Ansi.YELLOW;
            case BLOCKED -> Ansi.CYAN;
            case EVENT -> x.text().equals("fired") ? Ansi.RED : Ansi.MAGENTA;
            case ABSENT, NOT_RUN -> Ansi.DIM;
            case INVALID -> Ansi.RED_BOLD;
        };
        return s -> paint(code, s);
    }

    private String outcomes(ScenarioComparison c) {
        TextTable t = new TextTable(new int[] {POLICY_WIDTH, FINDINGS_WIDTH}, new boolean[] {false, false});
        for (PolicyOutcome o : c.outcomes()) {
            String code = switch (o.status()) {
                case 0 -> Ansi.GREEN;
                case 2, 3 -> Ansi.RED;
                default -> Ansi.YELLOW;
            };
            t.add(List.of(new TextTable.Cell(o.policy(), s -> paint(Ansi.BOLD, s)),
                new TextTable.Cell("exit " + o.summary(), s -> paint(code, s))));
            for (Finding f : o.findings()) {
                String where = f.occurred() ? "after line " + f.line() : "at line " + f.line();
                String mark = f.occurred() && !f.expected() ? Ansi.RED : f.occurred() ? Ansi.MAGENTA : Ansi.YELLOW;
                t.add(List.of(cell(""), new TextTable.Cell("!!! " + f.invariant() + " " + where + " (" + f.verdict() + ")",
                    s -> paint(mark, s))));
            }
        }
        return t.render("  ");
    }

    private static TextTable.Cell cell(String s) {
        return new TextTable.Cell(s);
    }

    private String paint(String code, String s) {
        return colour && !code.isEmpty() ? code + s + Ansi.RESET : s;
    }

    /** The few SGR sequences used. */
    private static final class Ansi {
        static final String RESET = "\033[0m";
        static final String BOLD = "\033[1m";
        static final String DIM = "\033[2m";
        static final String RED = "\033[31m";
        static final String RED_BOLD = "\033[1;31m";
        static final String GREEN = "\033[32m";
        static final String YELLOW = "\033[33m";
        static final String YELLOW_BOLD = "\033[1;33m";
        static final String MAGENTA = "\033[35m";
        static final String CYAN = "\033[36m";
    }
}
