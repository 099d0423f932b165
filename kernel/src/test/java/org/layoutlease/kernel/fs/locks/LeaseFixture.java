package org.layoutlease.kernel.fs.locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layoutlease.kernel.uapi.Uapi.*;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.layoutlease.kernel.Kernel;
import org.layoutlease.kernel.KernelEvent;
import org.layoutlease.kernel.fs.File;
import org.layoutlease.kernel.fs.Inode;
import org.layoutlease.kernel.fs.Vfs;
import org.layoutlease.kernel.policy.Policies;
import org.layoutlease.kernel.proc.ProcFs;
import org.layoutlease.kernel.sched.Cred;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.signal.SigInfo;
import org.layoutlease.kernel.uapi.Capabilities;
import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.Signals;
import org.layoutlease.kernel.uapi.SysResult;

/** A kernel (linux policy unless named) driven through its system-call entry points, with event bookkeeping. */
final class LeaseFixture {
    static final long MS = 1_000_000L;
    static final long SEC = 1_000_000_000L;
    /** Any value other than SIG_DFL and SIG_IGN installs a recording handler. */
    static final long HANDLER = 0x1000;
    static final long LEASE_BREAK_SECONDS = 2;
    static final String F = "/mnt/f";

    final Kernel k;
    private final List<KernelEvent> events = new ArrayList<>();

    LeaseFixture() {
        this("linux");
    }

    LeaseFixture(String policy) {
        k = new Kernel(Policies.byName(policy));
        k.sysctl.leaseBreakTimeSeconds = LEASE_BREAK_SECONDS;
        file(F);
    }

    Leases leases() {
        return (Leases) k.sub().leases();
    }

    // ---------------------------------------------------------------- setup

    Task process(String name) {
        return process(name, 0, Capabilities.ALL);
    }

    Task process(String name, int uid, long caps) {
        return k.createProcess(name, new Cred(uid, uid, caps)).leader();
    }

    Inode file(String path) {
        return file(path, 0, 16, 0644);
    }

    Inode file(String path, int uid, long size, int perm) {
        int slash = path.lastIndexOf('/');
        Inode dir = k.vfs.lookup(new Cred(0, 0, Capabilities.ALL), path.substring(0, slash));
        Inode i = Vfs.create(dir, path.substring(slash + 1), S_IFREG | perm, uid, 0);
        k.sub().store(i).initFile(i, size, false);
        return i;
    }

    Inode inode(String path) {
        return k.vfs.lookup(new Cred(0, 0, Capabilities.ALL), path);
    }

    // ---------------------------------------------------------------- calls

    SysResult call(Task t, Supplier<SysResult> body) {
        SysResult r = k.syscall(t, body);
        collect();
        return r;
    }

    SysResult open(Task t, String path, int flags) {
        return call(t, () -> k.sub().fs.open(t, path, flags, 0644));
    }

    int openOk(Task t, String path, int flags) {
        return (int) value(open(t, path, flags));
    }

    SysResult close(Task t, int fd) {
        return call(t, () -> k.sub().fs.close(t, fd));
    }

    SysResult fcntl(Task t, int fd, int cmd, long arg) {
        return call(t, () -> k.sub().fcntl.fcntl(t, fd, cmd, arg));
    }

    SysResult setLease(Task t, int fd, long type) {
        return fcntl(t, fd, F_SETLEASE, type);
    }

    long getLease(Task t, int fd) {
        return value(fcntl(t, fd, F_GETLEASE, 0));
    }

    /** Takes a lease of {@code type} on F through a fresh descriptor of the given open mode. */
    int lease(Task t, int openFlags, int type) {
        int fd = openOk(t, F, openFlags);
        assertThat(setLease(t, fd, type)).isEqualTo(SysResult.ok(0));
        return fd;
    }

    /**
     * break_layout() on F as a filesystem's layout-break point calls it, run as a system call
     * of {@code t} (it may block, fail, or return 0 once nothing conflicts).
     */
    SysResult breakLayout(Task t, boolean nonblock) {
        Inode i = inode(F);
        return call(t, () -> k.waitThen(t, "break_layout", leases().breakLayout(t, i, nonblock), () -> ok(0), () -> { }));
    }

    SysResult truncate(Task t, String path, long length) {
        return call(t, () -> k.sub().fs.truncate(t, path, length));
    }

    SysResult ftruncate(Task t, int fd, long length) {
        return call(t, () -> k.sub().fs.ftruncate(t, fd, length));
    }

    SysResult dup(Task t, int fd) {
        return call(t, () -> k.sub().fs.dup(t, fd));
    }

    Task fork(Task t, String name) {
        long pid = value(call(t, () -> k.sub().process.fork(t, name)));
        return k.task((int) pid);
    }

    Task thread(Task t, String name) {
        long tid = value(call(t, () -> k.sub().process.thread(t, name)));
        return k.task((int) tid);
    }

    void exit(Task t) {
        call(t, () -> k.sub().process.exitGroup(t, 0));
    }

    void handle(Task t, int sig, boolean restart) {
        value(call(t, () -> k.sub().signal.rtSigaction(t, sig, HANDLER, restart ? SA_RESTART : 0)));
    }

    void ignore(Task t, int sig) {
        value(call(t, () -> k.sub().signal.rtSigaction(t, sig, SIG_IGN, 0)));
    }

    void kill(Task from, Task to, int sig) {
        value(call(from, () -> k.sub().signal.kill(from, to.tgid(), sig)));
    }

    // ---------------------------------------------------------------- time

    void advance(long nanos) {
        k.advance(nanos);
        collect();
    }

    /** Lets time pass until {@code t}'s blocked call returns; fails on a hang. */
    KernelEvent.CallReturned resume(Task t) {
        assertThat(k.runUntilUnblocked(t)).as("%s can be woken", t).isTrue();
        collect();
        return lastReturn(t);
    }

    long now() {
        return k.clock.nowNanos();
    }

    // ---------------------------------------------------------------- observation

    private void collect() {
        events.addAll(k.drainEvents());
    }

    /** The last blocked call of {@code t} that returned, or null. */
    KernelEvent.CallReturned lastReturn(Task t) {
        KernelEvent.CallReturned last = null;
        for (KernelEvent e : events) {
            if (e instanceof KernelEvent.CallReturned r && r.task() == t) {
                last = r;
            }
        }
        return last;
    }

    /** Signals delivered to (or killing) a task, in order. */
    List<SigInfo> signals(Task t) {
        List<SigInfo> out = new ArrayList<>();
        for (KernelEvent e : events) {
            if (e instanceof KernelEvent.SignalDelivered s && s.task() == t) {
                out.add(s.info());
            }
        }
        return out;
    }

    List<SigInfo> signals(Task t, int signo) {
        return signals(t).stream().filter(s -> s.signo() == signo).toList();
    }

    List<KernelEvent.Invariant> invariants() {
        List<KernelEvent.Invariant> out = new ArrayList<>();
        for (KernelEvent e : events) {
            if (e instanceof KernelEvent.Invariant i) {
                out.add(i);
            }
        }
        return out;
    }

    boolean killed(Task t) {
        return events.stream().anyMatch(e -> e instanceof KernelEvent.Killed x && x.task() == t);
    }

    List<String> procLocks() {
        return k.sub().leases().procLocks();
    }

    /** The content of a procfs file, read as {@code t} would with cat. */
    List<String> cat(Task t, String path) {
        Inode i = k.vfs.lookup(t.group().cred, path.replace("/proc/self", "/proc/" + t.tgid()));
        return ProcFs.lines(i.procContent.get());
    }

    File fileOf(Task t, int fd) {
        return t.group().files.get(fd);
    }

    /** "dev:ino" as /proc/locks prints the inode of F. */
    String devIno() {
        Inode i = inode(F);
        return i.mount().devString() + ":" + i.ino();
    }

    String activeLine(String type, Task taker) {
        return "1: LEASE  ACTIVE    " + type + " " + taker.tgid() + " " + devIno() + " 0 EOF";
    }

    String breakingLine(String target, Task taker) {
        return "1: LEASE  BREAKING  " + target + " " + taker.tgid() + " " + devIno() + " 0 EOF";
    }

    static String breakerLine(int level, String type, Task breaker) {
        return "1: " + " ".repeat(level - 1) + "-> LEASE  BREAKER   " + type + " " + breaker.tgid() + " <none>:0 0 EOF";
    }

    // ---------------------------------------------------------------- results

    static long value(SysResult r) {
        assertThat(r).isInstanceOf(SysResult.Value.class);
        return ((SysResult.Value) r).value();
    }

    static SysResult err(Errno e) {
        return SysResult.err(e);
    }

    static SysResult ok(long v) {
        return SysResult.ok(v);
    }

    static boolean blocked(SysResult r) {
        return r.isBlocked();
    }

    static String sig(int signo) {
        return Signals.name(signo);
    }
}
