package org.layoutlease.kernel.fs.locks;

import java.util.ArrayList;
import org.layoutlease.kernel.fs.File;
import org.layoutlease.kernel.sched.Scheduler;

/**
 * An inode's lock context (struct file_lock_context, i_flctx): its lease list, oldest first, as
 * flc_lease is. Allocated on the inode's first lease and kept for the inode's life, as Linux
 * does, so the break_lease() fast path is one null check and one field read.
 *
 * <p>It also keeps the breakers that poll: Linux re-checks a lease with no unlock deadline
 * every jiffy; the simulator has no jiffies, so such a breaker is woken at every change of lease
 * state on this inode instead (SCENARIO-LANGUAGE.md §3).
 */
public final class FileLockContext {
    /** Most leases one inode may carry: a limit, not a Linux rule (Linux is bounded by memory). */
    public static final int MAX_LEASES_PER_INODE = 1 << 16;

    FileLease head;
    FileLease tail;
    private int count;
    /** Leases here with a deadline, so that time_out_leases skips inodes where none can expire. */
    int leasesWithDeadline;
    /** Breakers sleeping without an unlock deadline; null until the first. */
    private ArrayList<FileLease> pollers;

    /** Whether the inode has any lease (list_empty_careful(&ctx->flc_lease) negated). */
    public boolean hasLeases() {
        return head != null;
    }

    public int count() {
        return count;
    }

    /** The first (oldest) lease, the one a breaker blocks on; null when empty. */
    FileLease first() {
        return head;
    }

    /** locks_insert_lock_ctx(): append, as list_add_tail does. */
    void append(FileLease fl) {
        assert fl.ctx == null : "lease already on a list";
        if (count >= MAX_LEASES_PER_INODE) {
            throw new IllegalStateException("more than " + MAX_LEASES_PER_INODE + " leases on one inode");
        }
        fl.ctx = this;
        fl.ctxPrev = tail;
        fl.ctxNext = null;
        if (tail == null) {
            head = fl;
        } else {
            tail.ctxNext = fl;
        }
        tail = fl;
        count++;
    }

    /** locks_unlink_lock_ctx(). */
    void unlink(FileLease fl) {
        assert fl.ctx == this : "lease not on this list";
        if (fl.ctxPrev == null) {
            head = fl.ctxNext;
        } else {
            fl.ctxPrev.ctxNext = fl.ctxNext;
        }
        if (fl.ctxNext == null) {
            tail = fl.ctxPrev;
        } else {
            fl.ctxNext.ctxPrev = fl.ctxPrev;
        }
        if (fl.hasDeadline()) {
            leasesWithDeadline--;
        }
        fl.ctx = null;
        fl.ctxPrev = null;
        fl.ctxNext = null;
        count--;
        assert count >= 0 && leasesWithDeadline >= 0;
    }

    /** The first lease of {@code f} (flc_file == filp), or null. */
    FileLease leaseOf(File f) {
        for (FileLease fl = head; fl != null; fl = fl.ctxNext) {
            if (fl.file == f) {
                return fl;
            }
        }
        return null;
    }

    /** The earliest pending deadline of any lease here, or {@link FileLease#NO_DEADLINE}. */
    long nextDeadline() {
        long next = FileLease.NO_DEADLINE;
        for (FileLease fl = head; fl != null; fl = fl.ctxNext) {
            if ((fl.flags & FileLease.FL_DOWNGRADE_PENDING) != 0) {
                next = earlier(next, fl.downgradeTimeNanos);
            }
            if ((fl.flags & FileLease.FL_UNLOCK_PENDING) != 0) {
                next = earlier(next, fl.breakTimeNanos);
            }
        }
        return next;
    }

    private static long earlier(long a, long b) {
        if (a == FileLease.NO_DEADLINE) {
            return b;
        }
        return b == FileLease.NO_DEADLINE ? a : Math.min(a, b);
    }

    int pollerCount() {
        return pollers == null ? 0 : pollers.size();
    }

    void addPoller(FileLease breaker) {
        if (pollers == null) {
            pollers = new ArrayList<>(2);
        }
        assert !pollers.contains(breaker);
        pollers.add(breaker);
    }

    void removePoller(FileLease breaker) {
        if (pollers != null) {
            pollers.remove(breaker);
        }
    }

    /** Lease state changed here: every polling breaker re-checks (its one-jiffy poll). */
    void stateChanged(Scheduler scheduler) {
        if (pollers == null) {
            return;
        }
        for (int i = 0; i < pollers.size(); i++) {
            scheduler.wakeAll(pollers.get(i).wait);
        }
    }
}
