package org.layoutlease.scenario.syntax;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The checks that span lines (policy placement, {@code |} blocks, process names, variables,
 * the final {@code leak} line), fed one parsed line at a time in file order.
 */
final class StaticChecks {

    private static final String LEAK = "leak";

    private final String file;
    /** Process, thread and peer names, with the line that introduced each. */
    private final Map<String, Integer> processes = new HashMap<>();
    private final Set<String> boundVars = new HashSet<>();
    private int firstStepLine;
    private int policyLine;
    private Line previous;
    private SourcePos leakPos;

    StaticChecks(String file) {
        this.file = file;
    }

    /** Checks {@code line}; {@code subject} is where its name, keyword or pipe starts. */
    void check(Line line, SourcePos subject) {
        checkNothingAfterLeak(line);
        switch (line) {
            case Directive.PolicyDirective p -> policy(subject);
            case Directive.ProcessDirective p -> declare(p.name(), subject);
            case Directive.PeerDirective p -> declare(p.name(), subject);
            case Directive.CatDirective c when c.asName() != null -> requireProcess(c.asName(), subject);
            case Line.Step s -> step(s, subject);
            case Line.Resumed r -> {
                requireProcess(r.proc(), subject);
                result(r.call(), r.result());
            }
            case Line.SignalObservation s -> requireProcess(s.proc(), subject);
            case Line.ExitObservation e -> requireProcess(e.proc(), subject);
            case Line.CatOutputLine o -> catOutput(subject);
            case Line.InvariantObservation i when i.name().equals(LEAK) -> leakPos = subject;
            default -> {
            }
        }
        previous = line;
    }

    /** {@code leak} is checked once at the end of the file, so its line must be the last one. */
    private void checkNothingAfterLeak(Line line) {
        if (leakPos != null && isSignificant(line)) {
            throw new ScenarioError(file, leakPos, "the 'leak' invariant is checked at the end of the file,"
                    + " so its line must be the last one, but line " + line.lineNo() + " follows");
        }
    }

    /** Blank lines, comments and notes of an earlier run may follow the last line. */
    private static boolean isSignificant(Line line) {
        return !(line instanceof Line.Blank || line instanceof Line.CommentLine || line instanceof Line.ExpectedNote);
    }

    private void policy(SourcePos at) {
        if (firstStepLine > 0) {
            throw new ScenarioError(file, at, "policy must come before the first step (line " + firstStepLine + ")");
        }
        if (policyLine > 0) {
            throw new ScenarioError(file, at, "duplicate policy directive: policy already set at line " + policyLine);
        }
        policyLine = at.line();
    }

    private void catOutput(SourcePos at) {
        if (!(previous instanceof Directive.CatDirective || previous instanceof Line.CatOutputLine)) {
            throw new ScenarioError(file, at, "'|' line must directly follow a 'cat' directive or another '|' line");
        }
    }

    private void step(Line.Step step, SourcePos subject) {
        requireProcess(step.proc(), subject);
        if (firstStepLine == 0) {
            firstStepLine = step.lineNo();
        }
        for (Expr arg : step.args()) {
            requireBound(arg);
        }
        result(step.call(), step.result());
    }

    /** Vars in a value must be bound; {@code = $x} binds; fork() and thread() name a new task. */
    private void result(String call, Result result) {
        switch (result) {
            case Result.ValueResult v -> {
                requireBound(v.value());
                if ((call.equals("fork") || call.equals("thread")) && v.value() instanceof Expr.Name n) {
                    declare(n.name(), n.pos());
                }
            }
            case Result.BindResult b -> boundVars.add(b.var());
            case null, default -> {
            }
        }
    }

    private void declare(String name, SourcePos at) {
        if (!DirectiveParser.PROCESS_NAME.matcher(name).matches()) {
            throw new ScenarioError(file, at, "invalid process name " + Cursor.quote(name)
                    + ": expected a letter followed by letters, digits or '_'");
        }
        Integer earlier = processes.putIfAbsent(name, at.line());
        if (earlier != null) {
            throw new ScenarioError(file, at, "duplicate process name '" + name + "': already introduced at line " + earlier);
        }
    }

    private void requireProcess(String name, SourcePos at) {
        if (!processes.containsKey(name)) {
            throw new ScenarioError(file, at, "unknown process '" + name
                    + "': introduce it with 'process' or 'peer', or as the result of fork() or thread()");
        }
    }

    /** Fails at the first variable in {@code e} that no earlier step bound. */
    private void requireBound(Expr e) {
        switch (e) {
            case Expr.Var v when !boundVars.contains(v.name()) -> throw new ScenarioError(file, v.pos(),
                    "variable '$" + v.name() + "' is used before a step binds it with '= $" + v.name() + "'");
            case Expr.Flags f -> f.parts().forEach(this::requireBound);
            case Expr.BinOp b -> {
                requireBound(b.left());
                requireBound(b.right());
            }
            case Expr.StructLit s -> s.fields().forEach(field -> requireBound(field.value()));
            case Expr.ArrayLit a -> a.items().forEach(this::requireBound);
            default -> {
            }
        }
    }
}
