package org.layoutlease.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import org.layoutlease.kernel.policy.Policies;
import org.layoutlease.scenario.explore.Counterexample;
import org.layoutlease.scenario.explore.ExploreError;
import org.layoutlease.scenario.explore.Explorer;
import org.layoutlease.scenario.explore.Plan;
import org.layoutlease.scenario.run.RunResult;
import org.layoutlease.scenario.syntax.Parser;
import org.layoutlease.scenario.syntax.ScenarioError;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code layoutlease explore FILE}: search the orders of a scenario's programs for an invariant violation. */
@Command(name = "explore", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Explore the interleavings of a scenario. Each process's, thread's and peer's steps are its "
            + "program, run in its own order; the explorer tries the orders in which the programs, timer "
            + "expiries and the directives after the first step interleave, and checks the invariants in "
            + "every state. Stated results are not checked; bindings such as = $fd are kept.",
        "A violation is printed as a runnable linear scenario with its !!! invariant lines, so that "
            + "'layoutlease run' on it exits 0; 'layoutlease replay' re-runs it from its schedule.",
        "Exit status: 0 no violation found; 2 invalid input or command line; 3 a counterexample."})
public final class ExploreCommand implements Callable<Integer> {
    /** Progress lines are drawn at most this often. */
    static final long PROGRESS_INTERVAL_NANOS = 500_000_000L;

    @Parameters(paramLabel = "FILE", description = "The scenario whose programs are interleaved (never modified).")
    Path file;

    @Option(names = "--policy", paramLabel = "NAME", description = "Explore under this design instead of the file's policy.")
    String policy;

    @Option(names = "--out", paramLabel = "CEX.scn", description = "Also write the counterexample to this file.")
    Path out;

    @Option(names = "--force", description = "Let --out overwrite an existing file.")
    boolean force;

    @Option(names = "--strategy", paramLabel = "exhaustive|random", defaultValue = "exhaustive",
        description = "exhaustive: breadth-first with state hashing and partial-order reduction, finds a shortest"
            + " counterexample (default); random: --budget random walks from --seed.")
    String strategy;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the random walks (walk i uses N+i). Default: drawn and printed.")
    Long seed;

    @Option(names = "--budget", paramLabel = "N",
        description = "exhaustive: states to visit at most (default 10000000); random: walks to run (default 10000).")
    Long budget;

    @Option(names = "--max-depth", paramLabel = "N", defaultValue = "" + Explorer.DEFAULT_MAX_DEPTH,
        description = "Moves per schedule at most (default ${DEFAULT-VALUE}).")
    int maxDepth;

    @Option(names = "--no-reduction", description = "Turn the partial-order reduction off (to compare, or to distrust it).")
    boolean noReduction;

    @Option(names = "--invariant", paramLabel = "NAME", split = ",",
        description = "Look only for these invariants (hang, leak, silent-revoke, pin-without-lease, "
            + "pinned-block-freed, dma-after-free); others are printed but do not count. Default: all.")
    java.util.List<String> invariants;

    @Option(names = "--stats", description = "Also print the distinct states first reached at each depth.")
    boolean stats;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Explorer.Strategy strat = switch (strategy.toLowerCase(Locale.ROOT)) {
            case "exhaustive" -> Explorer.Strategy.EXHAUSTIVE;
            case "random" -> Explorer.Strategy.RANDOM;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                "unknown strategy '" + strategy + "' (known: exhaustive, random)");
        };
        checkPolicy(spec, policy);
        if (maxDepth < 0 || maxDepth > Explorer.MAX_DEPTH_LIMIT) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--max-depth must be between 0 and " + Explorer.MAX_DEPTH_LIMIT);
        }
        if (budget != null && budget <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--budget must be positive");
        }
        if (!outWritable(file, out, force, err)) {
            return RunResult.INVALID;
        }
        Plan plan;
        try {
            plan = plan(file, policy);
        } catch (ScenarioError e) {
            err.println(e.getMessage());
            return RunResult.INVALID;
        }
        long chosenSeed = seed != null ? seed : new SecureRandom().nextLong() >>> 1;
        long chosenBudget = budget != null ? budget
            : strat == Explorer.Strategy.EXHAUSTIVE ? Explorer.DEFAULT_EXHAUSTIVE_BUDGET : Explorer.DEFAULT_RANDOM_BUDGET;
        var options = new Explorer.Options(strat, chosenSeed, chosenBudget, maxDepth, !noReduction,
            invariantNames(spec, invariants));
        ProgressLine progress = ProgressLine.forStderr(err, System::nanoTime);
        Explorer.Outcome outcome;
        try {
            outcome = Explorer.explore(plan, options, progress);
        } catch (ExploreError e) {
            progress.clear();
            err.println(e.error().getMessage());
            return RunResult.INVALID;
        }
        progress.clear();
        double seconds = progress.elapsedSeconds();
        String summary = summary(plan, options, outcome, seconds, stats);
        Counterexample cex = outcome.counterexample();
        if (cex == null) {
            stdout.print(summary);
            stdout.flush();
            return RunResult.OK;
        }
        String text = render(cex, file.toString(), err);
        stdout.print(summary);
        stdout.print(text);
        stdout.flush();
        if (out != null && !write(out, text, err)) {
            return RunResult.INVALID;
        }
        return RunResult.INVARIANT;
    }

    /** --invariant names, checked against the invariants the kernel knows. */
    static java.util.Set<String> invariantNames(CommandLine.Model.CommandSpec spec, java.util.List<String> names) {
        if (names == null) {
            return java.util.Set.of();
        }
        java.util.Set<String> known = new java.util.TreeSet<>();
        for (var i : org.layoutlease.kernel.Invariants.values()) {
            known.add(i.label());
        }
        for (String n : names) {
            if (!known.contains(n)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                    "unknown invariant '" + n + "' (known: " + String.join(", ", known) + ")");
            }
        }
        return java.util.Set.copyOf(names);
    }

    static void checkPolicy(CommandLine.Model.CommandSpec spec, String policy) {
        if (policy != null && Policies.byName(policy) == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "unknown policy '" + policy + "' (known: " + String.join(", ", Policies.names()) + ")");
        }
    }

    /** Reads and cuts a scenario into programs; a problem is a ScenarioError naming FILE:LINE:COL. */
    static Plan plan(Path file, String policy) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ScenarioError(file.toString(), 1, 1, "cannot read file: " + e.getClass().getSimpleName());
        }
        return Plan.of(Parser.parse(file.toString(), text), policy);
    }

    /** --out must not be the input, and must not exist unless --force. */
    static boolean outWritable(Path input, Path out, boolean force, PrintWriter err) {
        if (out == null) {
            return true;
        }
        if (Files.exists(out)) {
            try {
                if (Files.exists(input) && Files.isSameFile(input, out)) {
                    err.println("layoutlease: --out " + out + " is the input file; it is never overwritten");
                    return false;
                }
            } catch (IOException e) {
                err.println("layoutlease: cannot compare " + out + " with the input: " + e.getMessage());
                return false;
            }
            if (!force) {
                err.println("layoutlease: " + out + " exists; use --force to overwrite it");
                return false;
            }
        }
        return true;
    }

    static boolean write(Path out, String text, PrintWriter err) {
        try {
            Files.writeString(out, text, StandardCharsets.UTF_8);
            return true;
        } catch (IOException e) {
            err.println("layoutlease: cannot write " + out + ": " + e.getClass().getSimpleName());
            return false;
        }
    }

    /**
     * The counterexample as the runner's transcript (results filled in) when that reproduces it,
     * else as the bare linear scenario; warns if even that does not reproduce (a model bug).
     */
    static String render(Counterexample cex, String replayFile, PrintWriter err) {
        Optional<String> transcript = cex.transcript(replayFile);
        if (transcript.isPresent()) {
            return transcript.get();
        }
        String text = cex.scenarioText(replayFile);
        RunResult check = cex.run(text);
        if (check.status() != RunResult.OK) {
            err.println("layoutlease: warning: running the counterexample gives exit status " + check.status()
                + (check.error() != null ? " (" + check.error().getMessage() + ")" : "")
                + "; the explorer and the runner disagree");
        }
        return text;
    }

    static String summary(Plan plan, Explorer.Options o, Explorer.Outcome r, double seconds, boolean stats) {
        Explorer.Stats s = r.stats();
        StringBuilder sb = new StringBuilder();
        String what = o.strategy() == Explorer.Strategy.EXHAUSTIVE
            ? "exhaustive search" + (o.reduction() ? "" : " without reduction")
            : "random walks from seed " + o.seed();
        sb.append(String.format(Locale.ROOT, "# explore %s (policy %s): %s, %d programs, %d steps%n", plan.file(),
            plan.policy(), what, plan.programs().size(), plan.opCount()));
        sb.append(String.format(Locale.ROOT, "# %,d states (%,d distinct), %,d schedules, depth %d, %.2f s",
            s.states(), s.distinct(), s.schedules(), s.depth(), seconds));
        if (seconds > 0) {
            sb.append(String.format(Locale.ROOT, ", %,.0f states/s", s.states() / seconds));
        }
        sb.append('\n');
        if (r.counterexample() == null) {
            String verdict = r.complete() ? "every reachable state checked"
                : "stopped at the " + (r.limit() == null ? "limit" : r.limit()
                    + ("budget".equals(r.limit()) ? " (--budget " + o.budget() + ")" : " (--max-depth " + o.maxDepth() + ")"));
            sb.append("# No ").append(o.only().isEmpty() ? "invariant" : String.join(" or ", new java.util.TreeSet<>(o.only())))
                .append(" violated: ").append(verdict).append(".\n");
        }
        if (stats && r.distinctByDepth() != null && o.strategy() == Explorer.Strategy.EXHAUSTIVE) {
            sb.append("# distinct states by depth:");
            for (long n : r.distinctByDepth()) {
                sb.append(' ').append(n);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * The progress line on a terminal: schedules, distinct states, states per second and depth,
     * redrawn at most every {@link #PROGRESS_INTERVAL_NANOS}. Silent when stderr is not a
     * terminal; no colour when NO_COLOR is set. The only clock reading of the explorer lives here.
     */
    static final class ProgressLine implements Explorer.Progress {
        private final PrintWriter err;
        private final LongSupplier clock;
        private final boolean enabled;
        private final boolean colour;
        private final long start;
        private long last;
        private boolean drawn;

        ProgressLine(PrintWriter err, LongSupplier clock, boolean enabled, boolean colour) {
            this.err = err;
            this.clock = clock;
            this.enabled = enabled;
            this.colour = colour;
            this.start = clock.getAsLong();
            this.last = start;
        }

        static ProgressLine forStderr(PrintWriter err, LongSupplier clock) {
            String noColor = System.getenv("NO_COLOR");
            return new ProgressLine(err, clock, isTerminal(), noColor == null || noColor.isEmpty());
        }

        /** A console on a terminal, and stderr (fd 2) a terminal too. */
        static boolean isTerminal() {
            java.io.Console c = System.console();
            if (c == null || !c.isTerminal()) {
                return false;
            }
            try {
                String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return false;
            }
        }

        double elapsedSeconds() {
            return (clock.getAsLong() - start) / 1e9;
        }

        @Override
        public void update(Explorer.Stats s) {
            if (!enabled) {
                return;
            }
            long now = clock.getAsLong();
            if (now - last < PROGRESS_INTERVAL_NANOS) {
                return;
            }
            last = now;
            double secs = (now - start) / 1e9;
            String line = String.format(Locale.ROOT,
                "%,d schedules, %,d distinct states (%,d reached), %,.0f states/s, depth %d, %,d waiting",
                s.schedules(), s.distinct(), s.states(), secs > 0 ? s.states() / secs : 0.0, s.depth(), s.frontier());
            String label = colour ? "\033[1mexplore\033[0m " : "explore: ";
            err.print("\r" + label + line + "\033[K");
            err.flush();
            drawn = true;
        }

        /** Removes the progress line, so that what follows starts on a clean line. */
        void clear() {
            if (drawn) {
                err.print("\r\033[K");
                err.flush();
                drawn = false;
            }
        }
    }
}
