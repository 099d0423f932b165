package org.layoutlease.scenario.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.layoutlease.kernel.policy.Policies;
import org.layoutlease.scenario.run.RunResult;
import org.layoutlease.scenario.run.Runner;
import org.layoutlease.scenario.syntax.Line;
import org.layoutlease.scenario.syntax.Parser;
import org.layoutlease.scenario.syntax.Scenario;
import org.layoutlease.scenario.syntax.ScenarioError;

/**
 * Runs one scenario under several policies and aligns the transcripts (SYSTEM.md §9: "one
 * scenario can be run against several designs and compared side by side").
 */
public final class Compare {
    /** Most policies one comparison takes (DESIGN.md principle 6); the registry holds far fewer. */
    public static final int MAX_POLICIES = 32;

    private Compare() {
    }

    /** Every registered policy, in registry order: the default column set. */
    public static List<String> allPolicies() {
        return Policies.names();
    }

    /** Parses and compares {@code text}; a parse error makes every run invalid, as {@code run} would. */
    public static ScenarioComparison source(String file, String text, List<String> policies) {
        Scenario sc;
        try {
            sc = Parser.parse(file, text);
        } catch (ScenarioError e) {
            return failed(file, e, policies);
        }
        return scenario(sc, policies);
    }

    /** Compares a parsed scenario under {@code policies} with the real runner. */
    public static ScenarioComparison scenario(Scenario sc, List<String> policies) {
        return scenario(sc, policies, Runner::run);
    }

    /**
     * Compares {@code sc} under {@code policies}, each run by {@code runner} (the real
     * {@link Runner#run} except in tests).
     */
    public static ScenarioComparison scenario(Scenario sc, List<String> policies,
                                              BiFunction<Scenario, String, RunResult> runner) {
        checkPolicies(policies);
        List<RunResult> runs = new ArrayList<>();
        for (String p : policies) {
            runs.add(runner.apply(sc, p));
        }
        Alignment a = new Alignment(sc, policies.size());
        for (int i = 0; i < runs.size(); i++) {
            a.absorb(i, runs.get(i));
        }
        return new ScenarioComparison(sc.file(), description(sc), filePolicy(sc), policies, a.rows(),
            a.outcomes(policies, runs), sc, runs, null);
    }

    /** A file that cannot be read or parsed: no rows, every policy invalid with the same error. */
    public static ScenarioComparison failed(String file, ScenarioError e, List<String> policies) {
        checkPolicies(policies);
        List<RunResult> runs = new ArrayList<>();
        List<PolicyOutcome> outcomes = new ArrayList<>();
        for (String p : policies) {
            runs.add(new RunResult(file, p, List.of(), List.of(), RunResult.INVALID, e));
            outcomes.add(new PolicyOutcome(p, RunResult.INVALID, e.getMessage(), e.line(), e.detail(), 0, List.of()));
        }
        return new ScenarioComparison(file, List.of(), null, policies, List.of(), outcomes, null, runs, e);
    }

    private static void checkPolicies(List<String> policies) {
        if (policies.isEmpty() || policies.size() > MAX_POLICIES) {
            throw new IllegalArgumentException("compare takes 1 to " + MAX_POLICIES + " policies, not " + policies.size());
        }
        if (policies.stream().distinct().count() != policies.size()) {
            throw new IllegalArgumentException("a policy is listed twice: " + policies);
        }
    }

    /** The policy the file is written for: its {@code policy} directive, else the default. */
    static String filePolicy(Scenario sc) {
        for (Line l : sc.lines()) {
            if (l instanceof org.layoutlease.scenario.syntax.Directive.PolicyDirective p) {
                return p.name();
            }
        }
        return Policies.DEFAULT;
    }

    /** The comment lines that open the file, without {@code #} and one following space. */
    static List<String> description(Scenario sc) {
        List<String> out = new ArrayList<>();
        for (Line l : sc.lines()) {
            if (!(l instanceof Line.CommentLine c)) {
                break;
            }
            String t = c.comment() == null ? "" : c.comment().substring(1);
            out.add(t.startsWith(" ") ? t.substring(1) : t);
        }
        return out;
    }
}
