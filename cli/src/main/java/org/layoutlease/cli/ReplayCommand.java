package org.layoutlease.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.layoutlease.scenario.explore.Counterexample;
import org.layoutlease.scenario.explore.ExploreError;
import org.layoutlease.scenario.explore.Explorer;
import org.layoutlease.scenario.explore.Plan;
import org.layoutlease.scenario.run.RunResult;
import org.layoutlease.scenario.syntax.ScenarioError;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code layoutlease replay FILE --schedule 0,2,1 | --seed N}: re-run one schedule of {@code explore}. */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Re-run one schedule of a scenario's programs, as 'explore' printed it, and print it as a "
            + "linear scenario with every result filled in.",
        "A schedule lists moves: N runs the next step of program N (programs are numbered in the order "
            + "of their first step; the world program, holding the directives after the first step, comes "
            + "last) and the number after the last program lets time run to the next timer. --seed N "
            + "continues with random walk N, after the --schedule prefix if one is given.",
        "Exit status: 0 no invariant violated; 2 invalid input, command line or schedule; 3 violated."})
public final class ReplayCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The scenario that was explored (never modified).")
    Path file;

    @Option(names = "--policy", paramLabel = "NAME", description = "The design, as given to explore.")
    String policy;

    @Option(names = "--schedule", paramLabel = "M,M,...",
        description = "The moves to run, in order, comma-separated ('' for none).")
    String schedule;

    @Option(names = "--seed", paramLabel = "N", description = "Continue with the random walk of this seed.")
    Long seed;

    @Option(names = "--max-depth", paramLabel = "N", defaultValue = "" + Explorer.DEFAULT_MAX_DEPTH,
        description = "Moves per random walk at most (default ${DEFAULT-VALUE}).")
    int maxDepth;

    @Option(names = "--invariant", paramLabel = "NAME", split = ",",
        description = "With --seed: the invariants that ended the walk, as given to explore.")
    java.util.List<String> invariants;

    @Option(names = "--out", paramLabel = "FILE.scn", description = "Also write the linear scenario to this file.")
    Path out;

    @Option(names = "--force", description = "Let --out overwrite an existing file.")
    boolean force;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (schedule == null && seed == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --schedule, --seed or both");
        }
        ExploreCommand.checkPolicy(spec, policy);
        if (maxDepth < 0 || maxDepth > Explorer.MAX_DEPTH_LIMIT) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--max-depth must be between 0 and " + Explorer.MAX_DEPTH_LIMIT);
        }
        if (!ExploreCommand.outWritable(file, out, force, err)) {
            return RunResult.INVALID;
        }
        Plan plan;
        try {
            plan = ExploreCommand.plan(file, policy);
        } catch (ScenarioError e) {
            err.println(e.getMessage());
            return RunResult.INVALID;
        }
        int[] listed = parseSchedule(spec, schedule);
        byte[] moves = new byte[listed.length];
        for (int i = 0; i < moves.length; i++) {
            if (listed[i] < 0 || listed[i] >= plan.moveCount()) {
                err.println("layoutlease: move " + listed[i] + " at position " + i + " of --schedule does not exist"
                    + " (moves are 0 to " + (plan.moveCount() - 1) + ": " + moveNames(plan) + ")");
                return RunResult.INVALID;
            }
            moves[i] = (byte) listed[i];
        }
        Counterexample run;
        try {
            if (seed != null) {
                moves = Explorer.walkSchedule(plan, moves, seed, Math.max(maxDepth, moves.length),
                    ExploreCommand.invariantNames(spec, invariants));
            }
            run = Counterexample.ofSchedule(plan, moves);
            run.invariants();
        } catch (ExploreError e) {
            err.println(e.error().getMessage());
            return RunResult.INVALID;
        } catch (IllegalStateException e) {
            err.println("layoutlease: " + e.getMessage() + " (" + moveNames(plan) + ")");
            return RunResult.INVALID;
        }
        String text = ExploreCommand.render(run, file.toString(), err);
        stdout.print(text);
        stdout.flush();
        if (out != null && !ExploreCommand.write(out, text, err)) {
            return RunResult.INVALID;
        }
        return run.invariants().isEmpty() ? RunResult.OK : RunResult.INVARIANT;
    }

    /** {@code 0,2,1} (spaces allowed, empty for none) as move numbers. */
    static int[] parseSchedule(CommandLine.Model.CommandSpec spec, String text) {
        if (text == null || text.isBlank()) {
            return new int[0];
        }
        String[] parts = text.split(",", -1);
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                    "--schedule takes move numbers separated by commas, found '" + parts[i].strip() + "'");
            }
        }
        if (out.length > Explorer.MAX_DEPTH_LIMIT) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--schedule is longer than "
                + Explorer.MAX_DEPTH_LIMIT + " moves");
        }
        return out;
    }

    private static String moveNames(Plan plan) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < plan.moveCount(); i++) {
            sb.append(i > 0 ? ", " : "").append(i).append(" = ").append(plan.moveName(i));
        }
        return sb.toString();
    }
}
