package org.layoutlease.kernel.fs;

import org.layoutlease.kernel.uapi.Uapi;

/**
 * The signal owner of an open file (struct fown_struct): who receives SIGIO or the F_SETSIG
 * signal, and the credentials of whoever set it (sigio_perm checks those, not the target's).
 */
public final class FOwner {
    /** The pid, tgid or pgid the owner names; 0 means no owner. */
    public int pid;
    /** F_OWNER_TID, F_OWNER_PID or F_OWNER_PGRP. */
    public int type = Uapi.F_OWNER_PID;
    public int signum;
    public int setterUid;
    public int setterEuid;

    public boolean isSet() {
        return pid != 0;
    }

    public void clear() {
        pid = 0;
        type = Uapi.F_OWNER_PID;
    }
}
