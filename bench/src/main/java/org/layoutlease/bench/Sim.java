package org.layoutlease.bench;

import static org.layoutlease.kernel.uapi.Uapi.*;

import java.util.List;
import org.layoutlease.kernel.Kernel;
import org.layoutlease.kernel.KernelEvent;
import org.layoutlease.kernel.fs.Inode;
import org.layoutlease.kernel.fs.Vfs;
import org.layoutlease.kernel.policy.Policies;
import org.layoutlease.kernel.sched.Cred;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.signal.SigPending;
import org.layoutlease.kernel.uapi.Capabilities;
import org.layoutlease.kernel.uapi.Signals;
import org.layoutlease.kernel.uapi.SysResult;

/**
 * A linux-policy kernel driven through its system-call boundary ({@link Kernel#syscall}), the
 * way the scenario runner drives it: every benchmark builds its world with these helpers, and
 * the smoke test checks that each helper does what its name says.
 */
public final class Sim {
    /** The unprivileged uid every benchmark process and file uses (no CAP_LEASE needed). */
    public static final int UID = 1000;
    /** Any value other than SIG_DFL and SIG_IGN installs a handler. */
    public static final long HANDLER = 0x1000;
    /** The signal mask bit of SIGIO, as sigprocmask and sigwaitinfo take it. */
    public static final long SIGIO_SET = SigPending.bit(Signals.SIGIO);

    public final Kernel k;
    private static final Cred ROOT = new Cred(0, 0, Capabilities.ALL);

    public Sim() {
        this("linux");
    }

    /** A kernel under the named policy (linux, rfc-v1, rfc-v2), lease-break-time 45 s. */
    public Sim(String policy) {
        k = new Kernel(Policies.byName(policy));
        k.sysctl.leaseBreakTimeSeconds = 45;
    }

    // ---------------------------------------------------------------- world

    public Task process(String name) {
        return k.createProcess(name, new Cred(UID, UID, 0)).leader();
    }

    /** A regular file owned by {@link #UID}, its parent directories created as needed. */
    public Inode file(String path, long size) {
        int slash = path.lastIndexOf('/');
        Inode dir = k.vfs.ensureDirectory(path.substring(0, slash));
        Inode i = Vfs.create(dir, path.substring(slash + 1), S_IFREG | 0644, UID, UID);
        k.sub().store(i).initFile(i, size, true);
        return i;
    }

    public Inode inode(String path) {
        return k.vfs.lookup(ROOT, path);
    }

    // ---------------------------------------------------------------- system calls

    public SysResult open(Task t, String path, int flags) {
        return k.syscall(t, () -> k.sub().fs.open(t, path, flags, 0644));
    }

    public SysResult close(Task t, int fd) {
        return k.syscall(t, () -> k.sub().fs.close(t, fd));
    }

    public SysResult fcntl(Task t, int fd, int cmd, long arg) {
        return k.syscall(t, () -> k.sub().fcntl.fcntl(t, fd, cmd, arg));
    }

    public SysResult setLease(Task t, int fd, int type) {
        return fcntl(t, fd, F_SETLEASE, type);
    }

    public SysResult getLease(Task t, int fd) {
        return fcntl(t, fd, F_GETLEASE, 0);
    }

    public SysResult truncate(Task t, String path, long length) {
        return k.syscall(t, () -> k.sub().fs.truncate(t, path, length));
    }

    /** rt_sigprocmask(SIG_BLOCK, {SIGIO}): the holder takes SIGIO only through sigwaitinfo. */
    public SysResult blockSigio(Task t) {
        return k.syscall(t, () -> k.sub().signal.rtSigprocmask(t, SIG_BLOCK, SIGIO_SET));
    }

    /** rt_sigaction(SIGIO, handler): a holder that is told by a handler. */
    public SysResult handleSigio(Task t) {
        return k.syscall(t, () -> k.sub().signal.rtSigaction(t, Signals.SIGIO, HANDLER, 0));
    }

    /** sigwaitinfo({SIGIO}) (timeout -1) or sigtimedwait with a zero timeout (0). */
    public SysResult sigwait(Task t, long timeoutNanos) {
        return k.syscall(t, () -> k.sub().signal.rtSigtimedwait(t, SIGIO_SET, timeoutNanos));
    }

    /** Events since the last call, as the runner drains them after each step. */
    public List<KernelEvent> drain() {
        return k.drainEvents();
    }

    // ---------------------------------------------------------------- results

    /** The value of a successful call; anything else is a broken benchmark. */
    public static long ok(SysResult r) {
        if (r instanceof SysResult.Value v) {
            return v.value();
        }
        throw new IllegalStateException("expected success, got " + r);
    }

    public static void blocked(SysResult r) {
        if (!r.isBlocked()) {
            throw new IllegalStateException("expected the call to block, got " + r);
        }
    }

    /** The result of {@code t}'s last blocked call that returned, among {@code events}. */
    public static SysResult returned(List<KernelEvent> events, Task t) {
        SysResult last = null;
        for (KernelEvent e : events) {
            if (e instanceof KernelEvent.CallReturned r && r.task() == t) {
                last = r.result();
            }
        }
        return last;
    }
}
