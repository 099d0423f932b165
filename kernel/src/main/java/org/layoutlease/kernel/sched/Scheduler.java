package org.layoutlease.kernel.sched;

import java.util.ArrayDeque;
import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.SysResult;

/**
 * Sleeping, waking and resuming system calls (the parts of kernel/sched that a single-CPU,
 * run-to-completion model needs). A woken task is queued; {@link #runReady} re-runs the restart
 * loops in wake-up order, which is what makes every run of a scenario identical.
 */
public final class Scheduler {

    /** Told when a sleeping call finishes, so it can become an event. */
    public interface Listener {
        void callReturned(Task task, String call, SysResult result, long durationNanos);

        void callAbandoned(Task task, String call, long durationNanos);
    }

    private final VirtualClock clock;
    private final TimerQueue timers;
    private final ArrayDeque<Task> runQueue = new ArrayDeque<>();
    private final Listener listener;

    public Scheduler(VirtualClock clock, TimerQueue timers, Listener listener) {
        this.clock = clock;
        this.timers = timers;
        this.listener = listener;
    }

    /**
     * Puts {@code task} to sleep in {@code call} until one of {@code queues} is woken or, if
     * {@code deadlineNanos >= 0}, the deadline passes. Returns {@link SysResult#BLOCKED}.
     * A restart loop calls this again from {@link Waiter#retry} to keep sleeping; the call's
     * start time is kept, so durations count from the first attempt.
     */
    public SysResult sleep(Task task, String call, Waiter waiter, long deadlineNanos, WaitQueue... queues) {
        assert task.isAlive() : "a dead task cannot sleep";
        assert task.sleepingOn.isEmpty() : "task already on a wait queue";
        if (task.waiter == null) {
            task.callName = call;
            task.callStartNanos = clock.nowNanos();
        }
        task.waiter = waiter;
        task.timedOut = false;
        for (WaitQueue q : queues) {
            q.sleepers.add(task);
            task.sleepingOn.add(q);
        }
        if (deadlineNanos >= 0) {
            task.sleepTimer = timers.arm(Math.max(deadlineNanos, clock.nowNanos()), () -> timeout(task));
        }
        return SysResult.BLOCKED;
    }

    /** Wakes every task sleeping on {@code queue} (wake_up_all). */
    public void wakeAll(WaitQueue queue) {
        // wake() detaches the task from every queue, this one included, so iterate a copy;
        // the common cases (nobody, one sleeper) need none.
        int n = queue.sleepers.size();
        if (n == 0) {
            return;
        }
        if (n == 1) {
            wake(queue.sleepers.get(0));
            return;
        }
        for (Task t : queue.sleepers()) {
            wake(t);
        }
    }

    /** Wakes one sleeping task, whatever it waits on. */
    public void wake(Task task) {
        if (task.waiter == null || task.queuedToRun) {
            return;
        }
        detach(task);
        task.queuedToRun = true;
        runQueue.add(task);
    }

    private void timeout(Task task) {
        task.sleepTimer = null;
        if (task.waiter != null && !task.queuedToRun) {
            wake(task);
            task.timedOut = true;
        }
    }

    /** Re-runs the restart loops of woken tasks until none is left; returns whether any ran. */
    public boolean runReady() {
        boolean ran = false;
        while (!runQueue.isEmpty()) {
            Task t = runQueue.poll();
            t.queuedToRun = false;
            if (!t.isAlive() || t.waiter == null) {
                continue;
            }
            ran = true;
            Waiter w = t.waiter;
            boolean timedOut = t.timedOut;
            t.timedOut = false;
            SysResult r = w.retry(t, timedOut);
            if (!r.isBlocked()) {
                finish(t, r);
            } else {
                assert t.waiter != null : "a loop that returns BLOCKED must sleep again";
            }
        }
        return ran;
    }

    /** Whether the task's sleep has a timeout armed (something other than a step can end it). */
    public boolean hasTimeout(Task task) {
        return task.sleepTimer != null && !task.sleepTimer.isCancelled();
    }

    public boolean hasReady() {
        return !runQueue.isEmpty();
    }

    /**
     * A handled signal arrived while {@code task} sleeps interruptibly. With SA_RESTART (and a
     * restartable call) it keeps waiting, deadline unchanged; otherwise the call ends with EINTR.
     */
    public void interrupt(Task task, boolean saRestart) {
        if (task.waiter == null) {
            return;
        }
        if (saRestart && task.waiter.restartable()) {
            return;
        }
        Waiter w = task.waiter;
        detach(task);
        dequeue(task);
        w.abort(task);
        finish(task, SysResult.err(Errno.EINTR));
    }

    /** Completes a sleeping call from outside its loop (rt_sigtimedwait dequeuing a signal). */
    public void complete(Task task, SysResult result) {
        assert task.waiter != null;
        detach(task);
        dequeue(task);
        finish(task, result);
    }

    /** The task is dying: its sleeping call is abandoned and undone. */
    public void abandon(Task task) {
        if (task.waiter == null) {
            return;
        }
        Waiter w = task.waiter;
        detach(task);
        dequeue(task);
        w.abort(task);
        String call = task.callName;
        long d = clock.nowNanos() - task.callStartNanos;
        clearCall(task);
        listener.callAbandoned(task, call, d);
    }

    /** Marks a task dead; it must no longer sleep. */
    public void markDead(Task task) {
        assert task.waiter == null : "abandon the call first";
        task.markDead();
    }

    public void markDead(ThreadGroup group) {
        group.markDead();
    }

    private void finish(Task t, SysResult r) {
        String call = t.callName;
        long d = clock.nowNanos() - t.callStartNanos;
        clearCall(t);
        listener.callReturned(t, call, r, d);
    }

    private static void clearCall(Task t) {
        t.waiter = null;
        t.callName = null;
        t.waitingForSignals = 0;
    }

    private void dequeue(Task t) {
        if (t.queuedToRun) {
            runQueue.remove(t);
            t.queuedToRun = false;
        }
    }

    private static void detach(Task t) {
        for (WaitQueue q : t.sleepingOn) {
            q.sleepers.remove(t);
        }
        t.sleepingOn.clear();
        if (t.sleepTimer != null) {
            t.sleepTimer.cancel();
            t.sleepTimer = null;
        }
    }

    public static void addThread(ThreadGroup g, Task t) {
        g.addThread(t);
    }
}
