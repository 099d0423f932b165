package org.layoutlease.kernel;

import org.layoutlease.kernel.sched.WaitQueue;
import org.layoutlease.kernel.uapi.Errno;

/**
 * One kernel wait loop written as a step function, so that a blocking operation (a lease
 * break, a wait for busy DAX pages) can sleep and be resumed by the scheduler. Each call to
 * {@link #step} is one pass of the loop: done, failed, or sleep on a queue until a deadline.
 */
public interface Wait {

    Step step(boolean timedOut);

    /** The waiting task gave up (EINTR, death): leave no trace of it (e.g. drop a breaker entry). */
    default void cancel() {
    }

    /** The result of one pass of a wait loop. */
    sealed interface Step {
    }

    record Done() implements Step {
    }

    record Fail(Errno errno) implements Step {
    }

    /** Sleep on {@code queue} until woken or until {@code deadlineNanos} (-1: no deadline). */
    record Sleep(WaitQueue queue, long deadlineNanos) implements Step {
    }

    Done DONE = new Done();

    /** Runs {@code first} to completion, then {@code second} (XFS: break leases, then wait for DAX pages). */
    static Wait sequence(Wait first, Wait second) {
        return new Wait() {
            private boolean firstDone;

            @Override
            public Step step(boolean timedOut) {
                if (!firstDone) {
                    Step s = first.step(timedOut);
                    if (!(s instanceof Done)) {
                        return s;
                    }
                    firstDone = true;
                    timedOut = false;
                }
                return second.step(timedOut);
            }

            @Override
            public void cancel() {
                if (firstDone) {
                    second.cancel();
                } else {
                    first.cancel();
                }
            }
        };
    }

    /** A loop that has nothing to wait for. */
    Wait NONE = timedOut -> DONE;
}
