package org.layoutlease.kernel.fs;

import org.layoutlease.kernel.uapi.Uapi;

/**
 * The signal owner of an open file (struct fown_struct): who receives SIGIO or the F_SETSIG
 * signal, and the credentials of whoever set it (sigio_perm checks those, not the target's).
 *
 * <p>Immutable, so that files with the same owner can share one: a process holding a million
 * leases set them all itself, and a copy per file would cost 32 MB (see
 * {@link org.layoutlease.kernel.sched.ThreadGroup#shareOwner}). A change replaces the file's
 * {@code owner} with a new value.
 */
public final class FOwner {
    /** No owner: what a new file starts with, and what F_UNLCK of a lease goes back to. */
    public static final FOwner NONE = new FOwner(0, Uapi.F_OWNER_PID, 0, 0, 0);

    /** The pid, tgid or pgid the owner names; 0 means no owner. */
    public final int pid;
    /** F_OWNER_TID, F_OWNER_PID or F_OWNER_PGRP. */
    public final int type;
    public final int signum;
    public final int setterUid;
    public final int setterEuid;

    private FOwner(int pid, int type, int signum, int setterUid, int setterEuid) {
        assert pid != 0 || type == Uapi.F_OWNER_PID : "an unset owner has type F_OWNER_PID";
        this.pid = pid;
        this.type = type;
        this.signum = signum;
        this.setterUid = setterUid;
        this.setterEuid = setterEuid;
    }

    public boolean isSet() {
        return pid != 0;
    }

    /** __f_setown(): the named owner and its setter's ids; the F_SETSIG signal is kept. */
    public FOwner withOwner(int newPid, int newType, int uid, int euid) {
        return new FOwner(newPid, newPid == 0 ? Uapi.F_OWNER_PID : newType, signum, uid, euid);
    }

    /** F_SETSIG. */
    public FOwner withSignum(int newSignum) {
        return new FOwner(pid, type, newSignum, setterUid, setterEuid);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FOwner x && x.pid == pid && x.type == type && x.signum == signum
            && x.setterUid == setterUid && x.setterEuid == setterEuid;
    }

    @Override
    public int hashCode() {
        return ((((pid * 31) + type) * 31 + signum) * 31 + setterUid) * 31 + setterEuid;
    }
}
