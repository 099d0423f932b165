package org.layoutlease.kernel.fs.locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layoutlease.kernel.fs.locks.LeaseFixture.F;
import static org.layoutlease.kernel.fs.locks.LeaseFixture.MS;
import static org.layoutlease.kernel.fs.locks.LeaseFixture.SEC;
import static org.layoutlease.kernel.fs.locks.LeaseFixture.breakerLine;
import static org.layoutlease.kernel.fs.locks.LeaseFixture.err;
import static org.layoutlease.kernel.fs.locks.LeaseFixture.ok;
import static org.layoutlease.kernel.uapi.Uapi.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.layoutlease.kernel.KernelEvent;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.signal.SigPending;
import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.Signals;

/** LINUX-LEASES.md Part B "Holder behaviour and timing" (topic 4) and A4's lazy expiry. */
class LeaseTimingTest {
    private final LeaseFixture x = new LeaseFixture();
    private final Task a = x.process("A");
    private final Task b = x.process("B");

    private void blockedWriteOpen() {
        assertThat(x.open(b, F, O_WRONLY).isBlocked()).isTrue();
    }

    // ---------------------------------------------------------------- prompt release (4.02-4.09)

    @Test
    void unlockReleasesTheBreakerAtOnce() {
        x.handle(a, Signals.SIGIO, false);
        int fd = x.lease(a, O_RDONLY, F_WRLCK);
        blockedWriteOpen();
        x.advance(10 * MS);
        x.setLease(a, fd, F_UNLCK);
        KernelEvent.CallReturned r = x.lastReturn(b);
        assertThat(r.result()).isEqualTo(ok(3));
        assertThat(r.durationNanos()).isEqualTo(10 * MS);
        assertThat(x.procLocks()).isEmpty();
    }

    @Test
    void closeReleasesTheBreaker() {
        x.handle(a, Signals.SIGIO, false);
        int fd = x.lease(a, O_RDONLY, F_WRLCK);
        blockedWriteOpen();
        x.close(a, fd);
        assertThat(x.lastReturn(b).result()).isEqualTo(ok(3));
    }

    @Test
    void exitReleasesTheBreaker() {
        x.handle(a, Signals.SIGIO, false);
        int fd = x.lease(a, O_RDONLY, F_WRLCK);
        blockedWriteOpen();
        x.exit(a);
        assertThat(x.lastReturn(b).result()).isEqualTo(ok(3));
        assertThat(x.invariants()).isEmpty();
    }

    @Test
    void downgradeIsRefusedAgainstAWriteBreakerWhichWaitsTheFullTime() {
        x.handle(a, Signals.SIGIO, false);
        int fd = x.lease(a, O_RDONLY, F_WRLCK);
        blockedWriteOpen();
        assertThat(x.setLease(a, fd, F_RDLCK)).isEqualTo(err(Errno.EAGAIN));
        KernelEvent.CallReturned r = x.resume(b);
        assertThat(r.durationNanos()).isEqualTo(2 * SEC);
        assertThat(x.getLease(a, fd)).isEqualTo(F_UNLCK);
    }

    // ---------------------------------------------------------------- the holder ignores the break (4.11-4.17)

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void ignoredSignalMeansTheBreakerWaitsLeaseBreakTime(long seconds) {
        x.k.sysctl.leaseBreakTimeSeconds = seconds;
        x.ignore(a, Signals.SIGIO);
        int fd = x.lease(a, O_RDONLY, F_WRLCK);
        blockedWriteOpen();
        KernelEvent.CallReturned r = x.resume(b);
        assertThat(r.result()).isEqualTo(ok(3));
        assertThat(r.durationNanos()).isEqualTo(seconds * SEC);
        assertThat(x.procLocks()).as("a write-open break that times out removes the lease").isEmpty();
        assertThat(x.invariants()).as("an ignored signal still counts as sent").isEmpty();
        assertThat(x.setLease(a, fd, F_UNLCK)).as("a late unlock").isEqualTo(err(Errno.EAGAIN));
        assertThat(x.fcntl(a, fd, F_GETOWN, 0)).isEqualTo(ok(0));
    }

    @Test
    void readOpenBreakTimeoutLeavesAReadLease() {
        x.ignore(a, Signals.SIGIO);
        int fd = x.lease(a, O_RDONLY, F_WRLCK);
        assertThat(x.open(b, F, O_RDONLY).isBlocked()).isTrue();
        KernelEvent.CallReturned r = x.resume(b);
        assertThat(r.durationNanos()).as("the poll sees the downgrade deadline exactly").isEqualTo(2 * SEC);
        assertThat(x.getLease(a, fd)).isEqualTo(F_RDLCK);
        assertThat(x.procLocks()).containsExactly(x.activeLine("READ", a));
    }

    @Test
    void nonblockBreakStaysBreakingPastItsDeadlineUntilTheNextLeaseCall() {
        x.handle(a, Signals.SIGIO, false);
        int fd = x.lease(a, O_RDONLY, F_WRLCK);
        assertThat(x.open(b, F, O_WRONLY | O_NONBLOCK)).isEqualTo(err(Errno.EAGAIN));
        x.advance(5 * SEC);
        assertThat(x.procLocks()).containsExactly(x.breakingLine("UNLCK", a));
        assertThat(x.getLease(a, fd)).isEqualTo(F_UNLCK);
        assertThat(x.procLocks()).isEmpty();
        assertThat(x.open(b, F, O_WRONLY | O_NONBLOCK)).isEqualTo(ok(3));
    }

    @Test
    void nonblockBreakPastItsDeadlineCanStillBeUnlocked() {
        x.handle(a, Signals.SIGIO, false);
        int fd = x.lease(a, O_RDONLY, F_WRLCK);
        x.open(b, F, O_WRONLY | O_NONBLOCK);
        x.advance(5 * SEC);
        assertThat(x.setLease(a, fd, F_UNLCK)).as("generic_delete_lease does not time out leases").isEqualTo(ok(0));
    }

    @Test
    void repeatedNonblockOpensSignalOnce() {
        x.handle(a, Signals.SIGIO, false);
        x.lease(a, O_RDONLY, F_WRLCK);
        for (int i = 0; i < 21; i++) {
            assertThat(x.open(b, F, O_WRONLY | O_NONBLOCK)).isEqualTo(err(Errno.EAGAIN));
            x.advance(10 * MS);
        }
        assertThat(x.signals(a, Signals.SIGIO)).hasSize(1);
    }

    // ---------------------------------------------------------------- the breaker is interrupted (4.22, 4.23)

    @Test
    void eintrKeepsTheDeadlineSoARetryWaitsTheRemainder() {
        x.call(a, () -> x.k.sub().signal.rtSigprocmask(a, SIG_BLOCK, SigPending.bit(Signals.SIGIO)));
        x.handle(b, Signals.SIGUSR1, false);
        x.lease(a, O_RDONLY, F_WRLCK);
        blockedWriteOpen();
        x.advance(500 * MS);
        x.kill(a, b, Signals.SIGUSR1);
        KernelEvent.CallReturned r = x.lastReturn(b);
        assertThat(r.result()).isEqualTo(err(Errno.EINTR));
        assertThat(r.durationNanos()).isEqualTo(500 * MS);
        assertThat(x.procLocks()).as("the breaker entry is gone").containsExactly(x.breakingLine("UNLCK", a));
        assertThat(x.inode(F).writeCount).as("the interrupted open is undone").isZero();
        blockedWriteOpen();
        r = x.resume(b);
        assertThat(r.result()).isEqualTo(ok(3));
        assertThat(r.durationNanos()).isEqualTo(1500 * MS);
        assertThat(x.now()).isEqualTo(2 * SEC);
    }

    @Test
    void saRestartWaitsOnWithTheSameDeadline() {
        x.call(a, () -> x.k.sub().signal.rtSigprocmask(a, SIG_BLOCK, SigPending.bit(Signals.SIGIO)));
        x.handle(b, Signals.SIGUSR1, true);
        x.lease(a, O_RDONLY, F_WRLCK);
        blockedWriteOpen();
        x.advance(500 * MS);
        x.kill(a, b, Signals.SIGUSR1);
        assertThat(x.signals(b, Signals.SIGUSR1)).hasSize(1);
        KernelEvent.CallReturned r = x.resume(b);
        assertThat(r.result()).isEqualTo(ok(3));
        assertThat(r.durationNanos()).isEqualTo(2 * SEC);
    }

    // ---------------------------------------------------------------- several breakers (4.24-4.26)

    @Test
    void readOpenPassesAReadLeaseThatIsBreaking() {
        x.handle(a, Signals.SIGIO, false);
        x.lease(a, O_RDONLY, F_RDLCK);
        assertThat(x.open(b, F, O_WRONLY | O_NONBLOCK)).isEqualTo(err(Errno.EAGAIN));
        Task c = x.process("C");
        assertThat(x.open(c, F, O_RDONLY)).isEqualTo(ok(3));
    }

    @Test
    void readAndWriteBreakersBothFinishAtTheWriteDeadline() {
        x.handle(a, Signals.SIGIO, false);
        int fd = x.lease(a, O_RDONLY, F_WRLCK);
        Task c = x.process("C");
        assertThat(x.open(b, F, O_RDONLY).isBlocked()).isTrue();
        x.advance(50 * MS);
        assertThat(x.open(c, F, O_WRONLY).isBlocked()).isTrue();
        assertThat(x.procLocks()).containsExactly(
            x.breakingLine("UNLCK", a), breakerLine(1, "READ", b), breakerLine(2, "WRITE", c));
        assertThat(x.signals(a, Signals.SIGIO)).hasSize(2);
        KernelEvent.CallReturned rb = x.resume(b);
        assertThat(rb.durationNanos()).isEqualTo(2050 * MS);
        KernelEvent.CallReturned rc = x.lastReturn(c);
        assertThat(rc.result()).isEqualTo(ok(3));
        assertThat(rc.durationNanos()).isEqualTo(2 * SEC);
        assertThat(x.getLease(a, fd)).isEqualTo(F_UNLCK);
    }

    @Test
    void twoWriteBreakersQueueOneBehindTheOther() {
        x.handle(a, Signals.SIGIO, false);
        int fd = x.lease(a, O_RDONLY, F_RDLCK);
        Task c = x.process("C");
        x.open(b, F, O_WRONLY);
        x.open(c, F, O_RDWR);
        assertThat(x.procLocks()).containsExactly(
            x.breakingLine("UNLCK", a), breakerLine(1, "WRITE", b), breakerLine(2, "WRITE", c));
        assertThat(x.signals(a, Signals.SIGIO)).as("one signal per break level").hasSize(1);
        x.setLease(a, fd, F_UNLCK);
        assertThat(x.lastReturn(b).result()).isEqualTo(ok(3));
        assertThat(x.lastReturn(c).result()).isEqualTo(ok(3));
    }

    @Test
    void interruptedFirstBreakerLetsTheOneBehindItMoveUp() {
        x.handle(a, Signals.SIGIO, false);
        x.handle(b, Signals.SIGUSR1, false);
        x.lease(a, O_RDONLY, F_RDLCK);
        Task c = x.process("C");
        x.open(b, F, O_WRONLY);
        x.open(c, F, O_WRONLY);
        x.kill(a, b, Signals.SIGUSR1);
        assertThat(x.procLocks()).containsExactly(x.breakingLine("UNLCK", a), breakerLine(1, "WRITE", c));
        assertThat(x.resume(c).durationNanos()).isEqualTo(2 * SEC);
    }

    @Test
    void newLeaseRefusedWhileAnUnlockBreakIsPending() {
        x.handle(a, Signals.SIGIO, false);
        x.lease(a, O_RDONLY, F_RDLCK);
        x.open(b, F, O_WRONLY | O_NONBLOCK);
        Task c = x.process("C");
        int fd = x.openOk(c, F, O_RDONLY);
        assertThat(x.setLease(c, fd, F_RDLCK)).isEqualTo(err(Errno.EAGAIN));
    }

    @Test
    void twoLeasesInOneProcessBothSignalledAndBothAwaited() {
        x.handle(a, Signals.SIGIO, false);
        int fd1 = x.lease(a, O_RDONLY, F_RDLCK);
        int fd2 = x.lease(a, O_RDONLY, F_RDLCK);
        x.open(b, F, O_WRONLY);
        assertThat(x.signals(a, Signals.SIGIO)).hasSize(2);
        x.setLease(a, fd1, F_UNLCK);
        assertThat(b.isBlocked()).isTrue();
        x.setLease(a, fd2, F_UNLCK);
        assertThat(x.lastReturn(b).result()).isEqualTo(ok(3));
    }

    // ---------------------------------------------------------------- lease-break-time (4.27-4.31)

    @ParameterizedTest
    @ValueSource(longs = {0, -1})
    void nonPositiveLeaseBreakTimeNeverExpires(long seconds) {
        x.k.sysctl.leaseBreakTimeSeconds = seconds;
        x.ignore(a, Signals.SIGIO);
        int fd = x.lease(a, O_RDONLY, F_WRLCK);
        blockedWriteOpen();
        assertThat(x.k.timers.nextDeadline()).as("nothing will wake the breaker").isNegative();
        x.advance(100 * SEC);
        assertThat(b.isBlocked()).isTrue();
        x.setLease(a, fd, F_UNLCK);
        assertThat(x.lastReturn(b).durationNanos()).isEqualTo(100 * SEC);
    }

    @Test
    void nonPositiveLeaseBreakTimeReadBreakerWaitsForTheDowngrade() {
        x.k.sysctl.leaseBreakTimeSeconds = 0;
        x.ignore(a, Signals.SIGIO);
        int fd = x.lease(a, O_RDONLY, F_WRLCK);
        x.open(b, F, O_RDONLY);
        x.advance(100 * SEC);
        assertThat(b.isBlocked()).isTrue();
        x.setLease(a, fd, F_RDLCK);
        assertThat(x.lastReturn(b).result()).isEqualTo(ok(3));
    }

    @Test
    void loweringLeaseBreakTimeDoesNotMoveAPendingDeadline() {
        x.k.sysctl.leaseBreakTimeSeconds = 3;
        x.ignore(a, Signals.SIGIO);
        x.lease(a, O_RDONLY, F_WRLCK);
        blockedWriteOpen();
        x.advance(100 * MS);
        x.k.sysctl.leaseBreakTimeSeconds = 1;
        assertThat(x.resume(b).durationNanos()).isEqualTo(3 * SEC);
    }

    @Test
    void writeBreakAfterATimedOutDowngradeStillNeedsItsOwnDeadline() {
        x.ignore(a, Signals.SIGIO);
        int fd = x.lease(a, O_RDONLY, F_WRLCK);
        x.open(b, F, O_RDONLY | O_NONBLOCK);
        x.advance(3 * SEC);
        Task c = x.process("C");
        assertThat(x.open(c, F, O_WRONLY).isBlocked()).isTrue();
        assertThat(x.getLease(a, fd)).isEqualTo(F_UNLCK);
        assertThat(x.resume(c).durationNanos()).isEqualTo(2 * SEC);
    }

    @Test
    void reUpgradedLeaseIsDowngradedAgainByItsOldDeadline() {
        // fl_downgrade_time is never reset, so the next time_out_leases downgrades again.
        x.handle(a, Signals.SIGIO, false);
        int fd = x.lease(a, O_RDONLY, F_WRLCK);
        assertThat(x.open(b, F, O_RDONLY | O_NONBLOCK)).isEqualTo(err(Errno.EAGAIN));
        assertThat(x.setLease(a, fd, F_RDLCK)).isEqualTo(ok(0));
        assertThat(x.setLease(a, fd, F_WRLCK)).isEqualTo(ok(0));
        x.advance(1 * SEC);
        assertThat(x.getLease(a, fd)).isEqualTo(F_WRLCK);
        x.advance(1 * SEC);
        assertThat(x.getLease(a, fd)).isEqualTo(F_RDLCK);
    }
}
