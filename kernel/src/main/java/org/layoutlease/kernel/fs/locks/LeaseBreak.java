package org.layoutlease.kernel.fs.locks;

import java.util.ArrayList;
import org.layoutlease.kernel.Wait;
import org.layoutlease.kernel.sched.Scheduler;

/**
 * The wait loop of __break_lease() (fs/locks.c), from its {@code restart:} label on: block on
 * the first lease of the inode, sleep until woken or until that lease's unlock deadline, then
 * expire leases (after a timeout) and start again while anything still conflicts.
 *
 * <p>Timing without jiffies (SCENARIO-LANGUAGE.md §3): when the first lease has an unlock
 * deadline the breaker sleeps until exactly that deadline unless woken. When it has none (a
 * downgrade is pending, or lease-break-time &lt;= 0) Linux polls every jiffy; here the breaker
 * re-checks at every lease state change on the inode and at the inode's next pending deadline,
 * and each such re-check is treated as the timeout Linux's poll would be.
 *
 * <p>The blocked tree (flc_blocker / flc_blocked_requests) is maintained here too: a breaker
 * that conflicts with a breaker already waiting queues behind that one, one level deeper.
 */
final class LeaseBreak implements Wait {
    private final Leases leases;
    private final FileLockContext ctx;
    private final FileLease breaker;
    private boolean polling;

    LeaseBreak(Leases leases, FileLockContext ctx, FileLease breaker) {
        assert breaker.isBreaker();
        this.leases = leases;
        this.ctx = ctx;
        this.breaker = breaker;
    }

    @Override
    public Step step(boolean timedOut) {
        // A poll wake-up is Linux's one-jiffy timeout, so it expires leases as a timeout does.
        boolean expire = timedOut || polling;
        stopPolling();
        while (true) {
            if (expire) {
                leases.timeOutLeases(ctx);
            }
            if (!leases.anyConflict(ctx, breaker)) {
                deleteBlock(leases.scheduler(), breaker);
                return DONE;
            }
            FileLease first = ctx.first();
            long deadline = first.breakTimeNanos;
            boolean poll = deadline == FileLease.NO_DEADLINE;
            if (poll) {
                deadline = ctx.nextDeadline();
            }
            if (deadline != FileLease.NO_DEADLINE && deadline <= leases.nowNanos()) {
                // Already due: the sleep would time out at once.
                expire = true;
                continue;
            }
            blockOn(first);
            if (poll) {
                polling = true;
                ctx.addPoller(breaker);
            }
            return new Sleep(breaker.wait, deadline);
        }
    }

    /** The breaker gave up (EINTR, death): out of the blocked tree, its own waiters re-check. */
    @Override
    public void cancel() {
        stopPolling();
        deleteBlock(leases.scheduler(), breaker);
    }

    private void stopPolling() {
        if (polling) {
            polling = false;
            ctx.removePoller(breaker);
        }
    }

    /**
     * locks_insert_block() on {@code first}, after __locks_delete_block(). A breaker still
     * waiting in the tree of the same lease keeps its place, so the order of /proc/locks stays
     * the order in which the breakers blocked.
     */
    private void blockOn(FileLease first) {
        if (breaker.blocker != null && breaker.root() == first) {
            return;
        }
        deleteBlock(leases.scheduler(), breaker);
        insertBlock(first, breaker);
    }

    /** __locks_insert_block(): descend to a waiter that conflicts with the new one, append there. */
    static void insertBlock(FileLease blocker, FileLease waiter) {
        assert waiter.blocker == null : "waiter already blocked";
        FileLease at = blocker;
        boolean descended = true;
        while (descended) {
            descended = false;
            if (at.hasWaiters()) {
                for (FileLease w : at.blocked) {
                    if (LeaseConflicts.leasesConflict(w, waiter)) {
                        at = w;
                        descended = true;
                        break;
                    }
                }
            }
        }
        if (at.blocked == null) {
            at.blocked = new ArrayList<>(2);
        }
        at.blocked.add(waiter);
        waiter.blocker = at;
    }

    /** __locks_delete_block(): leave the blocker's list and wake the breakers queued behind us. */
    static void deleteBlock(Scheduler scheduler, FileLease waiter) {
        if (waiter.blocker != null) {
            waiter.blocker.blocked.remove(waiter);
            waiter.blocker = null;
        }
        wakeUpBlocks(scheduler, waiter);
    }

    /** locks_wake_up_blocks(): every direct waiter is unlinked and woken to re-check. */
    static void wakeUpBlocks(Scheduler scheduler, FileLease blocker) {
        if (!blocker.hasWaiters()) {
            return;
        }
        for (FileLease w : blocker.blocked) {
            w.blocker = null;
            scheduler.wakeAll(w.wait);
        }
        blocker.blocked.clear();
    }
}
