package org.layoutlease.kernel.signal;

import org.layoutlease.kernel.Kernel;
import org.layoutlease.kernel.KernelEvent;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.sched.ThreadGroup;
import org.layoutlease.kernel.uapi.Signals;
import org.layoutlease.kernel.uapi.SysResult;

/**
 * Signal generation and delivery (kernel/signal.c). Generation is immediate bookkeeping;
 * delivery happens at the sending call's boundary. A handled signal runs its handler at once
 * (the simulated process is always ready to run it), interrupting a sleeping call.
 */
public final class SignalDelivery {
    private final Kernel kernel;

    public SignalDelivery(Kernel kernel) {
        this.kernel = kernel;
    }

    /** Sends a process-directed signal (kill, F_OWNER_PID), delivered at the call boundary. */
    public void sendToProcess(ThreadGroup g, SigInfo si) {
        kernel.defer(() -> deliverToProcess(g, si));
    }

    /** Sends a thread-directed signal (tgkill, F_OWNER_TID), delivered at the call boundary. */
    public void sendToThread(Task t, SigInfo si) {
        kernel.defer(() -> deliverToThread(t, si));
    }

    /**
     * force_sig_fault(): a synchronous fault signal (SIGBUS past end of file, SIGSEGV). A
     * blocked or ignored fault signal cannot be left pending, so force_sig_info_to_task() resets
     * it to the default action and unblocks it, which kills the process; a handler runs.
     */
    public void forceSigFault(Task t, SigInfo si) {
        int sig = si.signo();
        ThreadGroup g = t.group();
        if (t.blocks(sig) || ignored(g, sig)) {
            g.actions[sig] = SigAction.DEFAULT;
            t.blockedSignals &= ~SigPending.bit(sig);
        }
        sendToThread(t, si);
    }

    private void deliverToProcess(ThreadGroup g, SigInfo si) {
        if (!g.isAlive()) {
            return;
        }
        int sig = si.signo();
        if (sig == Signals.SIGKILL) {
            fatal(g.leader().isAlive() ? g.leader() : g.liveThreads().getFirst(), si);
            return;
        }
        // g.threads() in order, skipping dead ones: liveThreads() without its list (a hot path).
        for (Task t : g.threads()) {
            if (t.isAlive() && (waitsFor(t, sig) || !t.blocks(sig))) {
                deliverToThread(t, si);
                return;
            }
        }
        // Every thread blocks it: it stays pending, even if ignored (blocked signals are never ignored).
        g.sharedPending.add(si, Signals.isRealtime(sig));
    }

    private void deliverToThread(Task t, SigInfo si) {
        if (!t.isAlive()) {
            return;
        }
        int sig = si.signo();
        ThreadGroup g = t.group();
        if (sig == Signals.SIGKILL) {
            fatal(t, si);
            return;
        }
        if (waitsFor(t, sig)) {
            kernel.scheduler.complete(t, SysResult.ok(sig));
            kernel.emit(new KernelEvent.SignalDelivered(kernel.clock.nowNanos(), t, si, KernelEvent.Delivery.DEQUEUED));
            return;
        }
        if (t.blocks(sig)) {
            t.pending.add(si, Signals.isRealtime(sig));
            return;
        }
        act(t, g, si);
    }

    private void act(Task t, ThreadGroup g, SigInfo si) {
        SigAction a = g.actions[si.signo()];
        if (a.isHandler()) {
            kernel.emit(new KernelEvent.SignalDelivered(kernel.clock.nowNanos(), t, si, KernelEvent.Delivery.HANDLER));
            if (t.isBlocked()) {
                kernel.scheduler.interrupt(t, a.restarts());
            }
        } else if (!ignored(g, si.signo())) {
            fatal(t, si);
        }
    }

    private void fatal(Task t, SigInfo si) {
        kernel.emit(new KernelEvent.SignalDelivered(kernel.clock.nowNanos(), t, si, KernelEvent.Delivery.FATAL));
        kernel.exitGroup(t.group(), 0, si.signo());
    }

    private static boolean waitsFor(Task t, int sig) {
        return t.isBlocked() && (t.waitingForSignals & SigPending.bit(sig)) != 0;
    }

    /** Whether the disposition discards the signal (SIG_IGN, or SIG_DFL whose default is to ignore). */
    public static boolean ignored(ThreadGroup g, int sig) {
        SigAction a = g.actions[sig];
        return a.isIgnore() || (a.isDefault() && Signals.defaultAction(sig) == Signals.DefaultAction.IGNORE);
    }

    /** Delivers what became deliverable after the mask of {@code t} changed (sigprocmask). */
    public void deliverUnblocked(Task t) {
        while (t.isAlive()) {
            SigInfo si = t.pending.dequeue(t.blockedSignals);
            if (si == null) {
                si = t.group().sharedPending.dequeue(t.blockedSignals);
            }
            if (si == null) {
                return;
            }
            if (si.signo() == Signals.SIGKILL) {
                fatal(t, si);
            } else {
                act(t, t.group(), si);
            }
        }
    }

    /** Dequeues a pending signal in {@code set} for rt_sigtimedwait, or null. */
    public SigInfo dequeueFor(Task t, long set) {
        SigInfo si = t.pending.dequeue(~set);
        return si != null ? si : t.group().sharedPending.dequeue(~set);
    }

    /** A disposition became SIG_IGN (or an ignoring default): pending instances are discarded. */
    public void flushIgnored(ThreadGroup g, int sig) {
        if (!ignored(g, sig)) {
            return;
        }
        g.sharedPending.flush(sig);
        for (Task t : g.threads()) {
            t.pending.flush(sig);
        }
    }
}
