package org.layoutlease.kernel.sched;

import java.util.PriorityQueue;

/** Armed timers ordered by deadline, then by arming order, so equal deadlines fire deterministically. */
public final class TimerQueue {
    /** Bounds the explorer's and the runner's work: a scenario never needs more live timers. */
    public static final int MAX_TIMERS = 100_000;
    /** Cancelled timers are purged once they are this many and outnumber the live ones. */
    static final int PURGE_MIN_CANCELLED = 64;

    private final PriorityQueue<Timer> queue = new PriorityQueue<>((a, b) -> a.whenNanos != b.whenNanos
        ? Long.compare(a.whenNanos, b.whenNanos) : Long.compare(a.sequence, b.sequence));
    private long nextSequence;
    /** Cancelled timers still in the queue: a woken sleeper cancels its timeout, often far ahead. */
    private int cancelledCount;

    public Timer arm(long whenNanos, Runnable action) {
        if (cancelledCount >= PURGE_MIN_CANCELLED && cancelledCount * 2 > queue.size()) {
            purgeCancelled();
        }
        if (queue.size() - cancelledCount >= MAX_TIMERS) {
            throw new IllegalStateException("more than " + MAX_TIMERS + " timers armed");
        }
        Timer t = new Timer(this, whenNanos, nextSequence++, action);
        queue.add(t);
        return t;
    }

    /** Called once by {@link Timer#cancel} for a timer still queued. */
    void cancelled() {
        cancelledCount++;
    }

    /** Drops every cancelled timer; the order of the others is their (deadline, sequence) order. */
    private void purgeCancelled() {
        queue.removeIf(t -> t.cancelled);
        cancelledCount = 0;
    }

    /** The deadline of the earliest live timer, or -1 when none is armed. */
    public long nextDeadline() {
        dropCancelled();
        return queue.isEmpty() ? -1 : queue.peek().whenNanos;
    }

    /** Removes and returns the earliest live timer due at or before {@code nowNanos}, or null. */
    public Timer pollDue(long nowNanos) {
        dropCancelled();
        if (queue.isEmpty() || queue.peek().whenNanos > nowNanos) {
            return null;
        }
        Timer t = queue.poll();
        t.fired = true;
        return t;
    }

    public boolean isEmpty() {
        return nextDeadline() < 0;
    }

    private void dropCancelled() {
        while (!queue.isEmpty() && queue.peek().cancelled) {
            queue.poll();
            cancelledCount--;
        }
    }
}
