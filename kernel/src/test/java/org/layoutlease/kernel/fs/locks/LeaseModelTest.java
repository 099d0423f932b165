package org.layoutlease.kernel.fs.locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layoutlease.kernel.uapi.Uapi.*;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.layoutlease.kernel.fs.Inode;
import org.layoutlease.kernel.lib.RandomCases;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.signal.SigPending;
import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.Signals;
import org.layoutlease.kernel.uapi.SysResult;

/**
 * Seeded random schedules of opens, leases, unlocks, closes, signals and time: after every step
 * the lease lists, blocked trees and deadline counts are consistent and no granted open
 * contradicts a lease that is not being broken; at the end every process exits and nothing is left.
 * Under rfc-v1 and rfc-v2 the schedules also take layout leases and run break_layout(): an
 * exclusive layout lease is then never marked, never timed, and always refuses the break.
 */
class LeaseModelTest {
    private static final int STEPS = 40;
    private static final String[] FILES = {LeaseFixture.F, "/mnt/g"};
    private static final int[] MODES = {O_RDONLY, O_WRONLY, O_RDWR, O_RDONLY | O_TRUNC};
    private static final long[] PLAIN_ARGS = {F_RDLCK, F_WRLCK, F_UNLCK};
    private static final long[] LAYOUT_ARGS = {F_RDLCK, F_WRLCK, F_UNLCK, F_LAYOUT, F_LAYOUT | F_EXCLUSIVE, F_EXCLUSIVE};

    @Test
    void randomSchedulesKeepLeaseStateConsistent() {
        RandomCases.run("LeaseModelTest", r -> oneCase(r, "linux"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rfc-v1", "rfc-v2"})
    void randomSchedulesWithLayoutLeasesKeepLeaseStateConsistent(String policy) {
        RandomCases.run("LeaseModelTest " + policy, r -> oneCase(r, policy));
    }

    private static void oneCase(Random r, String policy) {
        LeaseFixture x = new LeaseFixture(policy);
        long[] args = policy.equals("linux") ? PLAIN_ARGS : LAYOUT_ARGS;
        x.file("/mnt/g");
        x.k.sysctl.leaseBreakTimeSeconds = r.nextInt(3);
        List<Task> tasks = new ArrayList<>();
        for (String name : new String[] {"A", "B", "C"}) {
            Task t = x.process(name);
            switch (r.nextInt(3)) {
                case 0 -> x.handle(t, Signals.SIGIO, r.nextBoolean());
                case 1 -> x.ignore(t, Signals.SIGIO);
                default -> x.call(t, () -> x.k.sub().signal.rtSigprocmask(t, SIG_BLOCK, SigPending.bit(Signals.SIGIO)));
            }
            x.handle(t, Signals.SIGUSR1, r.nextBoolean());
            tasks.add(t);
        }
        for (int step = 0; step < STEPS; step++) {
            Task t = tasks.get(r.nextInt(tasks.size()));
            if (t.isAlive() && !t.isBlocked()) {
                act(x, r, t, tasks, args);
            } else if (r.nextBoolean()) {
                x.advance(r.nextInt(2500) * LeaseFixture.MS);
            }
            checkConsistent(x);
        }
        for (Task t : tasks) {
            if (t.group().isAlive()) {
                x.k.exitGroup(t.group(), 0, 0);
                x.k.settle();
            }
        }
        checkConsistent(x);
        assertThat(x.leases().leaseCount()).isZero();
        assertThat(x.leases().leaks()).isEmpty();
        for (String path : FILES) {
            Inode i = x.inode(path);
            assertThat(i.readCount + i.writeCount).isZero();
        }
    }

    private static void act(LeaseFixture x, Random r, Task t, List<Task> tasks, long[] args) {
        List<Integer> fds = t.group().files.openFds().stream().filter(fd -> fd > 2).toList();
        int fd = fds.isEmpty() ? -1 : fds.get(r.nextInt(fds.size()));
        switch (r.nextInt(args == PLAIN_ARGS ? 9 : 10)) {
            case 0, 1 -> x.open(t, FILES[r.nextInt(FILES.length)], MODES[r.nextInt(MODES.length)]
                | (r.nextInt(4) == 0 ? O_NONBLOCK : 0));
            case 2, 3 -> {
                if (fd >= 0) {
                    x.setLease(t, fd, args[r.nextInt(args.length)]);
                }
            }
            case 4 -> {
                if (fd >= 0) {
                    x.fcntl(t, fd, F_GETLEASE, 0);
                }
            }
            case 5 -> {
                if (fd >= 0) {
                    x.close(t, fd);
                }
            }
            case 6 -> x.truncate(t, FILES[r.nextInt(FILES.length)], 0);
            case 7 -> {
                Task victim = tasks.get(r.nextInt(tasks.size()));
                if (victim.isAlive()) {
                    x.kill(t, victim, Signals.SIGUSR1);
                }
            }
            case 9 -> breakLayout(x, t, r.nextBoolean());
            default -> x.advance(r.nextInt(2500) * LeaseFixture.MS);
        }
    }

    /** break_layout() on F: an exclusive lease refuses it at once, EDEADLOCK for its taker's process. */
    private static void breakLayout(LeaseFixture x, Task t, boolean nonblock) {
        boolean own = false;
        boolean other = false;
        FileLockContext ctx = x.inode(LeaseFixture.F).lockContext;
        for (FileLease fl = ctx == null ? null : ctx.head; fl != null; fl = fl.ctxNext) {
            if (fl.isExclusive()) {
                own |= fl.pid == t.tgid();
                other |= fl.pid != t.tgid();
            }
        }
        SysResult res = x.breakLayout(t, nonblock);
        if (own) {
            assertThat(res).isEqualTo(LeaseFixture.err(Errno.EDEADLOCK));
        } else if (other) {
            assertThat(res).isEqualTo(LeaseFixture.err(Errno.ETXTBSY));
        }
    }

    /** Structural invariants of the lease lists and blocked trees, and lease-versus-open safety. */
    private static void checkConsistent(LeaseFixture x) {
        Map<FileLockContext, Integer> seen = new IdentityHashMap<>();
        int total = 0;
        for (FileLease fl = x.leases().newest(); fl != null; fl = fl.globalOlder) {
            total++;
            assertThat(fl.isBreaker()).isFalse();
            assertThat(fl.ctx).isNotNull();
            assertThat(fl.file.refCount()).isPositive();
            assertThat(fl.file.inode().lockContext).isSameAs(fl.ctx);
            seen.merge(fl.ctx, 1, Integer::sum);
            checkTree(fl);
            checkAgainstOpens(fl);
        }
        assertThat(total).isEqualTo(x.leases().leaseCount());
        for (String path : FILES) {
            FileLockContext ctx = x.inode(path).lockContext;
            if (ctx == null) {
                continue;
            }
            int n = 0;
            int timed = 0;
            for (FileLease fl = ctx.head; fl != null; fl = fl.ctxNext) {
                n++;
                timed += fl.hasDeadline() ? 1 : 0;
                assertThat(fl.ctxNext == null ? ctx.tail : fl.ctxNext.ctxPrev).isSameAs(fl);
            }
            assertThat(n).isEqualTo(ctx.count()).isEqualTo(seen.getOrDefault(ctx, 0));
            assertThat(timed).isEqualTo(ctx.leasesWithDeadline);
            assertThat(ctx.pollerCount()).isLessThanOrEqualTo(blockedTasks(x));
        }
    }

    private static int blockedTasks(LeaseFixture x) {
        return (int) x.k.liveTasks().stream().filter(Task::isBlocked).count();
    }

    private static void checkTree(FileLease blocker) {
        if (!blocker.hasWaiters()) {
            return;
        }
        for (FileLease w : blocker.blocked) {
            assertThat(w.isBreaker()).isTrue();
            assertThat(w.blocker).isSameAs(blocker);
            checkTree(w);
        }
    }

    /** A plain lease that is not being broken never coexists with an open it forbids. */
    private static void checkAgainstOpens(FileLease fl) {
        if (fl.isExclusive()) {
            assertThat(fl.isBreaking() || fl.hasDeadline()).as("%s is unbreakable", fl).isFalse();
        }
        if (fl.isBreaking() || fl.isLayout()) {
            return;
        }
        Inode i = fl.file.inode();
        if (fl.type == F_WRLCK) {
            assertThat(i.writeCount).as("writers beside %s", fl).isEqualTo(fl.file.canWrite() ? 1 : 0);
            assertThat(i.readCount).as("readers beside %s", fl).isEqualTo(fl.file.canWrite() ? 0 : 1);
        } else {
            // The holder's own writable open may remain: a write lease taken on an O_RDWR fd
            // becomes a read lease when its downgrade times out.
            assertThat(i.writeCount).as("writers beside %s", fl).isEqualTo(fl.file.canWrite() ? 1 : 0);
        }
    }
}
