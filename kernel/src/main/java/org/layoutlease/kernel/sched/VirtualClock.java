package org.layoutlease.kernel.sched;

/** Virtual time in nanoseconds. It moves only when the timer queue says so; there are no jiffies. */
public final class VirtualClock {
    public static final long NANOS_PER_SECOND = 1_000_000_000L;

    private long nowNanos;

    public long nowNanos() {
        return nowNanos;
    }

    /** Moves time forward; time never runs backwards. */
    public void advanceTo(long targetNanos) {
        if (targetNanos < nowNanos) {
            throw new IllegalStateException("virtual time cannot go back from " + nowNanos + " to " + targetNanos);
        }
        nowNanos = targetNanos;
    }
}
