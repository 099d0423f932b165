package org.layoutlease.scenario.explore;

import org.layoutlease.scenario.syntax.ScenarioError;

/**
 * A schedule hit a line the model cannot run (an unknown or unimplemented call, a limit): the
 * input is invalid for exploration (exit status 2), whichever order found it.
 */
public final class ExploreError extends RuntimeException {
    private final ScenarioError error;

    public ExploreError(ScenarioError error) {
        super(error.getMessage(), error);
        this.error = error;
    }

    public ScenarioError error() {
        return error;
    }
}
