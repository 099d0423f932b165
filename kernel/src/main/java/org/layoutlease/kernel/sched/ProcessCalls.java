package org.layoutlease.kernel.sched;

import org.layoutlease.kernel.Kernel;
import org.layoutlease.kernel.uapi.Capabilities;
import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.SysErr;
import org.layoutlease.kernel.uapi.SysResult;

/** Process and credential system calls (kernel/fork.c, kernel/exit.c, kernel/sys.c). */
public final class ProcessCalls {
    private final Kernel k;

    public ProcessCalls(Kernel k) {
        this.k = k;
    }

    /** fork(): a new process with copies of the caller's descriptors, mappings and dispositions. */
    public SysResult fork(Task t, String childName) {
        ThreadGroup parent = t.group();
        ThreadGroup child = k.newGroup(childName, parent.cred.copy());
        child.files = parent.files.copyForFork();
        child.mm = k.sub().mm.dupMm(parent.mm);
        System.arraycopy(parent.actions, 0, child.actions, 0, parent.actions.length);
        child.pgid = parent.pgid;
        child.parentTgid = parent.tgid();
        child.sid = parent.sid;
        child.leader().blockedSignals = t.blockedSignals;
        k.sub().forked(parent, child);
        return SysResult.ok(child.tgid());
    }

    /** clone(CLONE_THREAD|CLONE_FILES|CLONE_VM|CLONE_SIGHAND): a new thread in the caller's group. */
    public SysResult thread(Task t, String name) {
        Task nt = k.newThread(t.group(), name);
        nt.blockedSignals = t.blockedSignals;
        return SysResult.ok(nt.tid());
    }

    public SysResult exitGroup(Task t, int code) {
        k.exitGroup(t.group(), code & 0xff, 0);
        return SysResult.ok(0);
    }

    public SysResult setuid(Task t, int uid) {
        Cred c = t.group().cred;
        if (c.capable(Capabilities.CAP_SETUID)) {
            c.uid = c.euid = c.suid = c.fsuid = uid;
            if (uid != 0) {
                c.capPermitted = 0;
                c.capEffective = 0;
            }
        } else if (uid == c.uid || uid == c.suid) {
            changeEuid(c, uid);
            c.fsuid = uid;
        } else {
            throw SysErr.of(Errno.EPERM);
        }
        return SysResult.ok(0);
    }

    public SysResult seteuid(Task t, int euid) {
        Cred c = t.group().cred;
        if (!c.capable(Capabilities.CAP_SETUID) && euid != c.uid && euid != c.euid && euid != c.suid) {
            throw SysErr.of(Errno.EPERM);
        }
        int oldFsuid = c.fsuid;
        changeEuid(c, euid);
        c.fsuid = euid;
        fixFsCaps(c, oldFsuid);
        return SysResult.ok(0);
    }

    /** cap_emulate_setxuid(): leaving euid 0 drops the effective set; returning restores it. */
    private static void changeEuid(Cred c, int euid) {
        int old = c.euid;
        c.euid = euid;
        if (old == 0 && euid != 0) {
            c.capEffective = 0;
        } else if (old != 0 && euid == 0) {
            c.capEffective = c.capPermitted;
        }
    }

    /** setfsuid(): always returns the previous fsuid; changes it only when permitted. */
    public SysResult setfsuid(Task t, int fsuid) {
        Cred c = t.group().cred;
        int old = c.fsuid;
        boolean allowed = fsuid == c.uid || fsuid == c.euid || fsuid == c.suid || fsuid == c.fsuid
            || c.capable(Capabilities.CAP_SETUID);
        if (allowed && fsuid != old) {
            c.fsuid = fsuid;
            fixFsCaps(c, old);
        }
        return SysResult.ok(old);
    }

    /** Moving fsuid away from 0 drops CAP_FS_MASK from the effective set; back to 0 restores it. */
    private static void fixFsCaps(Cred c, int oldFsuid) {
        if (oldFsuid == 0 && c.fsuid != 0) {
            c.capEffective &= ~Capabilities.FS_MASK;
        } else if (oldFsuid != 0 && c.fsuid == 0) {
            c.capEffective |= c.capPermitted & Capabilities.FS_MASK;
        }
    }

    /** setpgid(2): only oneself or a child of the same session that has not exec'd; EPERM/ESRCH/EACCES otherwise. */
    public SysResult setpgid(Task t, int pid, int pgid) {
        ThreadGroup self = t.group();
        ThreadGroup g = pid == 0 ? self : k.group(pid);
        if (pgid < 0) {
            throw SysErr.of(Errno.EINVAL);
        }
        if (g == null || (g != self && g.parentTgid != self.tgid())) {
            throw SysErr.of(Errno.ESRCH);
        }
        if (g != self && g.sid != self.sid) {
            throw SysErr.of(Errno.EPERM);
        }
        if (g != self && g.execed) {
            throw SysErr.of(Errno.EACCES);
        }
        if (g.sid == g.tgid()) {
            throw SysErr.of(Errno.EPERM);
        }
        int newPgid = pgid == 0 ? g.tgid() : pgid;
        if (newPgid != g.tgid() && k.liveGroups().stream().noneMatch(o -> o.pgid == newPgid && o.sid == self.sid)) {
            throw SysErr.of(Errno.EPERM);
        }
        g.pgid = newPgid;
        return SysResult.ok(0);
    }

    public SysResult getpgid(Task t, int pid) {
        ThreadGroup g = pid == 0 ? t.group() : k.group(pid);
        if (g == null) {
            throw SysErr.of(Errno.ESRCH);
        }
        return SysResult.ok(g.pgid);
    }
}
