package org.layoutlease.scenario.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.layoutlease.kernel.KernelEvent;
import org.layoutlease.kernel.uapi.SysResult;
import org.layoutlease.scenario.run.RunResult;
import org.layoutlease.scenario.run.Runner;
import org.layoutlease.scenario.run.TranscriptEntry;
import org.layoutlease.scenario.syntax.CallSpec;
import org.layoutlease.scenario.syntax.CallCatalog;
import org.layoutlease.scenario.syntax.Directive;
import org.layoutlease.scenario.syntax.Expr;
import org.layoutlease.scenario.syntax.Line;
import org.layoutlease.scenario.syntax.Parser;
import org.layoutlease.scenario.syntax.ScenarioError;

/**
 * A schedule that violates an invariant, and its rendering as a runnable scenario: the setup,
 * then every move in the order found, as a linear scenario with no stated results (the runner
 * fills them in) except the bindings ({@code = $var}, {@code fork() = C}), each followed by the
 * {@code !!! invariant} lines it produced, and the {@code hang}/{@code leak} lines at the end
 * when the state is final. Because the invariant lines are in the file, {@code layoutlease run}
 * on it reproduces the finding and exits 0 (leave them out and it exits 3).
 *
 * <p>How the orders map onto the language: a call that blocked is written with
 * {@code <unfinished ...>} and its {@code <... resumed>} line comes right after the move that
 * completed it (carrying its {@code = $var}); a binding whose call failed is written
 * {@code = ?} (its variable stays unbound and the steps that need it never run); output
 * arguments (read buffers, stat structs) become {@code ?}; the timer move is an
 * {@code advance} by exactly the time to the next deadline.
 */
public final class Counterexample {
    private final Plan plan;
    private final byte[] schedule;
    private final boolean random;
    private final long seed;
    private final Explorer.Strategy strategy;
    private final java.util.Set<String> only;
    private List<Machine.MoveRecord> log;
    private List<KernelEvent.Invariant> endInvariants;
    private List<KernelEvent.Invariant> setupInvariants;

    Counterexample(Plan plan, byte[] schedule, boolean random, long seed, Explorer.Strategy strategy,
                   java.util.Set<String> only) {
        this.plan = plan;
        this.schedule = schedule.clone();
        this.random = random;
        this.seed = seed;
        this.strategy = strategy;
        this.only = java.util.Set.copyOf(only);
    }

    /** The rendering of any schedule, violating or not: what {@code replay} prints. */
    public static Counterexample ofSchedule(Plan plan, byte[] schedule) {
        return new Counterexample(plan, schedule, false, 0, null, java.util.Set.of());
    }

    public Plan plan() {
        return plan;
    }

    /** The moves, program indexes with the timer one past the last program. */
    public byte[] schedule() {
        return schedule.clone();
    }

    /** The schedule as {@code replay --schedule} takes it: {@code 0,2,1}. */
    public String scheduleText() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < schedule.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(schedule[i]);
        }
        return sb.toString();
    }

    /** The random walk's seed, when a random walk found it. */
    public Optional<Long> seed() {
        return random ? Optional.of(seed) : Optional.empty();
    }

    private void run() {
        if (log != null) {
            return;
        }
        Machine boot = Machine.boot(plan, true);
        setupInvariants = List.copyOf(boot.invariants());
        Machine m = Machine.replay(plan, schedule, schedule.length, true);
        log = m.log();
        endInvariants = m.endInvariants();
    }

    /** Every invariant the schedule raised, in order (end-of-file ones last). */
    public List<KernelEvent.Invariant> invariants() {
        run();
        List<KernelEvent.Invariant> out = new ArrayList<>(setupInvariants);
        for (Machine.MoveRecord r : log) {
            out.addAll(r.invariants());
        }
        out.addAll(endInvariants);
        return out;
    }

    /** The names of the violated invariants, e.g. {@code hang}. */
    public List<String> invariantNames() {
        return invariants().stream().map(KernelEvent.Invariant::name).distinct().toList();
    }

    /** The linear scenario, with the header comments naming the schedule and how to replay it. */
    public String scenarioText(String replayFile) {
        run();
        StringBuilder sb = new StringBuilder();
        header(sb, replayFile);
        sb.append("policy ").append(plan.policy()).append('\n');
        for (Directive d : plan.setup()) {
            sb.append(d.raw().strip()).append('\n');
        }
        for (KernelEvent.Invariant inv : setupInvariants) {
            invariantLine(sb, inv);
        }
        sb.append('\n');
        for (Machine.MoveRecord r : log) {
            move(sb, r);
        }
        for (KernelEvent.Invariant inv : endInvariants) {
            invariantLine(sb, inv);
        }
        return sb.toString();
    }

    private void header(StringBuilder sb, String replayFile) {
        List<String> names = invariantNames();
        String how = strategy == null ? "replayed schedule"
            : random ? "random walk, seed " + seed : "exhaustive search, a shortest schedule";
        sb.append("# ").append(names.isEmpty() ? "Schedule" : "Counterexample (" + String.join(", ", names) + ")")
            .append(" found by layoutlease explore in ").append(plan.file()).append(": ").append(how)
            .append(", ").append(schedule.length).append(schedule.length == 1 ? " move.\n" : " moves.\n");
        if (strategy == null) {
            sb.setLength(0);
            sb.append("# Schedule of ").append(plan.file()).append(", ").append(schedule.length)
                .append(schedule.length == 1 ? " move" : " moves")
                .append(names.isEmpty() ? ".\n" : "; it violates " + String.join(", ", names) + ".\n");
        }
        sb.append("# Moves: ");
        for (int i = 0; i < plan.moveCount(); i++) {
            sb.append(i > 0 ? ", " : "").append(i).append(" = ").append(plan.moveName(i));
        }
        sb.append(".\n# Replay: layoutlease replay ").append(replayFile).append(" --policy ").append(plan.policy())
            .append(" --schedule ").append(schedule.length == 0 ? "''" : scheduleText()).append('\n');
        if (random) {
            sb.append("#     or: layoutlease replay ").append(replayFile).append(" --policy ").append(plan.policy())
                .append(" --seed ").append(seed)
                .append(only.isEmpty() ? "" : " --invariant " + String.join(",", new java.util.TreeSet<>(only))).append('\n');
        }
    }

    private void move(StringBuilder sb, Machine.MoveRecord r) {
        switch (r.op()) {
            case null -> sb.append("advance ").append(duration(r.advancedNanos())).append("  # to the next deadline\n");
            case Plan.World w -> sb.append(w.directive().raw().strip()).append('\n');
            case Plan.Call c -> sb.append(callLine(c, r.result())).append('\n');
        }
        for (KernelEvent.Invariant inv : r.invariants()) {
            invariantLine(sb, inv);
        }
        for (Machine.Completion done : r.completions()) {
            if (done.result() == null) {
                continue;
            }
            sb.append(done.proc()).append(": <... ").append(done.call()).append(" resumed>)");
            if (done.op() != null && done.op().bindVar() != null) {
                sb.append(done.result() instanceof SysResult.Value ? " = $" + done.op().bindVar() : " = ?");
            }
            sb.append('\n');
        }
    }

    private static void invariantLine(StringBuilder sb, KernelEvent.Invariant inv) {
        sb.append("!!! invariant ").append(inv.name()).append(": ").append(inv.text().replace('\n', ' ')).append('\n');
    }

    /** A step as run: the arguments as written (outputs as {@code ?}), then only what binds. */
    static String callLine(Plan.Call c, SysResult r) {
        Line.Step s = c.step();
        CallSpec spec = CallCatalog.lookup(s.call()).orElse(null);
        boolean hasOutput = r instanceof SysResult.Value v && v.output() != null;
        StringBuilder sb = new StringBuilder();
        sb.append(s.proc()).append(": ").append(s.call()).append('(');
        List<Expr> args = s.args();
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            boolean output = hasOutput && spec != null && spec.isOutput(i);
            sb.append(output ? "?" : args.get(i).text());
        }
        sb.append(')');
        if (c.newTask() != null) {
            sb.append(" = ").append(c.newTask());
        } else if (r != null && r.isBlocked()) {
            sb.append(" <unfinished ...>");
        } else if (c.bindVar() != null) {
            sb.append(r instanceof SysResult.Value ? " = $" + c.bindVar() : " = ?");
        }
        return sb.toString();
    }

    static String duration(long nanos) {
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        }
        if (nanos % 1_000L == 0) {
            return nanos / 1_000L + "us";
        }
        return nanos + "ns";
    }

    /**
     * The scenario as the runner's transcript: every result, signal and invariant explanation
     * filled in. It is itself a runnable scenario; returned only when running it reproduces the
     * finding with exit status 0, else empty (use {@link #scenarioText}).
     */
    public Optional<String> transcript(String replayFile) {
        String text = scenarioText(replayFile);
        RunResult first = run(text);
        if (first.status() != RunResult.OK) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder();
        for (TranscriptEntry e : first.entries()) {
            if (!e.kind().equals("mismatch")) {
                sb.append(e.text()).append('\n');
            }
        }
        String recorded = sb.toString();
        return run(recorded).status() == RunResult.OK ? Optional.of(recorded) : Optional.empty();
    }

    /** Runs a rendering through the ordinary runner (what {@code layoutlease run} does with it). */
    public RunResult run(String text) {
        try {
            return Runner.run(Parser.parse(plan.file(), text), null);
        } catch (ScenarioError e) {
            return new RunResult(plan.file(), plan.policy(), List.of(), List.of(), RunResult.INVALID, e);
        }
    }
}
