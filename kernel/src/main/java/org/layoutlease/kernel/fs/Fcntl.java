package org.layoutlease.kernel.fs;

import static org.layoutlease.kernel.uapi.Uapi.*;

import org.layoutlease.kernel.Kernel;
import org.layoutlease.kernel.sched.Cred;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.sched.ThreadGroup;
import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.OwnerEx;
import org.layoutlease.kernel.uapi.Signals;
import org.layoutlease.kernel.uapi.SysErr;
import org.layoutlease.kernel.uapi.SysResult;

/** fcntl(2) (fs/fcntl.c do_fcntl): descriptor flags, status flags, owners, signals, leases. */
public final class Fcntl {
    /** The status flags F_SETFL may change (SETFL_MASK). */
    public static final int SETFL_MASK = O_APPEND | O_NONBLOCK | O_ASYNC | O_DIRECT | O_NOATIME;

    private final Kernel k;

    public Fcntl(Kernel k) {
        this.k = k;
    }

    public SysResult fcntl(Task t, int fd, int cmd, long arg) {
        File f = t.group().files.get(fd);
        if (f.isPath() && !pathAllowed(cmd)) {
            throw SysErr.of(Errno.EBADF);
        }
        return switch (cmd) {
            case F_DUPFD, F_DUPFD_CLOEXEC -> dupfd(t, f, arg, cmd == F_DUPFD_CLOEXEC);
            case F_GETFD -> SysResult.ok(t.group().files.isCloexec(fd) ? FD_CLOEXEC : 0);
            case F_SETFD -> {
                t.group().files.setCloexec(fd, (arg & FD_CLOEXEC) != 0);
                yield SysResult.ok(0);
            }
            case F_GETFL -> SysResult.ok(f.flags);
            case F_SETFL -> {
                f.flags = ((int) arg & SETFL_MASK) | (f.flags & ~SETFL_MASK);
                yield SysResult.ok(0);
            }
            case F_SETOWN -> setOwn(t, f, arg < 0 ? F_OWNER_PGRP : F_OWNER_PID, (int) Math.abs(arg));
            case F_GETOWN -> SysResult.ok(f.owner.type == F_OWNER_PGRP ? -f.owner.pid : f.owner.pid);
            case F_GETOWN_EX -> SysResult.ok(0, new OwnerEx(f.owner.type, f.owner.pid));
            case F_SETSIG -> setSig(f, arg);
            case F_GETSIG -> SysResult.ok(f.owner.signum);
            case F_SETLEASE -> k.sub().leases().setLease(t, fd, f, arg);
            case F_GETLEASE -> k.sub().leases().getLease(t, f);
            default -> throw SysErr.of(Errno.EINVAL);
        };
    }

    /** fcntl(F_SETOWN_EX, {type, pid}). */
    public SysResult setOwnEx(Task t, int fd, int type, int pid) {
        File f = t.group().files.get(fd);
        if (f.isPath()) {
            throw SysErr.of(Errno.EBADF);
        }
        if (type != F_OWNER_TID && type != F_OWNER_PID && type != F_OWNER_PGRP) {
            throw SysErr.of(Errno.EINVAL);
        }
        return setOwn(t, f, type, pid);
    }

    private static boolean pathAllowed(int cmd) {
        return cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC || cmd == F_GETFD || cmd == F_SETFD || cmd == F_GETFL;
    }

    private SysResult dupfd(Task t, File f, long min, boolean cloexec) {
        if (min < 0 || min >= FdTable.MAX_FDS) {
            throw SysErr.of(Errno.EINVAL);
        }
        FdTable ft = t.group().files;
        int nfd = ft.reserve((int) min, cloexec);
        ft.install(nfd, f.get());
        return SysResult.ok(nfd);
    }

    /** f_setown / __f_setown(force=1): the owner is replaced and the setter's ids recorded. */
    private SysResult setOwn(Task t, File f, int type, int pid) {
        if (pid != 0 && !exists(type, pid)) {
            throw SysErr.of(Errno.ESRCH);
        }
        setOwner(t, f, type, pid);
        return SysResult.ok(0);
    }

    /** __f_setown(): records the owner and the caller's uid/euid for sigio_perm. */
    public static void setOwner(Task t, File f, int type, int pid) {
        Cred c = t.group().cred;
        f.owner = t.group().shareOwner(f.owner.withOwner(pid, type, c.uid, c.euid));
    }

    private boolean exists(int type, int pid) {
        return switch (type) {
            case F_OWNER_TID -> k.task(pid) != null;
            case F_OWNER_PGRP -> k.liveGroups().stream().anyMatch(g -> g.pgid == pid);
            default -> {
                ThreadGroup g = k.group(pid);
                yield g != null || k.task(pid) != null;
            }
        };
    }

    private static SysResult setSig(File f, long arg) {
        if (arg < 0 || arg > Signals.NSIG) {
            throw SysErr.of(Errno.EINVAL);
        }
        f.owner = f.owner.withSignum((int) arg);
        return SysResult.ok(0);
    }
}
