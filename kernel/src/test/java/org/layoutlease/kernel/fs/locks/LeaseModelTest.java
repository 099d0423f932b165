package org.layoutlease.kernel.fs.locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layoutlease.kernel.uapi.Uapi.*;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.layoutlease.kernel.fs.Inode;
import org.layoutlease.kernel.lib.RandomCases;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.signal.SigPending;
import org.layoutlease.kernel.uapi.Signals;

/**
 * Seeded random schedules of opens, leases, unlocks, closes, signals and time: after every step
 * the lease lists, blocked trees and deadline counts are consistent and no granted open
 * contradicts a lease that is not being broken; at the end every process exits and nothing is left.
 */
class LeaseModelTest {
    private static final int STEPS = 40;
    private static final String[] FILES = {LeaseFixture.F, "/mnt/g"};
    private static final int[] MODES = {O_RDONLY, O_WRONLY, O_RDWR, O_RDONLY | O_TRUNC};

    @Test
    void randomSchedulesKeepLeaseStateConsistent() {
        RandomCases.run("LeaseModelTest", LeaseModelTest::oneCase);
    }

    private static void oneCase(Random r) {
        LeaseFixture x = new LeaseFixture();
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
                act(x, r, t, tasks);
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

    private static void act(LeaseFixture x, Random r, Task t, List<Task> tasks) {
        List<Integer> fds = t.group().files.openFds().stream().filter(fd -> fd > 2).toList();
        int fd = fds.isEmpty() ? -1 : fds.get(r.nextInt(fds.size()));
        switch (r.nextInt(9)) {
            case 0, 1 -> x.open(t, FILES[r.nextInt(FILES.length)], MODES[r.nextInt(MODES.length)]
                | (r.nextInt(4) == 0 ? O_NONBLOCK : 0));
            case 2, 3 -> {
                if (fd >= 0) {
                    x.setLease(t, fd, r.nextInt(3));
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
            default -> x.advance(r.nextInt(2500) * LeaseFixture.MS);
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

    /** A lease that is not being broken never coexists with an open it forbids. */
    private static void checkAgainstOpens(FileLease fl) {
        if (fl.isBreaking()) {
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
