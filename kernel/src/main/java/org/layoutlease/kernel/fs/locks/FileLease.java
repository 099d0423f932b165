package org.layoutlease.kernel.fs.locks;

import java.util.ArrayList;
import org.layoutlease.kernel.fs.File;
import org.layoutlease.kernel.sched.WaitQueue;
import org.layoutlease.kernel.uapi.Uapi;

/**
 * One lease or lease breaker: struct file_lease with its struct file_lock_core (fs/locks.c).
 *
 * <p>A lease belongs to an open file description: {@code file} is both flc_file and flc_owner,
 * so dup'd, inherited and SCM_RIGHTS-passed descriptors all reach the same lease. A breaker is
 * the pseudo-lease __break_lease() allocates for the task that waits: it has no file, it hangs
 * in the blocked tree of the lease it waits on, and it has its own wait queue (flc_wait).
 *
 * <p>Ownership: a lease is on its inode's {@link FileLockContext} list and on the global
 * /proc/locks list from insertion until lease_modify(F_UNLCK); a breaker is owned by its
 * {@link LeaseBreak} and is linked into a blocked tree only while its task sleeps.
 */
public final class FileLease {
    /** fl_break_time / fl_downgrade_time of 0 in Linux: this deadline never passes. */
    public static final long NO_DEADLINE = -1;

    // flc_flags bits, with Linux's values (include/linux/filelock.h; FL_EXCLUSIVE is the 2019 proposal's).
    public static final int FL_LEASE = 32;
    public static final int FL_DOWNGRADE_PENDING = 256;
    public static final int FL_UNLOCK_PENDING = 512;
    public static final int FL_LAYOUT = 2048;
    public static final int FL_EXCLUSIVE = 4096;
    /**
     * Simulator-only breaker bit: exclusive layout leases do not conflict with this layout
     * breaker (the policy let the change pass them, Policy#exclusiveLayoutRefusal).
     */
    static final int FL_PASSES_EXCLUSIVE = 1 << 24;
    static final int PENDING = FL_UNLOCK_PENDING | FL_DOWNGRADE_PENDING;

    /** flc_file and flc_owner; null for a breaker. */
    final File file;
    /** flc_type: F_RDLCK or F_WRLCK (F_UNLCK only on the way out). */
    int type;
    /** flc_flags: the kind (FL_LEASE, FL_LAYOUT, FL_EXCLUSIVE) and the pending-break bits. */
    int flags;
    /** flc_pid: the tgid of the task that took the lease (or that breaks), kept after it exits. */
    final int pid;
    /** The taker's name, for invariant explanations after it has exited. */
    final String takerName;
    long breakTimeNanos = NO_DEADLINE;
    long downgradeTimeNanos = NO_DEADLINE;
    /** fa_fd of the lease's fasync entry: the si_fd its break signal carries. */
    int fasyncFd;

    /** Whether a break notification of the current break reached a live process (silent-revoke). */
    boolean notified;
    /** Why the last break notification reached nobody. */
    String silenceReason;

    // flc_list on the inode's context (oldest first) and flc_link on the global list (newest first).
    FileLockContext ctx;
    FileLease ctxPrev;
    FileLease ctxNext;
    FileLease globalOlder;
    FileLease globalNewer;

    /** flc_blocker: the lease or breaker this breaker waits behind; null when not blocked. */
    FileLease blocker;
    /** flc_blocked_requests, in blocking order; allocated on the first waiter. */
    ArrayList<FileLease> blocked;
    /** flc_wait: a breaker sleeps here; null for a lease. */
    final WaitQueue wait;

    private FileLease(File file, int type, int flags, int pid, String takerName, WaitQueue wait) {
        assert type == Uapi.F_RDLCK || type == Uapi.F_WRLCK : "lease type " + type;
        this.file = file;
        this.type = type;
        this.flags = flags;
        this.pid = pid;
        this.takerName = takerName;
        this.wait = wait;
    }

    /** lease_alloc(filp, flags, type) for F_SETLEASE. */
    static FileLease lease(File file, int type, int flags, int pid, String takerName) {
        assert file != null;
        return new FileLease(file, type, flags, pid, takerName, null);
    }

    /** The breaker pseudo-lease of __break_lease(): no file, the breaker's tgid, its own wait queue. */
    static FileLease breaker(int type, int flags, int pid, String name) {
        return new FileLease(null, type, flags, pid, name, new WaitQueue());
    }

    public File file() {
        return file;
    }

    public int type() {
        return type;
    }

    public int flags() {
        return flags;
    }

    public int pid() {
        return pid;
    }

    public boolean isBreaker() {
        return file == null;
    }

    public boolean isLayout() {
        return (flags & FL_LAYOUT) != 0;
    }

    public boolean isExclusive() {
        return (flags & FL_EXCLUSIVE) != 0;
    }

    /** lease_breaking(): a downgrade or an unlock is pending. */
    public boolean isBreaking() {
        return (flags & PENDING) != 0;
    }

    /** target_leasetype(): what the lease will become once the pending break completes. */
    public int targetType() {
        if ((flags & FL_UNLOCK_PENDING) != 0) {
            return Uapi.F_UNLCK;
        }
        if ((flags & FL_DOWNGRADE_PENDING) != 0) {
            return Uapi.F_RDLCK;
        }
        return type;
    }

    /** lease_clear_pending(): F_UNLCK clears both bits, F_RDLCK the downgrade bit. */
    void clearPending(int arg) {
        if (arg == Uapi.F_UNLCK) {
            flags &= ~PENDING;
        } else if (arg == Uapi.F_RDLCK) {
            flags &= ~FL_DOWNGRADE_PENDING;
        }
        if (!isBreaking()) {
            // The break is over: a later break is a new one, notified afresh.
            notified = false;
            silenceReason = null;
        }
    }

    /** The top of the blocked tree this breaker hangs in (the lease it waits on), or null. */
    FileLease root() {
        FileLease r = blocker;
        while (r != null && r.blocker != null) {
            r = r.blocker;
        }
        return r;
    }

    /** Whether time_out_leases can ever act on this lease (a deadline was set and is kept). */
    boolean hasDeadline() {
        return breakTimeNanos != NO_DEADLINE || downgradeTimeNanos != NO_DEADLINE;
    }

    boolean hasWaiters() {
        return blocked != null && !blocked.isEmpty();
    }

    @Override
    public String toString() {
        return (isBreaker() ? "breaker" : "lease") + "(" + LeaseRender.typeName(type) + ", pid " + pid
            + (file != null ? ", " + file : "") + ")";
    }
}
