package org.layoutlease.scenario.syntax;

/** What a step or resumed line states about the call's return. */
public sealed interface Result {

    /** Where the result starts (after {@code =}, or the {@code <} of {@code <unfinished ...>}). */
    SourcePos pos();

    /** {@code = VALUE}: a number, constant, process name, new fork/thread name or data literal. */
    record ValueResult(Expr value, SourcePos pos) implements Result {
    }

    /** {@code = -1 ERRNO}, with an optional {@code (text)} that is ignored. */
    record ErrorResult(String errno, SourcePos pos) implements Result {
    }

    /** {@code = $name}: bind the (successful) result to a variable; {@code var} excludes the dollar. */
    record BindResult(String var, SourcePos pos) implements Result {
    }

    /** {@code = ?}: accept anything, failure included. */
    record AnyResult(SourcePos pos) implements Result {
    }

    /** {@code <unfinished ...>}: the call is expected to block. */
    record UnfinishedResult(SourcePos pos) implements Result {
    }
}
