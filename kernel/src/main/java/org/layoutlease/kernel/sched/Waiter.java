package org.layoutlease.kernel.sched;

import org.layoutlease.kernel.uapi.SysResult;

/**
 * The restart loop of a sleeping system call. When the task is woken (by a wait queue or its
 * timeout) the scheduler calls {@link #retry}; returning {@link SysResult#BLOCKED} means the
 * loop went back to sleep (it must have called {@code Kernel.sleep} again).
 */
public interface Waiter {

    /** Re-runs the wait loop. {@code timedOut} says the sleep's timeout fired. */
    SysResult retry(Task task, boolean timedOut);

    /** Undo what the call holds (a reserved fd, an open file) when it ends with EINTR or its task dies. */
    default void abort(Task task) {
    }

    /** Whether a handler with SA_RESTART makes the call keep waiting (false: always EINTR). */
    default boolean restartable() {
        return true;
    }
}
