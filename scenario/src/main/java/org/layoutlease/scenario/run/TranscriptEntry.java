package org.layoutlease.scenario.run;

/**
 * One transcript line with its meaning, for --json and the tools that compare runs.
 *
 * @param inputLine the input line it answers (0 for lines the run added)
 * @param kind      step, resumed, signal, exit, invariant, cat, output, directive, comment, blank, mismatch
 * @param proc      the process or thread name, if any
 * @param call      the call name, if any
 * @param result    the rendered result or event text
 * @param nanos     virtual time when it happened
 */
public record TranscriptEntry(int inputLine, String kind, String proc, String call, String result, String text,
                              long nanos) {
}
