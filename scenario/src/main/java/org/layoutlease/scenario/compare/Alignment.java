package org.layoutlease.scenario.compare;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.layoutlease.scenario.run.RunResult;
import org.layoutlease.scenario.run.TranscriptEntry;
import org.layoutlease.scenario.syntax.CallCatalog;
import org.layoutlease.scenario.syntax.Directive;
import org.layoutlease.scenario.syntax.Expr;
import org.layoutlease.scenario.syntax.Line;
import org.layoutlease.scenario.syntax.Result;
import org.layoutlease.scenario.syntax.Scenario;

/**
 * Folds the transcripts of one scenario under several policies into rows. Every transcript
 * entry answers an input line, or (line 0) is an event the file does not mention; such an event
 * belongs to the line that was running when it happened, the last line before it that produced
 * output. Extra events of one line are matched across policies by what they are (process and
 * signal, process and exit, invariant name), and ordered by a merge that keeps each policy's order.
 */
final class Alignment {
    private static final Pattern DURATION = Pattern.compile("<\\d+\\.\\d{6}>");
    private static final Pattern ERRNO_TEXT = Pattern.compile("^(-1 [A-Z0-9_]+) \\(.*\\)$");
    private static final String UNFINISHED = "<unfinished ...>";

    private final Scenario scenario;
    private final int width;
    private final Map<Integer, Line> byNumber = new HashMap<>();
    private final TreeMap<Integer, Slot> slots = new TreeMap<>();
    private final List<List<Finding>> findings = new ArrayList<>();
    private final int[] mismatches;
    private final int[] stopLine;

    Alignment(Scenario scenario, int width) {
        this.scenario = scenario;
        this.width = width;
        this.mismatches = new int[width];
        this.stopLine = new int[width];
        for (Line l : scenario.lines()) {
            byNumber.put(l.lineNo(), l);
        }
        for (int i = 0; i < width; i++) {
            findings.add(new ArrayList<>());
        }
    }

    /** What one policy produced at one line: its answer, or the pieces of a cat's output. */
    private static final class Answer {
        Cell.Kind kind;
        String text;
        String detail;
        final List<String> notes = new ArrayList<>();
        List<String> output;

        Cell cell() {
            boolean empty = output != null && (output.isEmpty() || output.size() == 1 && output.getFirst().isEmpty());
            String t = output == null ? text : empty ? "(empty)" : String.join("\n", output);
            return new Cell(kind, t, detail == null ? t : detail, notes);
        }
    }

    /** One row's answers: the line's own, and the extra events under it, per policy. */
    private final class Slot {
        final int line;
        final Answer[] own = new Answer[width];
        final List<LinkedHashMap<String, Extra>> extras = new ArrayList<>();

        Slot(int line) {
            this.line = line;
            for (int i = 0; i < width; i++) {
                extras.add(new LinkedHashMap<>());
            }
        }

        Answer own(int p) {
            if (own[p] == null) {
                own[p] = new Answer();
            }
            return own[p];
        }

        /** Adds an event under this line; a repeated event of the same kind gets its own row. */
        Answer extra(int p, String label, Row.Kind kind) {
            Map<String, Extra> m = extras.get(p);
            int n = 1;
            while (m.containsKey(label + "#" + n)) {
                n++;
            }
            Extra e = new Extra(label, kind, new Answer());
            m.put(label + "#" + n, e);
            return e.answer;
        }
    }

    private record Extra(String label, Row.Kind kind, Answer answer) {
    }

    private Slot slot(int line) {
        return slots.computeIfAbsent(line, Slot::new);
    }

    /** Reads one policy's run (policy index {@code p}). */
    void absorb(int p, RunResult r) {
        boolean invalid = r.status() == RunResult.INVALID && r.error() != null;
        stopLine[p] = invalid ? rowLineOf(r.error().line()) : Integer.MAX_VALUE;
        if (invalid) {
            errors.put(p, r.error().detail());
            slot(stopLine[p]);
        }
        int anchor = 0;
        for (TranscriptEntry e : r.entries()) {
            switch (e.kind()) {
                case "step", "directive", "cat" -> {
                    anchor = e.inputLine();
                    Answer a = slot(anchor).own(p);
                    primary(a, e);
                    if (e.kind().equals("step") && byNumber.get(anchor) instanceof Line.Step st) {
                        String out = outputs(e.text(), st);
                        a.text = out.isEmpty() ? a.text : a.text + " · " + out;
                    }
                }
                case "resumed" -> {
                    if (e.inputLine() > 0) {
                        anchor = e.inputLine();
                        primary(slot(anchor).own(p), e);
                    } else {
                        primary(slot(anchor).extra(p, e.proc() + ": <... " + e.call() + " resumed>", Row.Kind.RESUMED), e);
                    }
                }
                case "signal", "exit" -> {
                    Row.Kind kind = e.kind().equals("signal") ? Row.Kind.SIGNAL : Row.Kind.EXIT;
                    Answer a;
                    if (e.inputLine() > 0) {
                        anchor = e.inputLine();
                        a = slot(anchor).own(p);
                    } else {
                        a = slot(anchor).extra(p, eventLabel(e), kind);
                    }
                    event(a, e);
                }
                case "invariant" -> invariant(p, anchor, e);
                case "output" -> output(slot(anchor).own(p), e);
                case "mismatch" -> mismatch(p, anchor, e);
                default -> {
                    // comments and blank lines answer nothing and do not move the anchor
                }
            }
        }
    }

    private static void primary(Answer a, TranscriptEntry e) {
        switch (e.kind()) {
            case "step" -> result(a, e.result(), e.text());
            case "resumed" -> {
                if (e.result() == null) {
                    a.kind = Cell.Kind.ABSENT;
                    a.text = "no call in progress";
                    a.detail = e.text();
                } else if (e.result().equals("?") && duration(e.text()).isEmpty()) {
                    // the runner could not complete the call: it is still blocked (a hang)
                    a.kind = Cell.Kind.BLOCKED;
                    a.text = "still blocked";
                    a.detail = e.text();
                } else {
                    result(a, e.result(), e.text());
                    String d = duration(e.text());
                    a.text = d.isEmpty() ? a.text : a.text + " " + d;
                }
            }
            case "cat" -> {
                a.kind = Cell.Kind.VALUE;
                a.output = new ArrayList<>();
                a.detail = e.text();
            }
            default -> {
                a.kind = Cell.Kind.VALUE;
                a.text = "";
                a.detail = e.text();
            }
        }
    }

    private static void result(Answer a, String result, String line) {
        a.detail = line;
        if (result.equals(UNFINISHED)) {
            a.kind = Cell.Kind.BLOCKED;
            a.text = UNFINISHED;
            return;
        }
        Matcher m = ERRNO_TEXT.matcher(result);
        a.kind = result.startsWith("-1 ") ? Cell.Kind.ERROR : Cell.Kind.VALUE;
        a.text = m.matches() ? m.group(1) : result;
    }

    /**
     * The output arguments the transcript prints differently from the file: what the kernel filled
     * in (a read's data, a stat) where the file wrote {@code ?} or something else. Joined with
     * {@code " · "}; empty when the transcript echoes every argument.
     */
    static String outputs(String entryText, Line.Step step) {
        String t = entryText.strip();
        String head = step.proc() + ": " + step.call() + "(";
        if (!t.startsWith(head)) {
            return "";
        }
        List<String> actual = topLevelArgs(t, head.length());
        if (actual == null || actual.size() != step.args().size()) {
            return "";
        }
        var spec = CallCatalog.lookup(step.call()).orElse(null);
        List<String> differing = new ArrayList<>();
        for (int i = 0; i < actual.size(); i++) {
            if (spec != null && spec.isOutput(i) && !actual.get(i).equals(step.args().get(i).text())) {
                differing.add(actual.get(i));
            }
        }
        return String.join(" · ", differing);
    }

    /** The comma-separated arguments from {@code from} to the closing parenthesis, or null if unbalanced. */
    private static List<String> topLevelArgs(String t, int from) {
        List<String> args = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = from;
        for (int i = from; i < t.length(); i++) {
            char c = t.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> quoted = true;
                case '(', '[', '{' -> depth++;
                case ']', '}' -> depth--;
                case ')' -> {
                    if (depth == 0) {
                        String last = t.substring(start, i).strip();
                        if (!last.isEmpty() || !args.isEmpty()) {
                            args.add(last);
                        }
                        return args;
                    }
                    depth--;
                }
                case ',' -> {
                    if (depth == 0) {
                        args.add(t.substring(start, i).strip());
                        start = i + 1;
                    }
                }
                default -> {
                }
            }
        }
        return null;
    }

    /** The last {@code <S>} of a resumed line, or the empty string. */
    static String duration(String text) {
        Matcher m = DURATION.matcher(text);
        String last = "";
        while (m.find()) {
            last = m.group();
        }
        return last;
    }

    private static void event(Answer a, TranscriptEntry e) {
        a.kind = Cell.Kind.EVENT;
        a.text = eventText(e);
        a.detail = e.text().strip();
    }

    /** {@code SIGIO {si_signo=...}} for a signal line, {@code exited with 0} for an exit line. */
    static String eventText(TranscriptEntry e) {
        String t = afterProc(e.text());
        if (e.kind().equals("signal")) {
            t = t.startsWith("--- ") ? t.substring(4) : t;
            t = t.endsWith(" ---") ? t.substring(0, t.length() - 4) : t;
            int sp = t.indexOf(' ');
            return sp < 0 ? t : t.replace("{si_signo=" + t.substring(0, sp) + ", ", "{");
        }
        t = t.startsWith("+++ ") ? t.substring(4) : t;
        return t.endsWith(" +++") ? t.substring(0, t.length() - 4) : t;
    }

    private static String afterProc(String text) {
        String t = stripComment(text.strip());
        int colon = t.indexOf(": ");
        return colon < 0 ? t : t.substring(colon + 2);
    }

    private static String stripComment(String t) {
        int hash = t.indexOf("  #");
        return hash < 0 ? t : t.substring(0, hash).strip();
    }

    /** The row label of an event the file does not mention: what it is, not its details. */
    static String eventLabel(TranscriptEntry e) {
        if (e.kind().equals("signal")) {
            String t = eventText(e);
            int sp = t.indexOf(' ');
            return e.proc() + ": --- " + (sp < 0 ? t : t.substring(0, sp)) + " ---";
        }
        return e.proc() + ": +++";
    }

    private void invariant(int p, int anchor, TranscriptEntry e) {
        String name = e.result();
        boolean expected = e.inputLine() > 0;
        Answer a = expected ? slot(e.inputLine()).own(p) : slot(anchor).extra(p, "!!! invariant " + name, Row.Kind.INVARIANT);
        a.kind = Cell.Kind.EVENT;
        a.text = "fired";
        a.detail = e.text().strip();
        String text = e.text().strip();
        int colon = text.indexOf(": ");
        findings.get(p).add(new Finding(name, anchor, expected, true, colon < 0 ? "" : text.substring(colon + 2)));
    }

    private static void output(Answer a, TranscriptEntry e) {
        if (a.output == null) {
            a.output = new ArrayList<>();
        }
        String t = e.text();
        t = t.startsWith("| ") ? t.substring(2) : t.startsWith("|") ? t.substring(1) : t;
        a.output.add(t);
    }

    private void mismatch(int p, int anchor, TranscriptEntry e) {
        mismatches[p]++;
        String note = e.text().startsWith("!!! expected ") ? e.text().substring("!!! expected ".length()) : e.text();
        int line = e.inputLine() > 0 ? rowLineOf(e.inputLine()) : anchor;
        slot(line).own(p).notes.add(note);
        if (byNumber.get(e.inputLine()) instanceof Line.InvariantObservation inv) {
            findings.get(p).add(new Finding(inv.name(), inv.lineNo(), true, false, inv.text()));
        }
    }

    /** The row a line's answer goes to: a {@code |} line belongs to the cat before it. */
    private int rowLineOf(int line) {
        int l = line;
        while (byNumber.get(l) instanceof Line.CatOutputLine) {
            l--;
        }
        return byNumber.get(l) instanceof Directive.CatDirective ? l : line;
    }

    // ------------------------------------------------------------------ rows

    List<Row> rows() {
        List<Row> out = new ArrayList<>();
        for (Slot s : slots.values()) {
            Line line = byNumber.get(s.line);
            List<Cell> cells = new ArrayList<>();
            boolean interesting = shownAlways(line);
            for (int p = 0; p < width; p++) {
                Cell c = ownCell(s, p, line);
                cells.add(c);
                interesting |= c.kind() == Cell.Kind.INVALID || c.contradictsFile() || !s.extras.get(p).isEmpty();
            }
            if (interesting) {
                out.add(new Row(s.line, kindOf(line), label(line), expected(line), false, cells));
                out.addAll(extraRows(s));
            }
        }
        return out;
    }

    private Cell ownCell(Slot s, int p, Line line) {
        if (s.line > stopLine[p]) {
            return Cell.of(Cell.Kind.NOT_RUN, "not run");
        }
        if (s.line == stopLine[p]) {
            return Cell.of(Cell.Kind.INVALID, "invalid: " + errorText(p));
        }
        Answer a = s.own[p];
        if (a == null || a.kind == null) {
            String missing = switch (line) {
                case Line.InvariantObservation i -> "did not fire";
                case Line.SignalObservation o -> "did not happen";
                case Line.ExitObservation o -> "did not happen";
                case null, default -> "—";
            };
            List<String> notes = a == null ? List.of() : a.notes;
            return new Cell(Cell.Kind.ABSENT, missing, missing, notes);
        }
        return a.cell();
    }

    private final Map<Integer, String> errors = new HashMap<>();

    private String errorText(int p) {
        return errors.getOrDefault(p, "");
    }

    private List<Row> extraRows(Slot s) {
        List<List<String>> orders = new ArrayList<>();
        for (int p = 0; p < width; p++) {
            orders.add(new ArrayList<>(s.extras.get(p).keySet()));
        }
        List<Row> out = new ArrayList<>();
        for (String key : Merge.orders(orders)) {
            Extra any = null;
            List<Cell> cells = new ArrayList<>();
            for (int p = 0; p < width; p++) {
                Extra e = s.extras.get(p).get(key);
                any = any == null ? e : any;
                if (s.line > stopLine[p]) {
                    cells.add(Cell.of(Cell.Kind.NOT_RUN, "not run"));
                } else {
                    cells.add(e == null ? Cell.of(Cell.Kind.ABSENT, "—") : e.answer.cell());
                }
            }
            out.add(new Row(s.line, any.kind, any.label, "", true, cells));
        }
        return out;
    }

    private static boolean shownAlways(Line line) {
        return switch (line) {
            case Line.Step s -> true;
            case Line.Resumed r -> true;
            case Line.SignalObservation s -> true;
            case Line.ExitObservation x -> true;
            case Line.InvariantObservation i -> true;
            case Directive.CatDirective c -> true;
            case Directive.AdvanceDirective a -> true;
            case null, default -> false;
        };
    }

    private static Row.Kind kindOf(Line line) {
        return switch (line) {
            case Line.Step s -> Row.Kind.STEP;
            case Line.Resumed r -> Row.Kind.RESUMED;
            case Line.SignalObservation s -> Row.Kind.SIGNAL;
            case Line.ExitObservation x -> Row.Kind.EXIT;
            case Line.InvariantObservation i -> Row.Kind.INVARIANT;
            case Directive.CatDirective c -> Row.Kind.CAT;
            case null, default -> Row.Kind.DIRECTIVE;
        };
    }

    /** The line as the file states it, without its result: the row's question. */
    static String label(Line line) {
        return switch (line) {
            case null -> "(before the first line)";
            case Line.Step s -> s.proc() + ": " + s.call() + "(" + String.join(", ", s.args().stream().map(Expr::text).toList()) + ")";
            case Line.Resumed r -> r.proc() + ": <... " + r.call() + " resumed>";
            case Line.SignalObservation s -> s.proc() + ": --- " + s.signal() + " ---";
            case Line.ExitObservation x -> x.proc() + ": +++";
            case Line.InvariantObservation i -> "!!! invariant " + i.name();
            default -> stripComment(line.raw().strip());
        };
    }

    /** What the file states about the line's outcome, or the empty string. */
    String expected(Line line) {
        return switch (line) {
            case Line.Step s -> s.result() == null ? "" : resultText(s.result());
            case Line.Resumed r -> (r.result() == null ? "" : resultText(r.result()))
                + (r.seconds() == null ? "" : String.format(" <%.6f>", r.seconds()));
            case Line.SignalObservation s -> s.hasBraces() ? s.signal() + " {" + String.join(", ", s.fields().stream()
                .filter(f -> !f.name().equals("si_signo")).map(f -> f.name() + "=" + f.value()).toList()) + "}" : s.signal();
            case Line.ExitObservation x -> x.exitCode() != null ? "exited with " + x.exitCode() : "killed by " + x.killedBy();
            case Line.InvariantObservation i -> "fires";
            case Directive.CatDirective c -> catExpectation(c);
            case null, default -> "";
        };
    }

    private String catExpectation(Directive.CatDirective c) {
        List<String> lines = new ArrayList<>();
        for (int l = c.lineNo() + 1; byNumber.get(l) instanceof Line.CatOutputLine o; l++) {
            lines.add(o.content());
        }
        if (lines.isEmpty()) {
            return "";
        }
        return lines.size() == 1 && lines.getFirst().isEmpty() ? "(empty)" : String.join("\n", lines);
    }

    private static String resultText(Result r) {
        return switch (r) {
            case Result.ValueResult v -> v.value().text();
            case Result.ErrorResult e -> "-1 " + e.errno();
            case Result.BindResult b -> "$" + b.var();
            case Result.AnyResult a -> "?";
            case Result.UnfinishedResult u -> UNFINISHED;
        };
    }

    // ------------------------------------------------------------------ outcomes

    List<PolicyOutcome> outcomes(List<String> policies, List<RunResult> runs) {
        List<PolicyOutcome> out = new ArrayList<>();
        for (int p = 0; p < width; p++) {
            RunResult r = runs.get(p);
            var e = r.error();
            out.add(new PolicyOutcome(policies.get(p), r.status(), e == null ? null : e.getMessage(),
                e == null ? 0 : e.line(), e == null ? null : e.detail(), mismatches[p], findings.get(p)));
        }
        return out;
    }
}
