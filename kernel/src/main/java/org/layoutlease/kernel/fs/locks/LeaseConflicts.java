package org.layoutlease.kernel.fs.locks;

import static org.layoutlease.kernel.fs.locks.FileLease.FL_LAYOUT;

import org.layoutlease.kernel.fs.File;
import org.layoutlease.kernel.fs.Inode;
import org.layoutlease.kernel.uapi.Uapi;

/**
 * Who conflicts with whom: leases_conflict(), locks_conflict() and check_conflicting_open()
 * (fs/locks.c). The one place these decisions are made. nfsd delegations (FL_DELEG) and
 * lm_breaker_owns_lease are not modelled, so their two early exits are absent.
 */
final class LeaseConflicts {
    private LeaseConflicts() {
    }

    /**
     * leases_conflict(lease, breaker): the FL_LAYOUT bits must match (a layout breaker sees only
     * layout leases, an open or truncate only plain ones), then locks_conflict() on the types.
     * There is no owner check: a process conflicts with its own lease.
     */
    static boolean leasesConflict(FileLease lease, int breakerFlags, int breakerType) {
        if ((breakerFlags & FL_LAYOUT) != (lease.flags & FL_LAYOUT)) {
            return false;
        }
        if ((breakerFlags & FileLease.FL_PASSES_EXCLUSIVE) != 0 && lease.isExclusive()) {
            return false;
        }
        return locksConflict(breakerType, lease.type);
    }

    static boolean leasesConflict(FileLease lease, FileLease breaker) {
        return leasesConflict(lease, breaker.flags, breaker.type);
    }

    /** locks_conflict(): two locks conflict when either is a write lock. */
    static boolean locksConflict(int callerType, int existingType) {
        return callerType == Uapi.F_WRLCK || existingType == Uapi.F_WRLCK;
    }

    /**
     * check_conflicting_open(): a read lease needs no writer (the caller's own writable open
     * counts); a write lease needs this open file to be the inode's only counted open. A
     * negative write count (the file is being executed) refuses a write lease. Layout leases
     * skip the check.
     */
    static boolean conflictingOpen(File filp, int type, int leaseFlags) {
        if ((leaseFlags & FL_LAYOUT) != 0) {
            return false;
        }
        Inode inode = filp.inode();
        if (type == Uapi.F_RDLCK) {
            return inode.writeCount > 0;
        }
        if (type != Uapi.F_WRLCK) {
            return false;
        }
        int selfWrite = filp.canWrite() ? 1 : 0;
        int selfRead = !filp.canWrite() && filp.canRead() ? 1 : 0;
        return inode.writeCount != selfWrite || inode.readCount != selfRead;
    }
}
