package org.layoutlease.kernel.sched;

/** One armed timer: a deadline and what firing it does (models a struct timer_list / hrtimer). */
public final class Timer {
    private final TimerQueue owner;
    final long whenNanos;
    final long sequence;
    final Runnable action;
    boolean cancelled;
    /** Taken off the queue to fire: a later cancel leaves no entry behind. */
    boolean fired;

    Timer(TimerQueue owner, long whenNanos, long sequence, Runnable action) {
        this.owner = owner;
        this.whenNanos = whenNanos;
        this.sequence = sequence;
        this.action = action;
    }

    public long whenNanos() {
        return whenNanos;
    }

    /** Runs the timer's action; only the kernel's timer loop calls this. */
    public void fire() {
        if (!cancelled) {
            action.run();
        }
    }

    public void cancel() {
        if (!cancelled && !fired) {
            owner.cancelled();
        }
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }
}
