package org.layoutlease.kernel.fs.locks;

import static org.layoutlease.kernel.uapi.Uapi.F_RDLCK;
import static org.layoutlease.kernel.uapi.Uapi.F_UNLCK;
import static org.layoutlease.kernel.uapi.Uapi.F_WRLCK;

import java.util.ArrayList;
import java.util.List;
import org.layoutlease.kernel.Kernel;
import org.layoutlease.kernel.KernelEvent;
import org.layoutlease.kernel.Wait;
import org.layoutlease.kernel.fs.FOwner;
import org.layoutlease.kernel.fs.Fcntl;
import org.layoutlease.kernel.fs.File;
import org.layoutlease.kernel.fs.Inode;
import org.layoutlease.kernel.sched.Scheduler;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.sched.ThreadGroup;
import org.layoutlease.kernel.uapi.Capabilities;
import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.SysErr;
import org.layoutlease.kernel.uapi.SysResult;
import org.layoutlease.kernel.uapi.Uapi;

/**
 * File leases (fs/locks.c): fcntl_setlease/fcntl_getlease, __break_lease's first pass,
 * lease_modify, time_out_leases, lease_break_callback and locks_remove_lease. Every change of
 * lease state goes through {@link #leaseModify}, which wakes the breakers that wait on it.
 *
 * <p>Layout leases (FL_LAYOUT, SYSTEM.md §2.3-§2.7) share the list and every path here; only
 * break_layout() sees them, and an exclusive one is never broken: the break fails instead.
 *
 * <p>Expiry is lazy, as in Linux: a passed deadline takes effect only when __break_lease,
 * F_SETLEASE or F_GETLEASE next runs time_out_leases. No timer belongs to a lease; a blocked
 * breaker's sleep deadline is what brings the next time_out_leases.
 */
public final class Leases implements LeaseOps, LayoutLeases {
    public static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** fs.lease-break-time is an int in Linux; larger values are clamped to it. */
    public static final long MAX_BREAK_TIME_SECONDS = Integer.MAX_VALUE;
    /** Most leases in the whole system: a limit, not a Linux rule. */
    public static final int MAX_LEASES = 1 << 20;

    private static final SysResult OK = SysResult.ok(0);
    private static final SysResult[] LEASE_TYPE_RESULTS = {
        SysResult.ok(F_RDLCK), SysResult.ok(F_WRLCK), SysResult.ok(F_UNLCK),
    };
    private static final SysResult LAYOUT_RESULT = SysResult.ok(Uapi.F_LAYOUT);
    private static final Wait FAIL_EAGAIN = timedOut -> new Wait.Fail(Errno.EAGAIN);
    private static final Wait FAIL_ETXTBSY = timedOut -> new Wait.Fail(Errno.ETXTBSY);
    private static final Wait FAIL_EDEADLOCK = timedOut -> new Wait.Fail(Errno.EDEADLOCK);

    private final Kernel kernel;
    /** Head of the global lock list (file_lock_list): the newest lease. */
    private FileLease newest;
    private int leaseCount;

    public Leases(Kernel kernel) {
        this.kernel = kernel;
    }

    Scheduler scheduler() {
        return kernel.scheduler;
    }

    long nowNanos() {
        return kernel.clock.nowNanos();
    }

    // ------------------------------------------------------------------ break_lease

    @Override
    public boolean hasLeases(Inode inode) {
        FileLockContext ctx = inode.lockContext;
        return ctx != null && ctx.head != null;
    }

    @Override
    public Wait breakLease(Task breaker, Inode inode, int openFlags) {
        if (!hasLeases(inode)) {
            return Wait.NONE;
        }
        return breakLease(breaker, inode, openFlags, FileLease.FL_LEASE);
    }

    /** break_layout(inode, wait) = __break_lease(inode, O_WRONLY[|O_NONBLOCK], FL_LAYOUT). */
    @Override
    public Wait breakLayout(Task breaker, Inode inode, boolean nonblock) {
        if (!hasLeases(inode)) {
            return Wait.NONE;
        }
        return breakLayout(breaker, inode, nonblock, true);
    }

    /**
     * break_layout() with the pin check done: when the policy lets an exclusive lease pass a
     * change that touches no long-term pinned block, the breaker does not conflict with
     * exclusive leases at all (neither refused by them nor waiting on them).
     */
    @Override
    public Wait breakLayout(Task breaker, Inode inode, boolean nonblock, boolean touchesLongtermPins) {
        if (!hasLeases(inode)) {
            return Wait.NONE;
        }
        var policy = kernel.policy();
        boolean passes = policy.exclusiveLayoutRefusal(false, touchesLongtermPins) == null
            && policy.exclusiveLayoutRefusal(true, touchesLongtermPins) == null;
        int flags = FileLease.FL_LAYOUT | (passes ? FileLease.FL_PASSES_EXCLUSIVE : 0);
        return breakLease(breaker, inode, Uapi.O_WRONLY | (nonblock ? Uapi.O_NONBLOCK : 0), flags);
    }

    /**
     * The first pass of __break_lease(): expire leases, mark every conflicting lease (once per
     * break level) and notify its holder, then fail with ETXTBSY or EDEADLOCK if an exclusive
     * layout lease refused, with EAGAIN under O_NONBLOCK, or return the wait loop. The marks and
     * their deadlines stay when the caller gives up or the break fails.
     */
    private Wait breakLease(Task task, Inode inode, int mode, int breakerFlags) {
        FileLockContext ctx = inode.lockContext;
        assert ctx != null : "break_lease without a lock context";
        int type = (mode & Uapi.O_ACCMODE) != Uapi.O_RDONLY ? F_WRLCK : F_RDLCK;
        timeOutLeases(ctx);
        if (!anyConflict(ctx, breakerFlags, type)) {
            return Wait.NONE;
        }
        Errno refused = markConflicting(ctx, breakerFlags, type, breakDeadline(), task.tgid());
        if (refused != null) {
            return refused == Errno.EDEADLOCK ? FAIL_EDEADLOCK : FAIL_ETXTBSY;
        }
        if (!ctx.hasLeases()) {
            return Wait.NONE;
        }
        if ((mode & Uapi.O_NONBLOCK) != 0) {
            return FAIL_EAGAIN;
        }
        FileLease b = FileLease.breaker(type, breakerFlags, task.tgid(), task.group().name());
        return new LeaseBreak(this, ctx, b);
    }

    /** jiffies + lease_break_time * HZ, or no deadline at all when lease-break-time <= 0. */
    private long breakDeadline() {
        long seconds = kernel.sysctl.leaseBreakTimeSeconds;
        if (seconds <= 0) {
            return FileLease.NO_DEADLINE;
        }
        return nowNanos() + Math.min(seconds, MAX_BREAK_TIME_SECONDS) * NANOS_PER_SECOND;
    }

    /**
     * The marking loop of __break_lease(): each lease is notified once per break level.
     *
     * <p>An exclusive layout lease (v2, SYSTEM.md §2.6) is never marked nor notified: it makes
     * the break fail with ETXTBSY, or with EDEADLOCK when {@code breakerTgid} took it. [code] The
     * scan goes on after someone else's exclusive lease, so that the breaker's own one further on
     * still gives EDEADLOCK and the plain layout leases met are still marked and notified; it
     * stops at the breaker's own (v2's {@code goto out}), leaving later leases unmarked.
     *
     * @return null when every conflicting lease was (or already is) being broken, else the
     *     errno of the refusal
     */
    private Errno markConflicting(FileLockContext ctx, int breakerFlags, int type, long deadline, int breakerTgid) {
        boolean changed = false;
        Errno refused = null;
        for (FileLease fl = ctx.head; fl != null; fl = fl.ctxNext) {
            if (!LeaseConflicts.leasesConflict(fl, breakerFlags, type)) {
                continue;
            }
            if (fl.isExclusive()) {
                refused = kernel.policy().exclusiveLayoutRefusal(fl.pid == breakerTgid, true);
                if (refused == Errno.EDEADLOCK) {
                    break;
                }
                continue;
            }
            if (markForBreak(fl, type, deadline)) {
                leaseBreakCallback(fl);
                changed = true;
            }
        }
        if (changed) {
            ctx.stateChanged(kernel.scheduler);
        }
        return refused;
    }

    /**
     * A write breaker asks for unlock unless that is already pending; a read breaker asks for a
     * downgrade only of a lease not already breaking. Returns whether the lease was marked.
     */
    private static boolean markForBreak(FileLease fl, int type, long deadline) {
        if (type == F_WRLCK) {
            if ((fl.flags & FileLease.FL_UNLOCK_PENDING) != 0) {
                return false;
            }
            fl.flags |= FileLease.FL_UNLOCK_PENDING;
            setDeadline(fl, true, deadline);
        } else {
            if (fl.isBreaking()) {
                return false;
            }
            fl.flags |= FileLease.FL_DOWNGRADE_PENDING;
            setDeadline(fl, false, deadline);
        }
        return true;
    }

    /** Sets fl_break_time or fl_downgrade_time, keeping the context's count of timed leases. */
    private static void setDeadline(FileLease fl, boolean unlock, long deadline) {
        boolean had = fl.hasDeadline();
        if (unlock) {
            fl.breakTimeNanos = deadline;
        } else {
            fl.downgradeTimeNanos = deadline;
        }
        fl.ctx.leasesWithDeadline += (fl.hasDeadline() ? 1 : 0) - (had ? 1 : 0);
    }

    /** lease_break_callback() → kill_fasync(SIGIO, POLL_MSG): signal the file's owner. */
    private void leaseBreakCallback(FileLease fl) {
        List<ThreadGroup> sent = fl.isLayout() && kernel.policy().layoutBreakNotifiesAllHolders()
            ? notifyAllHolders(fl)
            : kernel.sub().fasync.sendSigio(fl.file, fl.fasyncFd);
        if (!sent.isEmpty()) {
            fl.notified = true;
        } else if (!fl.notified) {
            fl.silenceReason = silenceReason(fl);
        }
    }

    /**
     * A plain layout lease's break under a policy that notifies every holder: each live process
     * holding a descriptor for the leased open file, with its own lowest such fd in si_fd, then
     * each live process holding a descriptor for an object owning pins through the lease.
     */
    private List<ThreadGroup> notifyAllHolders(FileLease fl) {
        List<File> targets = new ArrayList<>();
        targets.add(fl.file);
        var filePins = kernel.sub().pins.filePins();
        if (filePins != null) {
            targets.addAll(filePins.ownersOf(fl.file));
        }
        List<ThreadGroup> sent = new ArrayList<>();
        List<ThreadGroup> groups = new ArrayList<>(kernel.liveGroups());
        groups.sort(java.util.Comparator.comparingInt(ThreadGroup::tgid));
        for (File target : targets) {
            for (ThreadGroup g : groups) {
                int fd = g.files.fdOf(target);
                if (fd >= 0 && !sent.contains(g)) {
                    kernel.sub().fasync.sendSigioTo(g, fl.file, fd);
                    sent.add(g);
                }
            }
        }
        return sent;
    }

    /** any_leases_conflict(). */
    boolean anyConflict(FileLockContext ctx, FileLease breaker) {
        return anyConflict(ctx, breaker.flags, breaker.type);
    }

    private static boolean anyConflict(FileLockContext ctx, int breakerFlags, int type) {
        for (FileLease fl = ctx.head; fl != null; fl = fl.ctxNext) {
            if (LeaseConflicts.leasesConflict(fl, breakerFlags, type)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ state changes

    /**
     * time_out_leases(): a passed downgrade deadline makes the lease a read lease, a passed
     * unlock deadline removes it. Linux never resets fl_downgrade_time, so a lease upgraded again
     * after its downgrade deadline is downgraded again here; repeating a downgrade that changes
     * nothing is skipped (it would only wake breakers for nothing).
     */
    void timeOutLeases(FileLockContext ctx) {
        if (ctx.leasesWithDeadline == 0) {
            return;
        }
        long now = nowNanos();
        FileLease next;
        for (FileLease fl = ctx.head; fl != null; fl = next) {
            next = fl.ctxNext;
            if (past(fl.downgradeTimeNanos, now)
                && (fl.type == F_WRLCK || (fl.flags & FileLease.FL_DOWNGRADE_PENDING) != 0)) {
                leaseModify(fl, F_RDLCK);
            }
            if (past(fl.breakTimeNanos, now)) {
                reportSilentRevoke(fl, "timeout");
                leaseModify(fl, F_UNLCK);
            }
        }
    }

    private static boolean past(long deadline, long now) {
        return deadline != FileLease.NO_DEADLINE && now >= deadline;
    }

    /**
     * lease_modify(): set the type, clear the pending bits it answers, wake the breakers
     * waiting on the lease. F_UNLCK also clears the file's owner, its F_SETSIG signal and
     * O_ASYNC (f_delown, signum = 0, fasync_helper), then deletes the lease.
     */
    void leaseModify(FileLease fl, int arg) {
        FileLockContext ctx = fl.ctx;
        assert ctx != null : "lease_modify on a deleted lease";
        fl.type = arg;
        fl.clearPending(arg);
        LeaseBreak.wakeUpBlocks(kernel.scheduler, fl);
        if (arg == F_UNLCK) {
            File f = fl.file;
            f.owner = FOwner.NONE;
            f.flags &= ~Uapi.O_ASYNC;
            delete(fl);
        }
        ctx.stateChanged(kernel.scheduler);
    }

    private void insert(FileLockContext ctx, FileLease fl) {
        if (leaseCount >= MAX_LEASES) {
            throw new IllegalStateException("more than " + MAX_LEASES + " leases");
        }
        ctx.append(fl);
        fl.globalOlder = newest;
        if (newest != null) {
            newest.globalNewer = fl;
        }
        newest = fl;
        leaseCount++;
    }

    /** locks_delete_lock_ctx(): off the inode's list and the global list. */
    private void delete(FileLease fl) {
        assert !fl.hasWaiters() : "deleting a lease with waiters";
        fl.ctx.unlink(fl);
        if (fl.globalNewer == null) {
            newest = fl.globalOlder;
        } else {
            fl.globalNewer.globalOlder = fl.globalOlder;
        }
        if (fl.globalOlder != null) {
            fl.globalOlder.globalNewer = fl.globalNewer;
        }
        fl.globalOlder = null;
        fl.globalNewer = null;
        leaseCount--;
    }

    // ------------------------------------------------------------------ silent revoke

    /** Invariant silent-revoke: a lease goes by force and no live process was told about it. */
    private void reportSilentRevoke(FileLease fl, String how) {
        if (fl.notified) {
            return;
        }
        String why = fl.silenceReason != null ? fl.silenceReason : "nobody was signalled";
        kernel.emit(new KernelEvent.Invariant(nowNanos(), "silent-revoke",
            LeaseRender.kindName(fl) + " lease on " + fl.file.path() + " (taken by "
                + fl.takerName + ", pid " + fl.pid + ") revoked at " + how + "; " + why));
    }

    /** Why send_sigio() reached no live process for this lease's file. */
    private String silenceReason(FileLease fl) {
        FOwner o = fl.file.owner;
        if (!o.isSet()) {
            return "the file has no signal owner, nobody was signalled";
        }
        String who = ownerName(fl, o);
        boolean alive = switch (o.type) {
            case Uapi.F_OWNER_TID -> kernel.task(o.pid) != null;
            case Uapi.F_OWNER_PGRP -> anyInGroup(o.pid);
            default -> kernel.task(o.pid) != null || kernel.group(o.pid) != null;
        };
        if (!alive) {
            return "its owner " + who + " has exited, nobody was signalled";
        }
        return "sigio_perm dropped the signal to its owner " + who;
    }

    private String ownerName(FileLease fl, FOwner o) {
        if (o.type == Uapi.F_OWNER_PGRP) {
            return "process group " + o.pid;
        }
        Task t = kernel.task(o.pid);
        if (t != null) {
            return t.name();
        }
        return o.pid == fl.pid ? fl.takerName : "pid " + o.pid;
    }

    private boolean anyInGroup(int pgid) {
        for (ThreadGroup g : kernel.liveGroups()) {
            if (g.pgid == pgid) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ close

    /** locks_remove_file() → locks_remove_lease(): the last reference to {@code f} is gone. */
    @Override
    public void fileReleased(File f) {
        FileLockContext ctx = f.inode().lockContext;
        if (ctx == null || ctx.head == null) {
            return;
        }
        FileLease next;
        for (FileLease fl = ctx.head; fl != null; fl = next) {
            next = fl.ctxNext;
            if (fl.file == f) {
                leaseModify(fl, F_UNLCK);
            }
        }
    }

    // ------------------------------------------------------------------ fcntl

    /**
     * fcntl_setlease(): F_UNLCK deletes, F_RDLCK/F_WRLCK add or change; the type is checked
     * first. The policy says which other arguments ask for a layout lease (a read-level lease
     * with FL_LAYOUT, maybe FL_EXCLUSIVE); a request through an open file that already has a
     * lease changes only that lease's type, never its flags.
     */
    @Override
    public SysResult setLease(Task t, int fd, File f, long arg) {
        int layoutFlags = kernel.policy().layoutLeaseFlags(arg);
        assert layoutFlags == 0 || layoutFlags == FileLease.FL_LAYOUT
            || layoutFlags == (FileLease.FL_LAYOUT | FileLease.FL_EXCLUSIVE) : "layout lease flags " + layoutFlags;
        int type = layoutFlags != 0 ? F_RDLCK : (int) arg;
        if (type != F_RDLCK && type != F_WRLCK && type != F_UNLCK) {
            throw SysErr.of(Errno.EINVAL);
        }
        checkMaySetLease(t, f);
        if (type == F_UNLCK) {
            return deleteLease(f);
        }
        return addLease(t, fd, f, type, layoutFlags != 0 ? layoutFlags : FileLease.FL_LEASE);
    }

    /** vfs_setlease()'s checks: the fsuid owns the inode or CAP_LEASE; regular files only. */
    private static void checkMaySetLease(Task t, File f) {
        Inode inode = f.inode();
        var cred = t.group().cred;
        if (cred.fsuid != inode.uid && !cred.capable(Capabilities.CAP_LEASE)) {
            throw SysErr.of(Errno.EACCES);
        }
        if (!inode.isRegular()) {
            throw SysErr.of(Errno.EINVAL);
        }
    }

    /**
     * generic_add_lease(): refuse on a conflicting open or, for a write lease, on anybody else's
     * lease, and for any lease while someone else's is being broken to unlock. A lease of this
     * open file is changed in place (upgrade, downgrade, same type), even with leases-enable=0.
     */
    private SysResult addLease(Task t, int fd, File f, int type, int leaseFlags) {
        FileLockContext ctx = contextOf(f.inode());
        timeOutLeases(ctx);
        if (LeaseConflicts.conflictingOpen(f, type, leaseFlags)) {
            throw SysErr.of(Errno.EAGAIN);
        }
        FileLease mine = null;
        for (FileLease fl = ctx.head; fl != null; fl = fl.ctxNext) {
            if (fl.file == f) {
                mine = fl;
            } else if (type == F_WRLCK || (fl.flags & FileLease.FL_UNLOCK_PENDING) != 0) {
                throw SysErr.of(Errno.EAGAIN);
            }
        }
        if (mine != null) {
            leaseModify(mine, type);
            leaseSetup(t, mine, fd);
            return OK;
        }
        if (kernel.sysctl.leasesEnable == 0) {
            throw SysErr.of(Errno.EINVAL);
        }
        // Linux re-checks the open counts after inserting because break_lease() is lockless;
        // this kernel is single-threaded, so nothing can have changed in between.
        FileLease fl = FileLease.lease(f, type, leaseFlags, t.tgid(), t.group().name());
        insert(ctx, fl);
        leaseSetup(t, fl, fd);
        return OK;
    }

    /**
     * lease_setup(): the fasync entry records {@code fd} (a second F_SETLEASE only updates it)
     * and sets O_ASYNC; the caller becomes the signal owner only if the file has none
     * (__f_setown with force=0, so an earlier F_SETOWN is kept).
     */
    private static void leaseSetup(Task t, FileLease fl, int fd) {
        File f = fl.file;
        fl.fasyncFd = fd;
        f.flags |= Uapi.O_ASYNC;
        if (!f.owner.isSet()) {
            Fcntl.setOwner(t, f, Uapi.F_OWNER_PID, t.tid());
        }
    }

    /** generic_delete_lease(): no time_out_leases here, so a lease past its deadline can still be unlocked. */
    private SysResult deleteLease(File f) {
        FileLockContext ctx = f.inode().lockContext;
        FileLease fl = ctx == null ? null : ctx.leaseOf(f);
        if (fl == null) {
            throw SysErr.of(Errno.EAGAIN);
        }
        var filePins = kernel.sub().pins.filePins();
        if (fl.isLayout() && filePins != null && filePins.backsPins(f)) {
            Errno refused = kernel.policy().unlockPinnedLayoutLease();
            if (refused != null) {
                throw SysErr.of(refused);
            }
        }
        leaseModify(fl, F_UNLCK);
        return OK;
    }

    /** locks_get_lock_context(): created on first use, kept for the inode's life. */
    private static FileLockContext contextOf(Inode inode) {
        FileLockContext ctx = inode.lockContext;
        if (ctx == null) {
            ctx = new FileLockContext();
            inode.lockContext = ctx;
        }
        return ctx;
    }

    /**
     * fcntl_getlease(): expire leases, then the target type of this open file's lease, else
     * F_UNLCK. A layout lease reports F_LAYOUT (without F_EXCLUSIVE) unless an unlock is pending
     * (SYSTEM.md §2.3).
     */
    @Override
    public SysResult getLease(Task t, File f) {
        FileLockContext ctx = f.inode().lockContext;
        if (ctx == null || !ctx.hasLeases()) {
            return LEASE_TYPE_RESULTS[F_UNLCK];
        }
        timeOutLeases(ctx);
        FileLease fl = ctx.leaseOf(f);
        if (fl == null) {
            return LEASE_TYPE_RESULTS[F_UNLCK];
        }
        int target = fl.targetType();
        return fl.isLayout() && target != F_UNLCK ? LAYOUT_RESULT : LEASE_TYPE_RESULTS[target];
    }

    // ------------------------------------------------------------------ layout-lease queries

    @Override
    public boolean hasLayoutLease(Inode inode) {
        FileLockContext ctx = inode.lockContext;
        if (ctx == null) {
            return false;
        }
        for (FileLease fl = ctx.head; fl != null; fl = fl.ctxNext) {
            if (fl.isLayout()) {
                return true;
            }
        }
        return false;
    }

    /** No time_out_leases here, as in v2: an exclusive lease has no deadline to pass. */
    @Override
    public File exclusiveLayoutLeaseFile(Inode inode, int tgid) {
        FileLockContext ctx = inode.lockContext;
        if (ctx == null) {
            return null;
        }
        for (FileLease fl = ctx.head; fl != null; fl = fl.ctxNext) {
            if (fl.isLayout() && fl.isExclusive() && fl.pid == tgid) {
                return fl.file;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ procfs

    @Override
    public List<String> procLocks() {
        return LeaseRender.procLocks(newest, kernel.policy());
    }

    @Override
    public List<String> fdinfoLocks(File f) {
        return LeaseRender.fdinfoLocks(f.inode().lockContext, f, kernel.policy());
    }

    @Override
    public List<String> leaks() {
        if (newest == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (FileLease fl = newest; fl != null; fl = fl.globalOlder) {
            out.add(LeaseRender.kindName(fl) + " lease on " + fl.file.path() + " (taken by "
                + fl.takerName + ", pid " + fl.pid + ") outlived every process");
        }
        return out;
    }

    /** The newest lease of the global list (tests walk it through {@link FileLease#globalOlder}). */
    FileLease newest() {
        return newest;
    }

    /** The number of leases in the system (for leak checks and tests). */
    public int leaseCount() {
        return leaseCount;
    }

    @Override
    public void digest(java.util.function.LongConsumer sink, java.util.function.ToLongFunction<File> fileId) {
        for (FileLease fl = newest; fl != null; fl = fl.globalOlder) {
            digest(fl, sink, fileId);
        }
    }

    private static void digest(FileLease fl, java.util.function.LongConsumer sink,
                               java.util.function.ToLongFunction<File> fileId) {
        sink.accept(fl.type);
        sink.accept(fl.flags);
        sink.accept(fl.pid);
        sink.accept(fl.breakTimeNanos);
        sink.accept(fl.downgradeTimeNanos);
        sink.accept(fl.fasyncFd);
        sink.accept(fl.notified ? 1 : 0);
        sink.accept(fl.silenceReason == null ? 0 : fl.silenceReason.hashCode());
        sink.accept(fl.file == null ? -1 : fileId.applyAsLong(fl.file));
        if (fl.blocked != null) {
            sink.accept(fl.blocked.size());
            for (FileLease b : fl.blocked) {
                digest(b, sink, fileId);
            }
        }
        sink.accept(-7);
    }

    @Override
    public long nextDeadlineAfter(long nowNanos) {
        long best = -1;
        for (FileLease fl = newest; fl != null; fl = fl.globalOlder) {
            best = earlier(best, fl.breakTimeNanos, nowNanos);
            best = earlier(best, fl.downgradeTimeNanos, nowNanos);
        }
        return best;
    }

    private static long earlier(long best, long deadline, long nowNanos) {
        return deadline != FileLease.NO_DEADLINE && deadline > nowNanos && (best < 0 || deadline < best) ? deadline : best;
    }
}
