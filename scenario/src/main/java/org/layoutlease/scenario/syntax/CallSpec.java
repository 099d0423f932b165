package org.layoutlease.scenario.syntax;

import java.util.Set;

/**
 * A call the model knows: its argument count range and which argument indexes (0-based) are
 * output arguments, written as what the kernel fills in (expectations in the input).
 */
public record CallSpec(String name, int minArgs, int maxArgs, Set<Integer> outputArgs) {

    /** Checks the range and copies the output set. */
    public CallSpec {
        assert 0 <= minArgs && minArgs <= maxArgs : name + ": bad arity " + minArgs + ".." + maxArgs;
        outputArgs = Set.copyOf(outputArgs);
        assert outputArgs.stream().allMatch(i -> i >= 0 && i < maxArgs) : name + ": output index out of range";
    }

    /** Whether argument {@code index} is an output argument. */
    public boolean isOutput(int index) {
        return outputArgs.contains(index);
    }

    /** The arity error text for {@code got} arguments: {@code open takes 2 to 3 arguments, got 1}. */
    String arityMessage(int got) {
        return name + " takes " + describeArity() + ", got " + got;
    }

    private String describeArity() {
        if (maxArgs == 0) {
            return "no arguments";
        }
        if (minArgs == maxArgs) {
            return minArgs + (minArgs == 1 ? " argument" : " arguments");
        }
        return minArgs + " to " + maxArgs + " arguments";
    }
}
