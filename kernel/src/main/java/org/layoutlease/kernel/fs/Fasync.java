package org.layoutlease.kernel.fs;

import java.util.ArrayList;
import java.util.List;
import org.layoutlease.kernel.Kernel;
import org.layoutlease.kernel.sched.Cred;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.sched.ThreadGroup;
import org.layoutlease.kernel.signal.SigInfo;
import org.layoutlease.kernel.uapi.Signals;
import org.layoutlease.kernel.uapi.Uapi;

/**
 * send_sigio() and sigio_perm() (fs/fcntl.c): the notification path of a lease break. The
 * signal goes to the file's recorded owner, carrying the recorded fd number.
 */
public final class Fasync {
    /** POLLIN|POLLRDNORM|POLLMSG: the band a lease break reports. */
    public static final long LEASE_BAND = Uapi.POLLIN | Uapi.POLLRDNORM | Uapi.POLLMSG;

    private final Kernel kernel;

    public Fasync(Kernel kernel) {
        this.kernel = kernel;
    }

    /**
     * Sends the owner's signal for {@code f} with {@code si_fd = fd}. Returns the processes that
     * were actually sent a signal (after sigio_perm), so callers can tell a silent revoke.
     */
    public List<ThreadGroup> sendSigio(File f, int fd) {
        FOwner o = f.owner;
        List<ThreadGroup> sent = new ArrayList<>();
        if (!o.isSet()) {
            return sent;
        }
        SigInfo si = signalFor(o, fd);
        switch (o.type) {
            case Uapi.F_OWNER_TID -> {
                Task t = kernel.task(o.pid);
                if (t != null && sigioPerm(o, t.group().cred)) {
                    kernel.signals.sendToThread(t, si);
                    sent.add(t.group());
                }
            }
            case Uapi.F_OWNER_PGRP -> {
                for (ThreadGroup g : kernel.liveGroups()) {
                    if (g.pgid == o.pid && sigioPerm(o, g.cred)) {
                        kernel.signals.sendToProcess(g, si);
                        sent.add(g);
                    }
                }
            }
            default -> {
                // PIDTYPE_TGID names a process through any of its threads' pids (lease_setup
                // records the calling thread's pid), and signals the whole process.
                Task named = kernel.task(o.pid);
                ThreadGroup g = named != null ? named.group() : null;
                if (g != null && sigioPerm(o, g.cred)) {
                    kernel.signals.sendToProcess(g, si);
                    sent.add(g);
                }
            }
        }
        return sent;
    }

    /**
     * The lease-break signal of {@code f} (its F_SETSIG signal, else SIGIO) sent to process
     * {@code g} with {@code si_fd = fd}, {@code g}'s own descriptor: the every-holder
     * notification of a plain layout lease (Policy#layoutBreakNotifiesAllHolders).
     */
    public void sendSigioTo(ThreadGroup g, File f, int fd) {
        kernel.signals.sendToProcess(g, signalFor(f.owner, fd));
    }

    private static SigInfo signalFor(FOwner o, int fd) {
        if (o.signum == 0) {
            return SigInfo.kernel(Signals.SIGIO);
        }
        int code = hasOwnSiCodes(o.signum) ? Uapi.SI_SIGIO : Uapi.POLL_MSG;
        return SigInfo.poll(o.signum, code, LEASE_BAND, fd);
    }

    /** Signals whose si_code space is their own get SI_SIGIO instead of POLL_MSG. */
    private static boolean hasOwnSiCodes(int sig) {
        return sig == Signals.SIGILL || sig == Signals.SIGFPE || sig == Signals.SIGSEGV || sig == Signals.SIGBUS
            || sig == Signals.SIGTRAP || sig == Signals.SIGCHLD;
    }

    /** sigio_perm(): the setter's credentials must be root or match the target's uid/suid. */
    public static boolean sigioPerm(FOwner o, Cred target) {
        return o.setterEuid == 0
            || o.setterEuid == target.suid || o.setterEuid == target.uid
            || o.setterUid == target.suid || o.setterUid == target.uid;
    }
}
