package org.layoutlease.kernel.fs;

import org.layoutlease.kernel.Kernel;
import org.layoutlease.kernel.Wait;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.sched.ThreadGroup;
import org.layoutlease.kernel.signal.SigAction;
import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.SysErr;
import org.layoutlease.kernel.uapi.SysResult;
import org.layoutlease.kernel.uapi.Uapi;

/**
 * execve(2) (fs/exec.c) as far as leases care: the binary is opened read-only (which breaks a
 * write lease with a downgrade), writes to it are denied while it runs, close-on-exec
 * descriptors close, caught signals reset, and the old address space goes.
 */
public final class Exec {
    private final Kernel k;

    public Exec(Kernel k) {
        this.k = k;
    }

    public SysResult execve(Task t, String path) {
        ThreadGroup g = t.group();
        Inode i = k.vfs.lookup(g.cred, FsCalls.resolveSelf(t, path));
        if (!i.isRegular()) {
            throw SysErr.of(Errno.EACCES);
        }
        Vfs.permission(g.cred, i, Vfs.MAY_EXEC);
        // do_open_execat(): the open (and its break_lease) comes first; deny-write, which fails
        // with ETXTBSY while a writer exists, only after it.
        File exe = k.sub().fs.openFile(t, Vfs.canonical(path), Uapi.O_RDONLY, 0);
        Wait w = k.sub().leases().hasLeases(i) ? k.sub().leases().breakLease(t, i, Uapi.O_RDONLY) : Wait.NONE;
        return k.waitThen(t, "execve", w, () -> {
            if (i.writeCount > 0) {
                throw SysErr.of(Errno.ETXTBSY);
            }
            switchImage(t, exe);
            return SysResult.ok(0);
        }, () -> k.fput(exe));
    }

    /** The point of no return: the new image replaces the old one. */
    private void switchImage(Task t, File exe) {
        ThreadGroup g = t.group();
        exe.inode().writeCount--;
        if (g.exe != null) {
            g.exe.inode().writeCount++;
            k.fput(g.exe);
        }
        g.exe = exe;
        g.execed = true;
        for (int fd : FsCalls.cloexecFds(g.files)) {
            k.fput(g.files.remove(fd));
        }
        for (int sig = 1; sig < g.actions.length; sig++) {
            if (g.actions[sig].isHandler()) {
                g.actions[sig] = SigAction.DEFAULT;
            }
        }
        k.sub().mm.unmapAll(g);
        String name = exe.path();
        g.comm = name.substring(name.lastIndexOf('/') + 1);
    }
}
