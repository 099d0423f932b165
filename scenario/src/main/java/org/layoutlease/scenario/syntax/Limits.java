package org.layoutlease.scenario.syntax;

/** Limits of the scenario language; exceeding one is a {@link ScenarioError}, never a crash. */
public final class Limits {

    /** Longest line, in characters (64 KiB): longer lines are almost certainly not a scenario. */
    public static final int MAX_LINE_CHARS = 64 * 1024;

    /** Most lines in one file. */
    public static final int MAX_LINES = 1_000_000;

    /** Largest repeat count of a data run ({@code "\0"*N}): 2^40. */
    public static final long MAX_REPEAT = 1L << 40;

    /** Largest total length of one data literal, in bytes: 2^40. */
    public static final long MAX_DATA_BYTES = 1L << 40;

    /** Largest size of a filesystem, device or file (1 PiB); keeps byte arithmetic far from overflow. */
    public static final long MAX_SIZE_BYTES = 1L << 50;

    /** Largest duration of {@code advance} (10^6 s), so a million of them cannot overflow the clock. */
    public static final long MAX_DURATION_NANOS = 1_000_000L * 1_000_000_000L;

    /** Deepest nesting of struct and array literals, and most +/- in one sum; bounds recursion over the tree. */
    public static final int MAX_NESTING_DEPTH = 32;

    /** Largest uid or gid a scenario may name. */
    public static final int MAX_ID = Integer.MAX_VALUE;

    /** Smallest filesystem block size, as XFS accepts it. */
    public static final int MIN_BLOCK_SIZE = 512;

    /** Largest filesystem block size. */
    public static final int MAX_BLOCK_SIZE = 64 * 1024;

    /** Largest file mode ({@code 07777}: permission, setuid, setgid and sticky bits). */
    public static final int MAX_MODE = 07777;

    /** Largest exit status a process can report. */
    public static final int MAX_EXIT_STATUS = 255;

    private Limits() {
    }
}
