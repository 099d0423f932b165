package org.layoutlease.kernel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.layoutlease.kernel.fs.FdTable;
import org.layoutlease.kernel.fs.File;
import org.layoutlease.kernel.fs.FileOperations;
import org.layoutlease.kernel.fs.Inode;
import org.layoutlease.kernel.fs.Vfs;
import org.layoutlease.kernel.mm.MmStruct;
import org.layoutlease.kernel.policy.Policy;
import org.layoutlease.kernel.sched.Cred;
import org.layoutlease.kernel.sched.Scheduler;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.sched.ThreadGroup;
import org.layoutlease.kernel.sched.TimerQueue;
import org.layoutlease.kernel.sched.VirtualClock;
import org.layoutlease.kernel.sched.Waiter;
import org.layoutlease.kernel.signal.SignalDelivery;
import org.layoutlease.kernel.uapi.SysErr;
import org.layoutlease.kernel.uapi.SysResult;

/**
 * The simulated kernel: a single-threaded, deterministic state machine driven by system calls
 * and virtual time. Side effects of a call (signals to other processes, wake-ups) are collected
 * and applied at the call's boundary, as Linux delivers signals on the way back to user space.
 */
public final class Kernel implements Scheduler.Listener {
    public static final int FIRST_PID = 1000;
    public static final int MAX_TASKS = 4096;

    public final VirtualClock clock = new VirtualClock();
    public final TimerQueue timers = new TimerQueue();
    public final Scheduler scheduler = new Scheduler(clock, timers, this);
    public final Vfs vfs = new Vfs();
    public final Sysctl sysctl = new Sysctl();
    public final SignalDelivery signals = new SignalDelivery(this);
    private final Policy policy;
    private final Subsystems subsystems;

    private final List<KernelEvent> events = new ArrayList<>();
    private final ArrayDeque<Runnable> deferred = new ArrayDeque<>();
    private final TreeMap<Integer, Task> tasks = new TreeMap<>();
    private final TreeMap<Integer, ThreadGroup> groups = new TreeMap<>();
    private int nextPid = FIRST_PID;
    private long nextFileId;
    private int depth;

    public Kernel(Policy policy) {
        this.policy = policy;
        this.subsystems = new Subsystems(this);
        subsystems.boot();
    }

    public Policy policy() {
        return policy;
    }

    public Subsystems sub() {
        return subsystems;
    }

    // ---------------------------------------------------------------- processes

    /** A new process (thread-group leader) with 0, 1 and 2 open on /dev/null. */
    public ThreadGroup createProcess(String name, Cred cred) {
        ThreadGroup g = newGroup(name, cred);
        g.files = new FdTable();
        g.mm = new MmStruct();
        File devNull = subsystems.openDevNull(g.tgid());
        for (int fd = 0; fd < 3; fd++) {
            g.files.reserve(fd, false);
            g.files.install(fd, fd == 0 ? devNull : devNull.get());
        }
        return g;
    }

    public ThreadGroup newGroup(String name, Cred cred) {
        int pid = allocatePid();
        ThreadGroup g = new ThreadGroup(pid, name, cred);
        Task leader = new Task(pid, name, g);
        Scheduler.addThread(g, leader);
        groups.put(pid, g);
        tasks.put(pid, leader);
        return g;
    }

    /** A new thread in {@code g}'s group. */
    public Task newThread(ThreadGroup g, String name) {
        Task t = new Task(allocatePid(), name, g);
        Scheduler.addThread(g, t);
        tasks.put(t.tid(), t);
        g.files.share();
        return t;
    }

    private int allocatePid() {
        if (tasks.size() >= MAX_TASKS) {
            throw new IllegalStateException("more than " + MAX_TASKS + " tasks");
        }
        return nextPid++;
    }

    /** A live task by tid, or null. */
    public Task task(int tid) {
        Task t = tasks.get(tid);
        return t != null && t.isAlive() ? t : null;
    }

    /** A live process by tgid, or null. */
    public ThreadGroup group(int tgid) {
        ThreadGroup g = groups.get(tgid);
        return g != null && g.isAlive() ? g : null;
    }

    /** Live processes by ascending tgid (unmodifiable; a loop, as the explorer asks in every state). */
    public Collection<ThreadGroup> liveGroups() {
        List<ThreadGroup> out = new ArrayList<>(groups.size());
        for (ThreadGroup g : groups.values()) {
            if (g.isAlive()) {
                out.add(g);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** Live tasks by ascending tid (unmodifiable). */
    public Collection<Task> liveTasks() {
        List<Task> out = new ArrayList<>(tasks.size());
        for (Task t : tasks.values()) {
            if (t.isAlive()) {
                out.add(t);
            }
        }
        return Collections.unmodifiableList(out);
    }

    // ---------------------------------------------------------------- files

    public File newFile(Inode inode, String path, int flags, int fmode, FileOperations fops, int openerTgid) {
        return new File(nextFileId++, inode, path, flags, fmode, fops, openerTgid);
    }

    /** fput(): drops a reference; the last one releases the file (leases end, counts drop). */
    public void fput(File f) {
        if (f.put()) {
            subsystems.release(f);
        }
    }

    // ---------------------------------------------------------------- events and boundaries

    public void emit(KernelEvent e) {
        events.add(e);
    }

    /**
     * Reports a violated invariant, once per invariant per step (SCENARIO-LANGUAGE.md §6): a
     * second violation of the same invariant before the runner drains the events adds nothing.
     */
    public void emitInvariant(String name, String text) {
        for (KernelEvent e : events) {
            if (e instanceof KernelEvent.Invariant i && i.name().equals(name)) {
                return;
            }
        }
        emit(new KernelEvent.Invariant(clock.nowNanos(), name, text));
    }

    /** Events produced since the last drain, in order. */
    public List<KernelEvent> drainEvents() {
        if (events.isEmpty()) {
            return List.of();
        }
        List<KernelEvent> out = List.copyOf(events);
        events.clear();
        return out;
    }

    /** Queues an effect (a signal delivery) for the current call's boundary. */
    public void defer(Runnable effect) {
        deferred.add(effect);
    }

    /**
     * Runs one system call: the body runs; then deferred effects and every woken restart loop
     * run until the kernel is quiescent. SysErr thrown by the body becomes the error result.
     */
    public SysResult syscall(Task task, Supplier<SysResult> body) {
        if (!task.isAlive()) {
            throw new IllegalStateException(task + " is not alive");
        }
        if (task.isBlocked()) {
            throw new IllegalStateException(task + " is blocked in " + task.blockedCall());
        }
        return runAtBoundary(body);
    }

    /** An action from outside any process (a remote peer's RDMA operation), settled like a call. */
    public SysResult external(Supplier<SysResult> body) {
        return runAtBoundary(body);
    }

    /** Runs a call body, turns a thrown SysErr into its error result, then settles the kernel. */
    private SysResult runAtBoundary(Supplier<SysResult> body) {
        SysResult r;
        depth++;
        try {
            r = body.get();
        } catch (SysErr e) {
            r = SysResult.err(e.errno());
        } finally {
            depth--;
        }
        settle();
        return r;
    }

    /**
     * Whether something other than a further scenario step could still complete {@code task}'s
     * call: its own timeout, or any armed timer (which may change state it waits on).
     */
    public boolean canWake(Task task) {
        return scheduler.hasTimeout(task);
    }

    /** Leases, pins and file references left with every process gone (invariant {@code leak}). */
    public List<String> leaks() {
        return subsystems.leaks();
    }

    /** Applies deferred effects and resumes woken calls until nothing more happens. */
    public void settle() {
        if (depth > 0) {
            return;
        }
        depth++;
        try {
            boolean progress = true;
            while (progress) {
                progress = false;
                while (!deferred.isEmpty()) {
                    deferred.poll().run();
                    progress = true;
                }
                progress |= scheduler.runReady();
            }
            subsystems.quiesced();
        } finally {
            depth--;
        }
    }

    /** Lets virtual time pass by {@code nanos}, firing timers in order. */
    public void advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("negative duration");
        }
        long target = clock.nowNanos() + nanos;
        while (true) {
            long next = timers.nextDeadline();
            if (next < 0 || next > target) {
                break;
            }
            fireTimersAt(next);
        }
        clock.advanceTo(target);
    }

    /**
     * Advances time until {@code task}'s blocked call returns. Returns false (a hang) when no
     * timer and no pending event can complete it.
     */
    public boolean runUntilUnblocked(Task task) {
        settle();
        while (task.isAlive() && task.isBlocked()) {
            long next = timers.nextDeadline();
            if (next < 0) {
                return false;
            }
            fireTimersAt(next);
        }
        return true;
    }

    private void fireTimersAt(long when) {
        clock.advanceTo(Math.max(when, clock.nowNanos()));
        var t = timers.pollDue(clock.nowNanos());
        while (t != null) {
            runTimer(t);
            t = timers.pollDue(clock.nowNanos());
        }
        settle();
    }

    private static void runTimer(org.layoutlease.kernel.sched.Timer t) {
        t.fire();
    }

    /** Puts a task to sleep in a wait loop: see {@link Scheduler#sleep}. */
    public SysResult sleep(Task task, String call, Waiter waiter, long deadlineNanos,
                           org.layoutlease.kernel.sched.WaitQueue... queues) {
        return scheduler.sleep(task, call, waiter, deadlineNanos, queues);
    }

    /**
     * Runs a wait loop for {@code call}: done → {@code then}; failed → {@code onAbort} then
     * the error; sleep → the task blocks and the loop resumes on wake-up or timeout.
     */
    public SysResult waitThen(Task task, String call, Wait wait, Supplier<SysResult> then, Runnable onAbort) {
        Wait.Step s = wait.step(false);
        return continueWait(task, call, wait, s, then, onAbort);
    }

    private SysResult continueWait(Task task, String call, Wait wait, Wait.Step s,
                                   Supplier<SysResult> then, Runnable onAbort) {
        return switch (s) {
            case Wait.Done d -> runThen(then, onAbort);
            case Wait.Fail f -> {
                onAbort.run();
                yield SysResult.err(f.errno());
            }
            case Wait.Sleep sl -> scheduler.sleep(task, call, new Waiter() {
                @Override
                public SysResult retry(Task t, boolean timedOut) {
                    return continueWait(t, call, wait, wait.step(timedOut), then, onAbort);
                }

                @Override
                public void abort(Task t) {
                    wait.cancel();
                    onAbort.run();
                }
            }, sl.deadlineNanos(), sl.queue());
        };
    }

    private static SysResult runThen(Supplier<SysResult> then, Runnable onAbort) {
        try {
            return then.get();
        } catch (SysErr e) {
            onAbort.run();
            return SysResult.err(e.errno());
        }
    }

    @Override
    public void callReturned(Task task, String call, SysResult result, long durationNanos) {
        emit(new KernelEvent.CallReturned(clock.nowNanos(), task, call, result, durationNanos));
    }

    @Override
    public void callAbandoned(Task task, String call, long durationNanos) {
        emit(new KernelEvent.CallAbandoned(clock.nowNanos(), task, call, durationNanos));
    }

    // ---------------------------------------------------------------- exit

    /** exit_group(): every thread ends, descriptors and mappings are released, the process is reaped. */
    public void exitGroup(ThreadGroup g, int code, int killSignal) {
        if (!g.isAlive()) {
            return;
        }
        scheduler.markDead(g);
        for (Task t : g.threads()) {
            if (!t.isAlive()) {
                continue;
            }
            scheduler.abandon(t);
            scheduler.markDead(t);
            emit(killSignal > 0
                ? new KernelEvent.Killed(clock.nowNanos(), t, killSignal)
                : new KernelEvent.Exited(clock.nowNanos(), t, code));
        }
        subsystems.exitResources(g);
    }
}
