package org.layoutlease.kernel;

import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.signal.SigInfo;
import org.layoutlease.kernel.uapi.SysResult;

/**
 * What a state transition caused (DESIGN.md principle 3). The transcript, the JSON output and
 * the explorer all consume this one stream, in the order the kernel produced it.
 */
public sealed interface KernelEvent {

    long atNanos();

    /** How a signal reached a task: to its handler, dequeued by rt_sigtimedwait, or fatally. */
    enum Delivery { HANDLER, DEQUEUED, FATAL }

    record SignalDelivered(long atNanos, Task task, SigInfo info, Delivery how) implements KernelEvent {
    }

    record Exited(long atNanos, Task task, int code) implements KernelEvent {
    }

    record Killed(long atNanos, Task task, int signo) implements KernelEvent {
    }

    /** A call that had blocked returned. */
    record CallReturned(long atNanos, Task task, String call, SysResult result, long durationNanos)
        implements KernelEvent {
    }

    /** A blocked call ended because its task died (strace prints {@code = ?}). */
    record CallAbandoned(long atNanos, Task task, String call, long durationNanos) implements KernelEvent {
    }

    /** A safety invariant of SCENARIO-LANGUAGE.md §6 was violated. */
    record Invariant(long atNanos, String name, String text) implements KernelEvent {
    }
}
