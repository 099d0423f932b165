package org.layoutlease.kernel.sched;

import java.util.ArrayList;
import java.util.List;
import org.layoutlease.kernel.signal.SigPending;

/**
 * One thread (struct task_struct). Its blocked-signal mask and private pending queue are its
 * own; everything else is shared through its {@link ThreadGroup}.
 */
public final class Task {
    private final int tid;
    private final String name;
    private final ThreadGroup group;
    public long blockedSignals;
    public final SigPending pending = new SigPending();
    private boolean alive = true;

    // The sleeping system call, if any (DESIGN.md principle 2: blocking is data).
    Waiter waiter;
    String callName;
    long callStartNanos;
    Timer sleepTimer;
    boolean timedOut;
    boolean queuedToRun;
    final List<WaitQueue> sleepingOn = new ArrayList<>(2);
    /** The signal set of an rt_sigtimedwait in progress, else 0. */
    public long waitingForSignals;

    public Task(int tid, String name, ThreadGroup group) {
        this.tid = tid;
        this.name = name;
        this.group = group;
    }

    public int tid() {
        return tid;
    }

    public String name() {
        return name;
    }

    public ThreadGroup group() {
        return group;
    }

    public int tgid() {
        return group.tgid();
    }

    public boolean isAlive() {
        return alive;
    }

    void markDead() {
        alive = false;
    }

    public boolean isBlocked() {
        return waiter != null;
    }

    public String blockedCall() {
        return callName;
    }

    public long callStartNanos() {
        return callStartNanos;
    }

    public Waiter waiter() {
        return waiter;
    }

    /** The deadline of the sleeping call's timeout, or -1 without one (read-only: the explorer's state hash). */
    public long sleepDeadlineNanos() {
        return sleepTimer == null || sleepTimer.isCancelled() ? -1 : sleepTimer.whenNanos();
    }

    public boolean blocks(int signo) {
        return (blockedSignals & SigPending.bit(signo)) != 0;
    }

    @Override
    public String toString() {
        return name + "[" + tid + "]";
    }
}
