package org.layoutlease.kernel.uapi;

/**
 * What a system call did: returned a value (with any output arguments the kernel filled in),
 * failed with an errno, or blocked. Blocking is data (DESIGN.md principle 2): the task now
 * holds a pending call that the scheduler resumes.
 */
public sealed interface SysResult {

    /** Success: the return value and the output argument (read data, stat, pipe fds), if any. */
    record Value(long value, Object output) implements SysResult {
    }

    /** Failure: the call returned -1 with this errno. */
    record Error(Errno errno) implements SysResult {
    }

    /** The call is waiting; the task's pending call says on what. */
    record Blocked() implements SysResult {
    }

    Blocked BLOCKED = new Blocked();

    static Value ok(long value) {
        return new Value(value, null);
    }

    static Value ok(long value, Object output) {
        return new Value(value, output);
    }

    static Error err(Errno errno) {
        return new Error(errno);
    }

    default boolean isBlocked() {
        return this instanceof Blocked;
    }
}
