package org.layoutlease.kernel.signal;

import org.layoutlease.kernel.Kernel;
import org.layoutlease.kernel.KernelEvent;
import org.layoutlease.kernel.sched.Cred;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.sched.ThreadGroup;
import org.layoutlease.kernel.sched.Waiter;
import org.layoutlease.kernel.uapi.Capabilities;
import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.Signals;
import org.layoutlease.kernel.uapi.SysErr;
import org.layoutlease.kernel.uapi.SysResult;
import org.layoutlease.kernel.uapi.Uapi;

/** Signal system calls (kernel/signal.c): kill, tgkill, rt_sigaction, rt_sigprocmask, rt_sigtimedwait. */
public final class SignalCalls {
    private final Kernel k;

    public SignalCalls(Kernel k) {
        this.k = k;
    }

    public SysResult kill(Task t, int pid, int sig) {
        checkSignal(sig, true);
        java.util.List<ThreadGroup> targets = targets(t, pid);
        if (targets.isEmpty()) {
            throw SysErr.of(Errno.ESRCH);
        }
        boolean any = false;
        for (ThreadGroup g : targets) {
            if (!mayKill(t.group().cred, g.cred)) {
                continue;
            }
            any = true;
            if (sig != 0) {
                k.signals.sendToProcess(g, SigInfo.user(sig, Uapi.SI_USER, t.tgid(), t.group().cred.uid));
            }
        }
        if (!any) {
            throw SysErr.of(Errno.EPERM);
        }
        return SysResult.ok(0);
    }

    private java.util.List<ThreadGroup> targets(Task t, int pid) {
        if (pid > 0) {
            ThreadGroup g = k.group(pid);
            return g == null ? java.util.List.of() : java.util.List.of(g);
        }
        int pgid = pid == 0 ? t.group().pgid : -pid;
        if (pid == -1) {
            return k.liveGroups().stream().filter(g -> g != t.group()).toList();
        }
        return k.liveGroups().stream().filter(g -> g.pgid == pgid).toList();
    }

    public SysResult tgkill(Task t, int tgid, int tid, int sig) {
        checkSignal(sig, true);
        if (tgid <= 0 || tid <= 0) {
            throw SysErr.of(Errno.EINVAL);
        }
        Task target = k.task(tid);
        if (target == null || target.tgid() != tgid) {
            throw SysErr.of(Errno.ESRCH);
        }
        if (!mayKill(t.group().cred, target.group().cred)) {
            throw SysErr.of(Errno.EPERM);
        }
        if (sig != 0) {
            k.signals.sendToThread(target, SigInfo.user(sig, Uapi.SI_TKILL, t.tgid(), t.group().cred.uid));
        }
        return SysResult.ok(0);
    }

    /** kill_ok_by_cred(): same uid/euid as the target's uid/suid, or CAP_KILL. */
    private static boolean mayKill(Cred sender, Cred target) {
        return sender.capable(Capabilities.CAP_KILL)
            || sender.euid == target.suid || sender.euid == target.uid
            || sender.uid == target.suid || sender.uid == target.uid;
    }

    private static void checkSignal(int sig, boolean zeroOk) {
        if (sig < (zeroOk ? 0 : 1) || sig > Signals.NSIG) {
            throw SysErr.of(Errno.EINVAL);
        }
    }

    public SysResult rtSigaction(Task t, int sig, long handler, long flags) {
        checkSignal(sig, false);
        if (sig == Signals.SIGKILL || sig == Signals.SIGSTOP) {
            throw SysErr.of(Errno.EINVAL);
        }
        ThreadGroup g = t.group();
        g.actions[sig] = new SigAction(handler, flags);
        k.signals.flushIgnored(g, sig);
        return SysResult.ok(0);
    }

    public SysResult rtSigprocmask(Task t, int how, long set) {
        long unblockable = SigPending.bit(Signals.SIGKILL) | SigPending.bit(Signals.SIGSTOP);
        set &= ~unblockable;
        switch (how) {
            case Uapi.SIG_BLOCK -> t.blockedSignals |= set;
            case Uapi.SIG_UNBLOCK -> t.blockedSignals &= ~set;
            case Uapi.SIG_SETMASK -> t.blockedSignals = set;
            default -> throw SysErr.of(Errno.EINVAL);
        }
        k.defer(() -> k.signals.deliverUnblocked(t));
        return SysResult.ok(0);
    }

    /** rt_sigtimedwait: dequeue a pending signal of {@code set}, or sleep until one comes or the timeout. */
    public SysResult rtSigtimedwait(Task t, long set, long timeoutNanos) {
        set &= ~(SigPending.bit(Signals.SIGKILL) | SigPending.bit(Signals.SIGSTOP));
        SigInfo si = k.signals.dequeueFor(t, set);
        if (si != null) {
            k.emit(new KernelEvent.SignalDelivered(k.clock.nowNanos(), t, si, KernelEvent.Delivery.DEQUEUED));
            return SysResult.ok(si.signo());
        }
        if (timeoutNanos == 0) {
            throw SysErr.of(Errno.EAGAIN);
        }
        long deadline = timeoutNanos < 0 ? -1 : k.clock.nowNanos() + timeoutNanos;
        Waiter w = new Waiter() {
            @Override
            public SysResult retry(Task task, boolean timedOut) {
                return SysResult.err(Errno.EAGAIN);
            }

            @Override
            public boolean restartable() {
                return false;
            }
        };
        SysResult r = k.sleep(t, "rt_sigtimedwait", w, deadline);
        t.waitingForSignals = set;
        return r;
    }
}
