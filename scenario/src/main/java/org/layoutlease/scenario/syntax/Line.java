package org.layoutlease.scenario.syntax;

import java.util.List;

/**
 * One line of a scenario. Every line keeps its number, its raw text (without the newline) and
 * its trailing comment, so a transcript can reproduce the input byte for byte.
 */
public sealed interface Line permits Directive, Line.Blank, Line.CommentLine, Line.Step,
        Line.Resumed, Line.SignalObservation, Line.ExitObservation, Line.CatOutputLine,
        Line.InvariantObservation, Line.ExpectedNote {

    /** The 1-based line number. */
    int lineNo();

    /** The full original line without its line terminator. */
    String raw();

    /** The trailing {@code # ...} comment including the {@code #}, or null. */
    String comment();

    /** An empty or whitespace-only line; kept in the transcript. */
    record Blank(int lineNo, String raw, String comment) implements Line {
    }

    /** A line holding only a comment. */
    record CommentLine(int lineNo, String raw, String comment) implements Line {
    }

    /**
     * {@code NAME: call(args) = RESULT}; {@code result} is null when none is written, and an
     * {@link Result.UnfinishedResult} for {@code <unfinished ...>}.
     */
    record Step(String proc, String call, List<Expr> args, SourcePos callPos, Result result,
            int lineNo, String raw, String comment) implements Line {

        /** Copies the arguments so the node stays immutable. */
        public Step {
            args = List.copyOf(args);
        }
    }

    /**
     * {@code NAME: <... call resumed>) = RESULT <SECONDS>}; {@code result} is null when none is
     * written and {@code seconds} is null without {@code <S>}.
     */
    record Resumed(String proc, String call, Result result, Double seconds,
            int lineNo, String raw, String comment) implements Line {
    }

    /**
     * {@code NAME: --- SIGNAME {fields} ---}; {@code hasBraces} is false for {@code --- SIGIO ---}.
     */
    record SignalObservation(String proc, String signal, List<SignalField> fields, boolean hasBraces,
            int lineNo, String raw, String comment) implements Line {

        /** Copies the fields so the node stays immutable. */
        public SignalObservation {
            fields = List.copyOf(fields);
        }
    }

    /** One {@code si_name=value} field of a signal line, the value as trimmed source text. */
    record SignalField(String name, String value) {
    }

    /**
     * {@code NAME: +++ exited with N +++} ({@code exitCode} set) or {@code NAME: +++ killed by SIG +++}
     * ({@code killedBy} set); the other is null.
     */
    record ExitObservation(String proc, Integer exitCode, String killedBy,
            int lineNo, String raw, String comment) implements Line {
    }

    /** {@code | text}: an expected output line of the preceding {@code cat}; {@code #} is content here. */
    record CatOutputLine(String content, int lineNo, String raw, String comment) implements Line {
    }

    /** {@code !!! invariant NAME: text}: an expected invariant violation (only NAME is compared). */
    record InvariantObservation(String name, String text, int lineNo, String raw, String comment)
            implements Line {
    }

    /**
     * {@code !!! expected ...}: a mismatch note left by a previous run's transcript; kept so
     * callers can drop it. {@code text} is everything after {@code expected}, trimmed.
     */
    record ExpectedNote(String text, int lineNo, String raw, String comment) implements Line {
    }
}
