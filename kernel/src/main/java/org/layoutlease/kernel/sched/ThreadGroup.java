package org.layoutlease.kernel.sched;

import java.util.ArrayList;
import java.util.List;
import org.layoutlease.kernel.fs.FdTable;
import org.layoutlease.kernel.mm.MmStruct;
import org.layoutlease.kernel.signal.SigAction;
import org.layoutlease.kernel.signal.SigPending;
import org.layoutlease.kernel.uapi.Signals;

/**
 * A process: a thread group (struct signal_struct + struct sighand_struct + files + mm). Its
 * tgid is its leader's tid. Exited processes are reaped at once: there are no zombies.
 */
public final class ThreadGroup {
    private final int tgid;
    private final String name;
    private final List<Task> threads = new ArrayList<>(1);
    public Cred cred;
    public FdTable files;
    public MmStruct mm;
    public final SigAction[] actions = new SigAction[Signals.NSIG + 1];
    public final SigPending sharedPending = new SigPending();
    public int pgid;
    /** The tgid of the process that forked this one (0 for declared processes). */
    public int parentTgid;
    /** Set once the process has called execve (setpgid by its parent then fails EACCES). */
    public boolean execed;
    public int sid;
    private boolean alive = true;
    /** The executable's name after execve (comm). */
    public String comm;
    /** The owner this process set last, handed to the next file given an equal one (see FOwner). */
    private org.layoutlease.kernel.fs.FOwner lastOwner;
    /** The running executable (deny-write is held on it), or null before any execve. */
    public org.layoutlease.kernel.fs.File exe;

    public ThreadGroup(int tgid, String name, Cred cred) {
        this.tgid = tgid;
        this.name = name;
        this.comm = name;
        this.cred = cred;
        this.pgid = tgid;
        this.sid = tgid;
        java.util.Arrays.fill(actions, SigAction.DEFAULT);
    }

    /**
     * {@code owner}, or the equal owner this process set last: a process that leases many files
     * names itself as their owner each time, and they can all share one immutable value.
     */
    public org.layoutlease.kernel.fs.FOwner shareOwner(org.layoutlease.kernel.fs.FOwner owner) {
        if (owner.equals(lastOwner)) {
            return lastOwner;
        }
        lastOwner = owner;
        return owner;
    }

    public int tgid() {
        return tgid;
    }

    public String name() {
        return name;
    }

    public List<Task> threads() {
        return threads;
    }

    public Task leader() {
        return threads.get(0);
    }

    public boolean isAlive() {
        return alive;
    }

    void markDead() {
        alive = false;
    }

    void addThread(Task t) {
        threads.add(t);
    }

    public List<Task> liveThreads() {
        return threads.stream().filter(Task::isAlive).toList();
    }
}
