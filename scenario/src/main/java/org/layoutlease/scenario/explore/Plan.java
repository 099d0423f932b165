package org.layoutlease.scenario.explore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.layoutlease.kernel.policy.Policies;
import org.layoutlease.scenario.run.CallImpl;
import org.layoutlease.scenario.run.CallTable;
import org.layoutlease.scenario.syntax.Directive;
import org.layoutlease.scenario.syntax.Expr;
import org.layoutlease.scenario.syntax.Line;
import org.layoutlease.scenario.syntax.Result;
import org.layoutlease.scenario.syntax.Scenario;
import org.layoutlease.scenario.syntax.ScenarioError;

/**
 * A scenario cut into what the explorer interleaves: the setup that runs first (directives
 * before the first step), one program per process, thread and peer (its steps in file order),
 * and a "world" program holding the directives that come after the first step ({@code advance},
 * {@code sysctl}, late {@code process} lines), also in file order.
 *
 * <p>What is dropped: stated results (kept only as {@code = $var} bindings and the new name of
 * {@code fork() = C} / {@code thread() = T}), {@code <... resumed>} lines (blocking is decided by
 * the kernel in each order; a binding written on a resumed line moves to its call),
 * observation lines, expected invariants, {@code cat} and {@code strict}.
 *
 * <p>Moves are numbered: program {@code i} is move {@code i}; {@link #timerMove()} (one past the
 * last program) lets virtual time run to the next armed timer or lease deadline.
 */
public final class Plan {
    /** Moves are bits of a long: programs plus the timer move. */
    public static final int MAX_PROGRAMS = 62;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");

    /** One step a program makes. */
    public sealed interface Op permits Call, World {
    }

    /**
     * A call. {@code bindVar} is the {@code $var} its successful result binds (null if none),
     * {@code newTask} the name fork()/thread() gives the new task, and {@code needsVars} /
     * {@code needsTasks} what must exist before it can run.
     */
    public record Call(Line.Step step, String bindVar, String newTask, Set<String> needsVars,
                       Set<String> needsTasks) implements Op {
        public Call {
            needsVars = Set.copyOf(needsVars);
            needsTasks = Set.copyOf(needsTasks);
        }
    }

    /** A directive after the first step, run by the world program in file order. */
    public record World(Directive directive) implements Op {
    }

    /** A program: the ops of one process, thread or peer, or of the world, in file order. */
    public record Program(String name, boolean world, List<Op> ops) {
        public Program {
            ops = List.copyOf(ops);
        }
    }

    private final String file;
    private final String policy;
    private final List<Directive> setup;
    private final List<Program> programs;
    private final List<String> vars;
    private final Map<String, Integer> varIndex = new HashMap<>();
    private final int[][][] needs;
    /** Every program's ops as an array, and each call's task names as an array: the explorer reads them per move. */
    private final Op[][] opArrays;
    private final String[][][] taskNeeds;
    /** Each call's implementation, null for an unknown call (an error when the call runs). */
    private final CallImpl[][] impls;
    /** Calls the explorer can make, by name: resolved once per plan, not per move. */
    static final CallTable CALLS = new CallTable();

    private Plan(String file, String policy, List<Directive> setup, List<Program> programs, List<String> vars) {
        this.file = file;
        this.policy = policy;
        this.setup = List.copyOf(setup);
        this.programs = List.copyOf(programs);
        this.vars = List.copyOf(vars);
        for (int i = 0; i < vars.size(); i++) {
            varIndex.put(vars.get(i), i);
        }
        this.needs = new int[programs.size()][][];
        this.opArrays = new Op[programs.size()][];
        this.taskNeeds = new String[programs.size()][][];
        this.impls = new CallImpl[programs.size()][];
        for (int p = 0; p < programs.size(); p++) {
            List<Op> ops = programs.get(p).ops();
            opArrays[p] = ops.toArray(new Op[0]);
            taskNeeds[p] = new String[ops.size()][];
            impls[p] = new CallImpl[ops.size()];
            needs[p] = new int[ops.size()][];
            for (int i = 0; i < ops.size(); i++) {
                needs[p][i] = new int[0];
                if (ops.get(i) instanceof Call c) {
                    taskNeeds[p][i] = c.needsTasks().toArray(new String[0]);
                    impls[p][i] = CALLS.get(c.step().call());
                    needs[p][i] = c.needsVars().stream().mapToInt(v -> varIndex.getOrDefault(v, -1)).toArray();
                }
            }
        }
    }

    /** Program {@code p}'s ops (the array is shared: do not modify it). */
    Op[] ops(int p) {
        return opArrays[p];
    }

    /** The task names op {@code i} of program {@code p} (a call) needs to exist. */
    String[] neededTasks(int p, int i) {
        return taskNeeds[p][i];
    }

    /** The implementation of op {@code i} of program {@code p} (a call); null if no call has its name. */
    CallImpl impl(int p, int i) {
        return impls[p][i];
    }

    /** The indexes (in {@link #vars()}) of the variables op {@code i} of program {@code p} needs; -1 for one nothing binds. */
    int[] neededVars(int p, int i) {
        return needs[p][i];
    }

    /**
     * Cuts {@code scenario} into programs; {@code policyOverride} (may be null) replaces its
     * policy. Throws {@link ScenarioError} for what cannot be explored.
     */
    public static Plan of(Scenario scenario, String policyOverride) {
        Builder b = new Builder(scenario.file());
        for (Line l : scenario.lines()) {
            b.add(l);
        }
        String policy = policyOverride != null ? policyOverride : b.policy != null ? b.policy : Policies.DEFAULT;
        if (Policies.byName(policy) == null) {
            throw new ScenarioError(scenario.file(), b.policyLine == 0 ? 1 : b.policyLine, 1, "unknown policy '"
                + policy + "' (known: " + String.join(", ", Policies.names()) + ")");
        }
        return b.build(policy);
    }

    public String file() {
        return file;
    }

    public String policy() {
        return policy;
    }

    public List<Directive> setup() {
        return setup;
    }

    public List<Program> programs() {
        return programs;
    }

    /** Every variable a step binds, in order of first binding. */
    public List<String> vars() {
        return vars;
    }

    /** Canonical forms of the paths steps name, computed once for all the machines of a search. */
    private final Map<String, String> canonicalPaths = new HashMap<>();

    /** {@code Vfs.canonical(path)}, memoized (the explorer asks for the same few paths in every state). */
    String canonical(String path) {
        String c = canonicalPaths.get(path);
        if (c == null) {
            c = org.layoutlease.kernel.fs.Vfs.canonical(path);
            canonicalPaths.put(path, c);
        }
        return c;
    }

    /** Literal call arguments decoded once for all the machines of a search (see {@link org.layoutlease.scenario.run.Env#shareLiterals}). */
    private final Map<Expr, Object> literals = new java.util.IdentityHashMap<>();

    Map<Expr, Object> literals() {
        return literals;
    }

    /** The index of {@code $var} in {@link #vars()}. */
    int varIndex(String var) {
        return varIndex.get(var);
    }

    /** The move that lets virtual time run to the next armed timer or lease deadline. */
    public int timerMove() {
        return programs.size();
    }

    /** Number of distinct moves (programs plus the timer). */
    public int moveCount() {
        return programs.size() + 1;
    }

    /** How a move is named in messages and in a counterexample's header. */
    public String moveName(int move) {
        return move == timerMove() ? "timer" : programs.get(move).name();
    }

    /** Total number of ops over all programs (the length of every complete schedule, ticks aside). */
    public int opCount() {
        int n = 0;
        for (Program p : programs) {
            n += p.ops().size();
        }
        return n;
    }

    private static final class Builder {
        private final String file;
        private String policy;
        private int policyLine;
        private boolean started;
        private final List<Directive> setup = new ArrayList<>();
        private final Map<String, List<Op>> ops = new LinkedHashMap<>();
        private final List<Op> world = new ArrayList<>();
        private final Set<String> taskNames = new LinkedHashSet<>();
        private final Set<String> vars = new LinkedHashSet<>();
        private final Map<String, Integer> lastUnfinished = new HashMap<>();

        Builder(String file) {
            this.file = file;
        }

        void add(Line l) {
            switch (l) {
                case Directive.PolicyDirective p -> {
                    policy = p.name();
                    policyLine = p.lineNo();
                }
                case Directive.CatDirective c -> {
                }
                case Directive.StrictDirective s -> {
                }
                case Directive d -> {
                    if (d instanceof Directive.ProcessDirective p) {
                        taskNames.add(p.name());
                    } else if (d instanceof Directive.PeerDirective p) {
                        taskNames.add(p.name());
                    }
                    if (started) {
                        world.add(new World(d));
                    } else {
                        setup.add(d);
                    }
                }
                case Line.Step s -> step(s);
                case Line.Resumed r -> resumed(r);
                default -> {
                }
            }
        }

        private void step(Line.Step s) {
            started = true;
            String newTask = null;
            if ((s.call().equals("fork") || s.call().equals("thread"))
                && s.result() instanceof Result.ValueResult v && v.value() instanceof Expr.Name n) {
                newTask = n.name();
                taskNames.add(newTask);
            }
            String bind = s.result() instanceof Result.BindResult b ? b.var() : null;
            if (bind != null) {
                vars.add(bind);
            }
            List<Op> list = ops.computeIfAbsent(s.proc(), k -> new ArrayList<>());
            if (list.size() >= org.layoutlease.scenario.syntax.Limits.MAX_LINES) {
                throw new ScenarioError(file, s.lineNo(), 1, "too many steps for " + s.proc());
            }
            lastUnfinished.remove(s.proc());
            if (s.result() instanceof Result.UnfinishedResult) {
                lastUnfinished.put(s.proc(), list.size());
            }
            // Task names used as arguments are resolved once every name is known (build()).
            list.add(new Call(s, bind, newTask, Set.of(), Set.of()));
        }

        /** A binding written on a resumed line belongs to the call that blocked. */
        private void resumed(Line.Resumed r) {
            Integer at = lastUnfinished.remove(r.proc());
            if (at == null || !(r.result() instanceof Result.BindResult b)) {
                return;
            }
            List<Op> list = ops.get(r.proc());
            Call c = (Call) list.get(at);
            if (c.bindVar() == null) {
                list.set(at, new Call(c.step(), b.var(), c.newTask(), c.needsVars(), c.needsTasks()));
                vars.add(b.var());
            }
        }

        Plan build(String chosenPolicy) {
            List<Program> programs = new ArrayList<>();
            for (var e : ops.entrySet()) {
                List<Op> resolved = new ArrayList<>();
                for (Op op : e.getValue()) {
                    Call c = (Call) op;
                    resolved.add(new Call(c.step(), c.bindVar(), c.newTask(), varsOf(c.step()), tasksOf(c.step())));
                }
                programs.add(new Program(e.getKey(), false, resolved));
            }
            if (!world.isEmpty()) {
                programs.add(new Program("world", true, world));
            }
            if (programs.size() > MAX_PROGRAMS) {
                throw new ScenarioError(file, 1, 1, "too many programs to explore: " + programs.size()
                    + " (at most " + MAX_PROGRAMS + " processes, threads and peers)");
            }
            return new Plan(file, chosenPolicy, setup, programs, new ArrayList<>(vars));
        }

        private static Set<String> varsOf(Line.Step s) {
            Set<String> out = new LinkedHashSet<>();
            for (Expr a : s.args()) {
                collect(a, out, null, null);
            }
            return out;
        }

        private Set<String> tasksOf(Line.Step s) {
            Set<String> out = new LinkedHashSet<>();
            for (Expr a : s.args()) {
                collect(a, null, out, taskNames);
            }
            out.remove(s.proc());
            return out;
        }

        /** Walks an argument: variables into {@code vars}, known task names (also {NAME} in strings) into {@code tasks}. */
        private static void collect(Expr e, Set<String> vars, Set<String> tasks, Set<String> known) {
            switch (e) {
                case Expr.Var v -> {
                    if (vars != null) {
                        vars.add(v.name());
                    }
                }
                case Expr.Name n -> {
                    if (tasks != null && known.contains(n.name())) {
                        tasks.add(n.name());
                    }
                }
                case Expr.StrLit s -> {
                    if (tasks != null) {
                        Matcher m = PLACEHOLDER.matcher(s.text());
                        while (m.find()) {
                            if (known.contains(m.group(1))) {
                                tasks.add(m.group(1));
                            }
                        }
                    }
                }
                case Expr.Flags f -> f.parts().forEach(p -> collect(p, vars, tasks, known));
                case Expr.BinOp b -> {
                    collect(b.left(), vars, tasks, known);
                    collect(b.right(), vars, tasks, known);
                }
                case Expr.StructLit s -> s.fields().forEach(f -> collect(f.value(), vars, tasks, known));
                case Expr.ArrayLit a -> a.items().forEach(i -> collect(i, vars, tasks, known));
                default -> {
                }
            }
        }
    }
}
