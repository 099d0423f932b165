package org.layoutlease.scenario.run;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.layoutlease.kernel.Kernel;
import org.layoutlease.kernel.KernelEvent;
import org.layoutlease.kernel.NotImplemented;
import org.layoutlease.kernel.policy.Policies;
import org.layoutlease.kernel.policy.Policy;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.SysResult;
import org.layoutlease.scenario.syntax.Directive;
import org.layoutlease.scenario.syntax.Expr;
import org.layoutlease.scenario.syntax.Line;
import org.layoutlease.scenario.syntax.Result;
import org.layoutlease.scenario.syntax.Scenario;
import org.layoutlease.scenario.syntax.ScenarioError;
import org.layoutlease.scenario.syntax.SourcePos;

/**
 * Runs a scenario on a fresh kernel and writes its transcript: each input line again, results
 * filled in, events the input did not mention inserted where they happened, and every
 * disagreement with the input marked with a {@code !!! expected} line under it.
 */
public final class Runner {
    private static final CallTable CALLS = new CallTable();
    private static final long SECONDS_TOLERANCE_NANOS = 1_000_000;

    private final Scenario scenario;
    private final List<Line> lines;
    private final Env env;
    private final Kernel kernel;
    private final String policyName;
    private final List<String> out = new ArrayList<>();
    private final List<TranscriptEntry> entries = new ArrayList<>();

    // Observation lines not yet reached, per name: events are matched to them in order.
    private final Map<String, ArrayDeque<Integer>> observationLines = new HashMap<>();
    private final Map<String, ArrayDeque<Integer>> resumedLines = new HashMap<>();
    private final Map<Integer, KernelEvent> assigned = new HashMap<>();
    private final Set<Integer> consumed = new HashSet<>();
    private final List<KernelEvent.Invariant> invariants = new ArrayList<>();
    private final Set<String> hangReported = new HashSet<>();
    private final int trailingInvariantsFrom;
    private boolean strict;
    private boolean mismatch;
    private boolean unexpectedInvariant;
    private int current;

    private Runner(Scenario scenario, String policyOverride) {
        this.scenario = scenario;
        this.lines = scenario.lines();
        this.policyName = choosePolicy(policyOverride);
        Policy policy = Policies.byName(policyName);
        if (policy == null) {
            throw new ScenarioError(scenario.file(), policyLine(), 1, "unknown policy '" + policyName
                + "' (known: " + String.join(", ", Policies.names()) + ")");
        }
        this.kernel = new Kernel(policy);
        this.env = new Env(kernel, scenario.file());
        this.trailingInvariantsFrom = trailingInvariantStart();
        indexObservations();
    }

    /** Runs {@code scenario}; {@code policyOverride} (may be null) replaces its policy directive. */
    public static RunResult run(Scenario scenario, String policyOverride) {
        Runner r;
        try {
            r = new Runner(scenario, policyOverride);
        } catch (ScenarioError e) {
            return new RunResult(scenario.file(), policyOverride, List.of(), List.of(), RunResult.INVALID, e);
        }
        return r.execute();
    }

    private String choosePolicy(String override) {
        if (override != null) {
            return override;
        }
        for (Line l : lines) {
            if (l instanceof Directive.PolicyDirective p) {
                return p.name();
            }
        }
        return Policies.DEFAULT;
    }

    private int policyLine() {
        for (Line l : lines) {
            if (l instanceof Directive.PolicyDirective p) {
                return p.lineNo();
            }
        }
        return 1;
    }

    private void indexObservations() {
        for (int i = 0; i < lines.size(); i++) {
            switch (lines.get(i)) {
                case Line.SignalObservation s -> queue(observationLines, s.proc()).add(i);
                case Line.ExitObservation x -> queue(observationLines, x.proc()).add(i);
                case Line.Resumed r -> queue(resumedLines, r.proc()).add(i);
                default -> {
                }
            }
        }
    }

    private static ArrayDeque<Integer> queue(Map<String, ArrayDeque<Integer>> m, String name) {
        return m.computeIfAbsent(name, k -> new ArrayDeque<>());
    }

    /** Index of the first of the invariant lines that end the file (hang and leak at EOF). */
    private int trailingInvariantStart() {
        int i = lines.size();
        while (i > 0 && (lines.get(i - 1) instanceof Line.InvariantObservation
            || lines.get(i - 1) instanceof Line.Blank || lines.get(i - 1) instanceof Line.CommentLine)) {
            i--;
        }
        return i;
    }

    private RunResult execute() {
        try {
            for (current = 0; current < lines.size(); current++) {
                Line l = lines.get(current);
                if (consumed.contains(current)) {
                    continue;
                }
                process(l);
            }
            endOfFile();
        } catch (ScenarioError e) {
            return result(RunResult.INVALID, e);
        } catch (NotImplemented e) {
            Line l = lines.get(current);
            return result(RunResult.INVALID, new ScenarioError(scenario.file(), l.lineNo(), 1, e.getMessage()));
        } catch (IllegalStateException | IllegalArgumentException | ArithmeticException e) {
            // A limit of the model was exceeded (too many timers, tasks, mappings): a clean error, not a trace.
            Line l = lines.get(Math.min(current, lines.size() - 1));
            return result(RunResult.INVALID, new ScenarioError(scenario.file(), l.lineNo(), 1,
                "the model cannot run this line: " + e.getMessage()));
        }
        int status = unexpectedInvariant ? RunResult.INVARIANT : mismatch ? RunResult.MISMATCH : RunResult.OK;
        return result(status, null);
    }

    private RunResult result(int status, ScenarioError error) {
        return new RunResult(scenario.file(), policyName, List.copyOf(out), List.copyOf(entries), status, error);
    }

    private void process(Line l) {
        switch (l) {
            case Line.Blank b -> emit(b.lineNo(), "blank", null, null, null, b.raw());
            case Line.CommentLine c -> emit(c.lineNo(), "comment", null, null, null, c.raw());
            case Line.ExpectedNote n -> {
                // A previous run's mismatch note: regenerated, never echoed.
            }
            case Directive d -> directive(d);
            case Line.Step s -> step(s);
            case Line.Resumed r -> resumed(r);
            case Line.SignalObservation s -> observation(s.proc(), s.lineNo(), s.raw());
            case Line.ExitObservation x -> observation(x.proc(), x.lineNo(), x.raw());
            case Line.CatOutputLine c -> throw new ScenarioError(scenario.file(), c.lineNo(), 1,
                "'|' line without a preceding cat");
            case Line.InvariantObservation inv -> unmatchedExpectedInvariant(inv);
        }
    }

    // ------------------------------------------------------------------ output

    private void emit(int inputLine, String kind, String proc, String call, String result, String text) {
        out.add(text);
        entries.add(new TranscriptEntry(inputLine, kind, proc, call, result, text, kernel.clock.nowNanos()));
    }

    private void mismatch(int inputLine, String expected) {
        mismatch = true;
        emit(inputLine, "mismatch", null, null, null, "!!! expected " + expected);
    }

    private static String indent(Line l) {
        String raw = l.raw();
        int i = 0;
        while (i < raw.length() && Character.isWhitespace(raw.charAt(i))) {
            i++;
        }
        return raw.substring(0, i);
    }

    private static String withComment(String text, Line l) {
        return l.comment() == null ? text : text + "  " + l.comment();
    }

    // ------------------------------------------------------------------ directives

    private void directive(Directive d) {
        Directives.apply(env, d, this);
        if (d instanceof Directive.StrictDirective) {
            strict = true;
        }
        if (d instanceof Directive.CatDirective c) {
            cat(c);
            return;
        }
        emit(d.lineNo(), "directive", null, null, null, d.raw());
        if (d instanceof Directive.PolicyDirective p && !p.name().equals(policyName)) {
            // The line is echoed as written; without this note the transcript would name a design
            // that did not run.
            emit(d.lineNo(), "comment", null, null, null, "# overridden by --policy " + policyName
                + ": this run used policy " + policyName + ", not " + p.name());
        }
        routeEvents();
        settleInvariants(current, false);
    }

    private void cat(Directive.CatDirective c) {
        emit(c.lineNo(), "cat", c.asName(), null, null, c.raw());
        List<String> actual = Directives.catLines(env, c);
        List<Line.CatOutputLine> expected = new ArrayList<>();
        int j = current + 1;
        while (j < lines.size() && lines.get(j) instanceof Line.CatOutputLine o) {
            expected.add(o);
            consumed.add(j);
            j++;
        }
        if (expected.isEmpty()) {
            actual.forEach(a -> emit(c.lineNo(), "output", null, null, null, "| " + a));
            return;
        }
        boolean same = sameOutput(expected, actual);
        if (same) {
            expected.forEach(e -> emit(e.lineNo(), "output", null, null, null, e.raw()));
            return;
        }
        actual.forEach(a -> emit(c.lineNo(), "output", null, null, null, "| " + a));
        for (Line.CatOutputLine e : expected) {
            mismatch(e.lineNo(), "| " + e.content());
        }
    }

    private boolean sameOutput(List<Line.CatOutputLine> expected, List<String> actual) {
        if (expected.size() == 1 && expected.getFirst().content().isEmpty()) {
            return actual.isEmpty() || (actual.size() == 1 && actual.getFirst().isEmpty());
        }
        if (expected.size() != actual.size()) {
            return false;
        }
        for (int i = 0; i < actual.size(); i++) {
            String want = env.substitute(expected.get(i).content(), new SourcePos(expected.get(i).lineNo(), 1));
            if (!stripTrailing(want).equals(stripTrailing(actual.get(i)))) {
                return false;
            }
        }
        return true;
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }

    // ------------------------------------------------------------------ steps

    private void step(Line.Step s) {
        boolean peer = env.isPeer(s.proc());
        Task task = peer ? null : liveTask(s.proc(), s.callPos());
        CallImpl impl = CALLS.get(s.call());
        if (impl == null) {
            throw env.error(s.callPos(), "unknown call '" + s.call() + "'");
        }
        if (peer && !CALLS.peerMayCall(s.call())) {
            throw env.error(s.callPos(), s.proc() + " is a peer: it can only issue rdma_write and rdma_read");
        }
        boolean[] diedInside = new boolean[1];
        SysResult r = peer
            ? kernel.external(() -> impl.call(env, null, s, s.args()))
            : kernel.syscall(task, () -> {
                SysResult res = impl.call(env, task, s, s.args());
                // Dead before the boundary (exit_group, a fatal fault) rather than by a signal
                // delivered on the way back to user space after the call returned.
                diedInside[0] = !task.isAlive();
                return res;
            });
        if ((s.call().equals("fork") || s.call().equals("thread")) && r instanceof SysResult.Value v) {
            env.tasks.put(newName(s), kernel.task((int) v.value()));
        }
        printStep(s, task, r, diedInside[0]);
        routeEvents();
        settleInvariants(current, false);
    }

    private static String newName(Line.Step s) {
        return ((Expr.Name) ((Result.ValueResult) s.result()).value()).name();
    }

    private Task liveTask(String name, SourcePos pos) {
        Task t = env.task(name);
        if (t == null) {
            throw env.error(pos, "no process or thread named " + name);
        }
        if (!t.isAlive()) {
            throw env.error(pos, name + " has exited; it cannot make calls");
        }
        if (t.isBlocked()) {
            throw env.error(pos, name + " is blocked in " + t.blockedCall()
                + "; only its <... " + t.blockedCall() + " resumed> line may come next");
        }
        return t;
    }

    private void printStep(Line.Step s, Task task, SysResult r, boolean diedInside) {
        String call = indent(s) + s.proc() + ": " + s.call() + "(" + argsText(s, r) + ")";
        if (r.isBlocked()) {
            emit(s.lineNo(), "step", s.proc(), s.call(), "<unfinished ...>", withComment(call + " <unfinished ...>", s));
            if (s.result() != null && !(s.result() instanceof Result.UnfinishedResult)
                && !(s.result() instanceof Result.AnyResult)) {
                mismatch(s.lineNo(), resultText(s.result()) + " without blocking");
            }
            return;
        }
        if (diedInside) {
            printDiedInCall(s, call);
            return;
        }
        String actual = Render.result(s.call(), s.args(), r, env);
        Check c = checkResult(s.result(), r, s.call(), s.args());
        String shown = c.ok && s.result() != null ? resultText(s.result()) : actual;
        emit(s.lineNo(), "step", s.proc(), s.call(), actual, withComment(call + " = " + shown, s));
        if (!c.ok) {
            mismatch(s.lineNo(), c.expected);
        }
        checkOutputs(s, r);
    }

    /** The caller died inside the call (exit_group, a fatal fault): strace prints {@code = ?}. */
    private void printDiedInCall(Line.Step s, String call) {
        emit(s.lineNo(), "step", s.proc(), s.call(), "?", withComment(call + " = ?", s));
        if (s.result() != null && !(s.result() instanceof Result.AnyResult)) {
            mismatch(s.lineNo(), "= " + resultText(s.result()) + " (the process died in the call)");
        }
    }

    private record Check(boolean ok, String expected) {
    }

    private static String resultText(Result r) {
        return switch (r) {
            case Result.ValueResult v -> v.value().text();
            case Result.ErrorResult e -> "-1 " + e.errno();
            case Result.BindResult b -> "$" + b.var();
            case Result.AnyResult a -> "?";
            case Result.UnfinishedResult u -> "<unfinished ...>";
        };
    }

    private Check checkResult(Result expected, SysResult actual, String call, List<Expr> args) {
        if (expected == null || expected instanceof Result.AnyResult) {
            return new Check(true, null);
        }
        String want = "= " + resultText(expected);
        return switch (expected) {
            case Result.UnfinishedResult u -> new Check(false, "<unfinished ...> (the call did not block)");
            case Result.ErrorResult e -> new Check(actual instanceof SysResult.Error err
                && errnoMatches(e, err.errno()), want);
            case Result.BindResult b -> {
                if (actual instanceof SysResult.Value v) {
                    env.vars.put(b.var(), v.value());
                    if (v.output() != null) {
                        env.handles.put(b.var(), v.output());
                    }
                    yield new Check(true, null);
                }
                env.vars.put(b.var(), -1L);
                yield new Check(false, want + " (binding implies success)");
            }
            case Result.ValueResult v -> new Check(valueMatches(v.value(), actual, call), want);
            default -> new Check(true, null);
        };
    }

    private boolean errnoMatches(Result.ErrorResult e, Errno actual) {
        Errno want = Errno.byName(e.errno());
        if (want == null) {
            throw env.error(e.pos(), "unknown errno " + e.errno());
        }
        return want == actual;
    }

    private boolean valueMatches(Expr expected, SysResult actual, String call) {
        if (!(actual instanceof SysResult.Value v)) {
            return false;
        }
        if (call.equals("fork") || call.equals("thread")) {
            return true;
        }
        if (expected instanceof Expr.StrLit || expected instanceof Expr.DataLit) {
            return v.output() instanceof org.layoutlease.kernel.lib.Data d && env.data(expected).equals(d);
        }
        if (expected instanceof Expr.Wildcard) {
            return true;
        }
        return env.num(expected) == v.value();
    }

    private String argsText(Line.Step s, SysResult r) {
        Object output = r instanceof SysResult.Value v ? v.output() : null;
        var spec = org.layoutlease.scenario.syntax.CallCatalog.lookup(s.call()).orElse(null);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.args().size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Expr a = s.args().get(i);
            boolean isOut = output != null && spec != null && spec.isOutput(i) && !(output instanceof org.layoutlease.kernel.lib.Data && isValueCall(s.call()));
            if (isOut && !(a instanceof Expr.Wildcard) && Outputs.matches(env, a, output)) {
                sb.append(a.text());
            } else {
                sb.append(isOut ? Outputs.render(output) : a.text());
            }
        }
        return sb.toString();
    }

    private static boolean isValueCall(String call) {
        return call.equals("peek") || call.equals("rdma_read");
    }

    private void checkOutputs(Line.Step s, SysResult r) {
        if (!(r instanceof SysResult.Value v) || v.output() == null || isValueCall(s.call())) {
            return;
        }
        var spec = org.layoutlease.scenario.syntax.CallCatalog.lookup(s.call()).orElse(null);
        for (int i = 0; spec != null && i < s.args().size(); i++) {
            if (spec.isOutput(i) && !Outputs.matches(env, s.args().get(i), v.output())) {
                mismatch(s.lineNo(), "argument " + (i + 1) + " = " + s.args().get(i).text());
            }
        }
    }

    // ------------------------------------------------------------------ resumed lines

    private void resumed(Line.Resumed r) {
        Task task = env.task(r.proc());
        if (task == null) {
            throw new ScenarioError(scenario.file(), r.lineNo(), 1, "no process or thread named " + r.proc());
        }
        KernelEvent done = assigned.remove(current);
        if (done == null && task.isAlive() && task.isBlocked()) {
            boolean finished = kernel.runUntilUnblocked(task);
            routeEvents();
            done = takeCompletion(task);
            if (!finished && done == null) {
                pollIfHead(resumedLines.get(r.proc()));
                hang(r, task);
                return;
            }
        }
        if (done == null) {
            done = takeCompletion(task);
        }
        pollIfHead(resumedLines.get(r.proc()));
        if (done == null) {
            emit(r.lineNo(), "resumed", r.proc(), r.call(), null, r.raw());
            mismatch(r.lineNo(), r.proc() + " to have a call in progress (none is)");
            routeEvents();
            settleInvariants(current, false);
            return;
        }
        printResumed(r, done);
        routeEvents();
        settleInvariants(current, false);
    }

    private void pollIfHead(ArrayDeque<Integer> q) {
        if (q != null && !q.isEmpty() && q.peek() == current) {
            q.poll();
        }
    }

    private final List<KernelEvent> early = new ArrayList<>();

    private KernelEvent takeCompletion(Task task) {
        for (int i = 0; i < early.size(); i++) {
            KernelEvent e = early.get(i);
            if ((e instanceof KernelEvent.CallReturned c && c.task() == task)
                || (e instanceof KernelEvent.CallAbandoned a && a.task() == task)) {
                return early.remove(i);
            }
        }
        return null;
    }

    private void printResumed(Line.Resumed r, KernelEvent done) {
        String call;
        String result;
        long nanos;
        SysResult actual;
        if (done instanceof KernelEvent.CallReturned c) {
            call = c.call();
            actual = c.result();
            result = Render.result(c.call(), List.of(), c.result(), env);
            nanos = c.durationNanos();
        } else {
            KernelEvent.CallAbandoned a = (KernelEvent.CallAbandoned) done;
            call = a.call();
            actual = null;
            result = "?";
            nanos = a.durationNanos();
        }
        Check c = actual == null ? new Check(r.result() == null || r.result() instanceof Result.AnyResult, "= "
            + (r.result() == null ? "?" : resultText(r.result()))) : checkResult(r.result(), actual, call, List.of());
        boolean timeOk = r.seconds() == null || Math.abs(Math.round(r.seconds() * 1e9) - nanos) <= SECONDS_TOLERANCE_NANOS;
        String shownResult = c.ok && r.result() != null ? resultText(r.result()) : result;
        String text = indent(r) + r.proc() + ": <... " + call + " resumed>) = " + shownResult + " " + Render.duration(nanos);
        emit(r.lineNo(), "resumed", r.proc(), call, result, withComment(text, r));
        if (!c.ok) {
            mismatch(r.lineNo(), c.expected);
        }
        if (!timeOk) {
            mismatch(r.lineNo(), String.format("<%.6f>", r.seconds()));
        }
    }

    private void hang(Line.Resumed r, Task task) {
        emit(r.lineNo(), "resumed", r.proc(), task.blockedCall(), "?",
            withComment(indent(r) + r.proc() + ": <... " + task.blockedCall() + " resumed>) = ?", r));
        if (r.result() != null && !(r.result() instanceof Result.AnyResult)) {
            mismatch(r.lineNo(), "= " + resultText(r.result()));
        }
        reportHang(task);
        routeEvents();
        settleInvariants(current, false);
    }

    private void reportHang(Task task) {
        String key = task.tid() + "@" + task.callStartNanos();
        if (hangReported.add(key)) {
            invariants.add(new KernelEvent.Invariant(kernel.clock.nowNanos(), "hang", task.name() + " (" + task.tid()
                + ") waits in " + task.blockedCall() + " and no timer or pending event can complete it"));
        }
    }

    // ------------------------------------------------------------------ events

    /** Sends each new kernel event to the input line that expects it, or prints it now. */
    private void routeEvents() {
        for (KernelEvent e : kernel.drainEvents()) {
            switch (e) {
                case KernelEvent.Invariant inv -> invariants.add(inv);
                case KernelEvent.CallReturned c -> routeCompletion(c.task(), e);
                case KernelEvent.CallAbandoned a -> routeCompletion(a.task(), e);
                case KernelEvent.SignalDelivered s -> routeObservation(s.task().name(), e);
                case KernelEvent.Exited x -> routeObservation(x.task().name(), e);
                case KernelEvent.Killed k -> routeObservation(k.task().name(), e);
            }
        }
    }

    private void routeCompletion(Task task, KernelEvent e) {
        ArrayDeque<Integer> q = resumedLines.get(task.name());
        Integer j = q == null ? null : q.peek();
        if (j != null && j >= current && noStepBetween(task.name(), j)) {
            q.poll();
            if (j == current) {
                early.add(e);
            } else {
                assigned.put(j, e);
            }
            return;
        }
        if (lines.get(current) instanceof Line.Resumed r && r.proc().equals(task.name())) {
            early.add(e);
            return;
        }
        printEventNow(e);
    }

    private boolean noStepBetween(String name, int j) {
        for (int i = current + 1; i < j; i++) {
            if (lines.get(i) instanceof Line.Step s && s.proc().equals(name)) {
                return false;
            }
        }
        return true;
    }

    private void routeObservation(String name, KernelEvent e) {
        ArrayDeque<Integer> q = observationLines.get(name);
        Integer j = q == null ? null : q.peek();
        if (j != null && j > current) {
            q.poll();
            assigned.put(j, e);
            return;
        }
        printEventNow(e);
        if (strict) {
            mismatch(0, "no " + describe(e) + " (strict: every event must be in the input)");
        }
    }

    private static String describe(KernelEvent e) {
        return switch (e) {
            case KernelEvent.SignalDelivered s -> "signal line for " + s.task().name();
            case KernelEvent.Exited x -> "exit line for " + x.task().name();
            case KernelEvent.Killed k -> "exit line for " + k.task().name();
            default -> "event";
        };
    }

    private void printEventNow(KernelEvent e) {
        switch (e) {
            case KernelEvent.SignalDelivered s -> emit(0, "signal", s.task().name(), null, null, Render.signalLine(s));
            case KernelEvent.Exited x -> emit(0, "exit", x.task().name(), null, null, Render.exitLine(x));
            case KernelEvent.Killed k -> emit(0, "exit", k.task().name(), null, null, Render.exitLine(k));
            case KernelEvent.CallReturned c -> emit(0, "resumed", c.task().name(), c.call(),
                Render.result(c.call(), List.of(), c.result(), env), c.task().name() + ": <... " + c.call()
                    + " resumed>) = " + Render.result(c.call(), List.of(), c.result(), env) + " "
                    + Render.duration(c.durationNanos()));
            case KernelEvent.CallAbandoned a -> emit(0, "resumed", a.task().name(), a.call(), "?",
                a.task().name() + ": <... " + a.call() + " resumed>) = ? " + Render.duration(a.durationNanos()));
            default -> {
            }
        }
    }

    /** A signal or exit line of the input: compare it with the event assigned to it. */
    private void observation(String proc, int lineNo, String raw) {
        ArrayDeque<Integer> q = observationLines.get(proc);
        if (q != null && !q.isEmpty() && q.peek() == current) {
            q.poll();
        }
        KernelEvent e = assigned.remove(current);
        Line l = lines.get(current);
        if (e == null) {
            mismatch(lineNo, raw.strip() + " (it did not happen)");
            return;
        }
        String actual = e instanceof KernelEvent.SignalDelivered s ? Render.signalLine(s) : Render.exitLine(e);
        boolean ok = Observations.matches(env, l, e);
        emit(lineNo, e instanceof KernelEvent.SignalDelivered ? "signal" : "exit", proc, null, null,
            ok ? l.raw() : indent(l) + actual);
        if (!ok) {
            mismatch(lineNo, raw.strip());
        }
    }

    // ------------------------------------------------------------------ invariants

    /**
     * Prints the invariants raised while line {@code at} ran and matches them with the
     * {@code !!! invariant} lines that follow it.
     */
    private void settleInvariants(int at, boolean atEnd) {
        List<Integer> expected = atEnd ? trailingInvariantLines() : followingInvariantLines(at);
        Set<Integer> matched = new HashSet<>();
        for (KernelEvent.Invariant inv : invariants) {
            Integer hit = null;
            for (int j : expected) {
                if (!matched.contains(j) && ((Line.InvariantObservation) lines.get(j)).name().equals(inv.name())) {
                    hit = j;
                    break;
                }
            }
            if (hit != null) {
                matched.add(hit);
                consumed.add(hit);
                emit(lines.get(hit).lineNo(), "invariant", null, null, inv.name(), lines.get(hit).raw());
            } else {
                unexpectedInvariant = true;
                emit(0, "invariant", null, null, inv.name(), Render.invariantLine(inv.name(), inv.text()));
            }
        }
        invariants.clear();
        for (int j : expected) {
            Line.InvariantObservation o = (Line.InvariantObservation) lines.get(j);
            boolean reservedForEnd = !atEnd && j >= trailingInvariantsFrom
                && (o.name().equals("leak") || o.name().equals("hang"));
            if (!matched.contains(j) && !reservedForEnd) {
                consumed.add(j);
                mismatch(o.lineNo(), o.raw().strip() + " (it did not occur here)");
            }
        }
    }

    private List<Integer> followingInvariantLines(int at) {
        List<Integer> found = new ArrayList<>();
        for (int j = at + 1; j < lines.size(); j++) {
            Line l = lines.get(j);
            if (l instanceof Line.InvariantObservation && !consumed.contains(j)) {
                found.add(j);
            } else if (!(l instanceof Line.SignalObservation || l instanceof Line.ExitObservation
                || l instanceof Line.CommentLine || l instanceof Line.InvariantObservation || l instanceof Line.ExpectedNote)) {
                break;
            }
        }
        return found;
    }

    private List<Integer> trailingInvariantLines() {
        List<Integer> found = new ArrayList<>();
        for (int j = trailingInvariantsFrom; j < lines.size(); j++) {
            if (lines.get(j) instanceof Line.InvariantObservation && !consumed.contains(j)) {
                found.add(j);
            }
        }
        return found;
    }

    private void unmatchedExpectedInvariant(Line.InvariantObservation inv) {
        if (current >= trailingInvariantsFrom) {
            return;
        }
        mismatch(inv.lineNo(), inv.raw().strip() + " (it did not occur here)");
    }

    // ------------------------------------------------------------------ end of file

    private void endOfFile() {
        kernel.settle();
        routeEvents();
        for (Task t : kernel.liveTasks()) {
            if (t.isBlocked() && !kernel.canWake(t)) {
                reportHang(t);
            }
        }
        if (kernel.liveGroups().isEmpty()) {
            for (String leak : kernel.leaks()) {
                invariants.add(new KernelEvent.Invariant(kernel.clock.nowNanos(), "leak", leak));
            }
        }
        settleInvariants(lines.size(), true);
        for (var e : new ArrayList<>(assigned.entrySet())) {
            mismatch(lines.get(e.getKey()).lineNo(), "an event at line " + lines.get(e.getKey()).lineNo());
        }
    }
}
