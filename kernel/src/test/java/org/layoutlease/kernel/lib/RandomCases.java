package org.layoutlease.kernel.lib;

import java.util.Random;

/**
 * Runs seeded random test cases: {@code 200 * layoutlease.budget} of them, each from its own
 * seed, reporting the seed of a failing case so {@code -Dlayoutlease.seed=N} reruns it first.
 */
public final class RandomCases {

    /** Cases per unit of budget. */
    public static final int CASES_PER_BUDGET = 200;

    private static final long DEFAULT_SEED = 0x1A70_07L;

    /** One random case. */
    @FunctionalInterface
    public interface Case {
        void run(Random random) throws Exception;
    }

    private RandomCases() {
    }

    /** Number of cases this run: {@code 200 * layoutlease.budget}. */
    public static int caseCount() {
        return CASES_PER_BUDGET * Integer.getInteger("layoutlease.budget", 1);
    }

    /** Runs {@link #caseCount()} cases with consecutive seeds from {@code layoutlease.seed} (or a fixed default). */
    public static void run(String name, Case body) {
        long base = Long.getLong("layoutlease.seed", DEFAULT_SEED);
        int cases = caseCount();
        for (int i = 0; i < cases; i++) {
            long seed = base + i;
            try {
                body.run(new Random(seed));
            } catch (Throwable t) {
                String message = name + " failed with seed " + seed + " (rerun with -Dlayoutlease.seed=" + seed + ")";
                System.err.println(message);
                throw new AssertionError(message + ": " + t, t);
            }
        }
    }
}
