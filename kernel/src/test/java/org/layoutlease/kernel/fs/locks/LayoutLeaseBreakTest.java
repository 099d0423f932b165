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
import org.layoutlease.kernel.Wait;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.signal.SigInfo;
import org.layoutlease.kernel.signal.SigPending;
import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.Signals;

/**
 * break_layout() (SYSTEM.md §2.5-§2.7, §2.9; §4 scenarios 5-9, 12, 15-17, 21, 24-27): what it
 * breaks, how a plain layout lease is broken, and how an exclusive one refuses.
 */
class LayoutLeaseBreakTest {

    private static LeaseFixture fixture(String policy) {
        return new LeaseFixture(policy);
    }

    private static String line(LeaseFixture x, int id, String state, Task taker) {
        return id + ": LEASE  " + state + " UNLCK " + taker.tgid() + " " + x.devIno() + " 0 EOF";
    }

    // ---------------------------------------------------------------- who conflicts with whom (§2.5)

    @ParameterizedTest
    @ValueSource(strings = {"linux", "rfc-v1", "rfc-v2"})
    void breakLayoutLeavesPlainLeasesAlone(String policy) {
        LeaseFixture x = fixture(policy);
        Task a = x.process("A");
        Task b = x.process("B");
        x.handle(a, Signals.SIGIO, false);
        int fd = x.lease(a, O_RDONLY, F_WRLCK);
        assertThat(x.leases().breakLayout(b, x.inode(F), false)).isSameAs(Wait.NONE);
        assertThat(x.breakLayout(b, false)).isEqualTo(ok(0));
        assertThat(x.getLease(a, fd)).isEqualTo(F_WRLCK);
        assertThat(x.signals(a)).isEmpty();
    }

    @Test
    void underLinuxNoLayoutLeaseCanExistSoNothingBreaks() {
        LeaseFixture x = fixture("linux");
        Task a = x.process("A");
        int fd = x.openOk(a, F, O_RDWR);
        assertThat(x.setLease(a, fd, F_LAYOUT)).isEqualTo(err(Errno.EINVAL));
        assertThat(x.breakLayout(a, false)).isEqualTo(ok(0));
        assertThat(x.breakLayout(a, true)).isEqualTo(ok(0));
        assertThat(x.leases().hasLayoutLease(x.inode(F))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rfc-v1", "rfc-v2"})
    void opensAndTruncateLeaveLayoutLeasesAlone(String policy) {
        LeaseFixture x = fixture(policy);
        Task a = x.process("A");
        Task b = x.process("B");
        x.handle(a, Signals.SIGIO, false);
        int fd = x.lease(a, O_RDONLY, F_LAYOUT);
        assertThat(x.open(b, F, O_RDWR | O_TRUNC)).isEqualTo(ok(3));
        assertThat(x.truncate(b, F, 0)).isEqualTo(ok(0));
        assertThat(x.getLease(a, fd)).isEqualTo(F_LAYOUT);
        assertThat(x.signals(a)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rfc-v1", "rfc-v2"})
    void eachBreakerSeesOnlyItsOwnKindOnAFileWithBoth(String policy) {
        LeaseFixture x = fixture(policy);
        Task a = x.process("A");
        Task b = x.process("B");
        Task c = x.process("C");
        x.handle(a, Signals.SIGIO, false);
        x.handle(b, Signals.SIGIO, false);
        int plain = x.lease(a, O_RDONLY, F_RDLCK);
        int layout = x.lease(b, O_RDONLY, F_LAYOUT);
        assertThat(x.open(c, F, O_WRONLY | O_NONBLOCK)).isEqualTo(err(Errno.EAGAIN));
        assertThat(x.getLease(a, plain)).isEqualTo(F_UNLCK);
        assertThat(x.getLease(b, layout)).isEqualTo(F_LAYOUT);
        assertThat(x.signals(b)).isEmpty();
        x.setLease(a, plain, F_UNLCK);
        assertThat(x.breakLayout(c, true)).isEqualTo(err(Errno.EAGAIN));
        assertThat(x.getLease(b, layout)).isEqualTo(F_UNLCK);
        assertThat(x.signals(a)).hasSize(1);
        assertThat(x.signals(b)).hasSize(1);
    }

    // ---------------------------------------------------------------- a plain layout lease (§2.6, scenario 26)

    @ParameterizedTest
    @ValueSource(strings = {"rfc-v1", "rfc-v2"})
    void plainLayoutLeaseIsMarkedSignalledAndReleasedByUnlock(String policy) {
        LeaseFixture x = fixture(policy);
        Task a = x.process("A");
        Task b = x.process("B");
        x.k.sysctl.leaseBreakTimeSeconds = 5;
        int fd = x.openOk(a, F, O_RDWR);
        int sig = Signals.SIGRTMIN + 1;
        x.fcntl(a, fd, F_SETSIG, sig);
        x.handle(a, sig, false);
        x.setLease(a, fd, F_LAYOUT);
        assertThat(x.breakLayout(b, false).isBlocked()).isTrue();
        assertThat(x.signals(a)).containsExactly(SigInfo.poll(sig, POLL_MSG, 0x441, fd));
        FileLease fl = x.inode(F).lockContext.leaseOf(x.fileOf(a, fd));
        assertThat(fl.flags() & FileLease.FL_UNLOCK_PENDING).isNotZero();
        assertThat(fl.breakTimeNanos).isEqualTo(x.now() + 5 * SEC);
        assertThat(x.procLocks()).containsExactly(line(x, 1, "BREAKING ", a), breakerLine(1, "WRITE", b));
        assertThat(x.getLease(a, fd)).isEqualTo(F_UNLCK);
        x.advance(SEC);
        assertThat(x.setLease(a, fd, F_UNLCK)).isEqualTo(ok(0));
        KernelEvent.CallReturned r = x.lastReturn(b);
        assertThat(r.result()).isEqualTo(ok(0));
        assertThat(r.durationNanos()).isEqualTo(SEC);
        assertThat(x.procLocks()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rfc-v1", "rfc-v2"})
    void closeOfTheLeasedFileReleasesTheBreaker(String policy) {
        LeaseFixture x = fixture(policy);
        Task a = x.process("A");
        Task b = x.process("B");
        x.handle(a, Signals.SIGIO, false);
        int fd = x.lease(a, O_RDWR, F_LAYOUT);
        assertThat(x.breakLayout(b, false).isBlocked()).isTrue();
        x.close(a, fd);
        assertThat(x.lastReturn(b).result()).isEqualTo(ok(0));
        assertThat(x.leases().hasLayoutLease(x.inode(F))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rfc-v1", "rfc-v2"})
    void timeoutDeletesTheLeaseAndClearsOwnerAndSetsig(String policy) {
        LeaseFixture x = fixture(policy);
        Task a = x.process("A");
        Task b = x.process("B");
        int fd = x.openOk(a, F, O_RDWR);
        x.handle(a, Signals.SIGUSR1, false);
        x.fcntl(a, fd, F_SETSIG, Signals.SIGUSR1);
        x.setLease(a, fd, F_LAYOUT);
        assertThat(x.breakLayout(b, false).isBlocked()).isTrue();
        KernelEvent.CallReturned r = x.resume(b);
        assertThat(r.result()).isEqualTo(ok(0));
        assertThat(r.durationNanos()).isEqualTo(LeaseFixture.LEASE_BREAK_SECONDS * SEC);
        assertThat(x.procLocks()).isEmpty();
        assertThat(x.fcntl(a, fd, F_GETOWN, 0)).isEqualTo(ok(0));
        assertThat(x.fcntl(a, fd, F_GETSIG, 0)).isEqualTo(ok(0));
        assertThat(x.setLease(a, fd, F_UNLCK)).isEqualTo(err(Errno.EAGAIN));
        assertThat(x.invariants()).as("A was signalled").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rfc-v1", "rfc-v2"})
    void nonblockingBreakMarksThenFailsWithEwouldblock(String policy) {
        LeaseFixture x = fixture(policy);
        Task a = x.process("A");
        Task b = x.process("B");
        x.handle(a, Signals.SIGIO, false);
        int fd = x.lease(a, O_RDWR, F_LAYOUT);
        assertThat(x.breakLayout(b, true)).isEqualTo(err(Errno.EAGAIN));
        assertThat(x.signals(a, Signals.SIGIO)).hasSize(1);
        assertThat(x.procLocks()).containsExactly(line(x, 1, "BREAKING ", a));
        assertThat(x.breakLayout(b, true)).as("marked once per break").isEqualTo(err(Errno.EAGAIN));
        assertThat(x.signals(a, Signals.SIGIO)).hasSize(1);
        x.advance(LeaseFixture.LEASE_BREAK_SECONDS * SEC);
        assertThat(x.procLocks()).as("expiry is lazy").hasSize(1);
        assertThat(x.breakLayout(b, true)).isEqualTo(ok(0));
        assertThat(x.getLease(a, fd)).isEqualTo(F_UNLCK);
        assertThat(x.procLocks()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rfc-v1", "rfc-v2"})
    void theHoldersOwnBreakOfAPlainLayoutLeaseSignalsAndWaits(String policy) {
        LeaseFixture x = fixture(policy);
        Task a = x.process("A");
        x.call(a, () -> x.k.sub().signal.rtSigprocmask(a, SIG_BLOCK, SigPending.bit(Signals.SIGIO)));
        x.lease(a, O_RDWR, F_LAYOUT);
        assertThat(x.breakLayout(a, false).isBlocked()).isTrue();
        KernelEvent.CallReturned r = x.resume(a);
        assertThat(r.result()).isEqualTo(ok(0));
        assertThat(r.durationNanos()).isEqualTo(LeaseFixture.LEASE_BREAK_SECONDS * SEC);
        assertThat(a.group().sharedPending.mask() & SigPending.bit(Signals.SIGIO)).as("SIGIO was sent").isNotZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rfc-v1", "rfc-v2"})
    void aTimedOutLayoutLeaseOfADeadTakerIsASilentRevoke(String policy) {
        LeaseFixture x = fixture(policy);
        Task a = x.process("A");
        Task b = x.process("B");
        x.lease(a, O_RDWR, F_LAYOUT);
        x.fork(a, "C");
        x.exit(a);
        assertThat(x.breakLayout(b, false).isBlocked()).isTrue();
        x.resume(b);
        assertThat(x.invariants()).singleElement().satisfies(i -> {
            assertThat(i.name()).isEqualTo("silent-revoke");
            assertThat(i.text()).startsWith("layout lease on /mnt/f (taken by A");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"rfc-v1", "rfc-v2"})
    void aLayoutLeaseOutlivingEveryProcessIsALeak(String policy) {
        LeaseFixture x = fixture(policy);
        Task a = x.process("A");
        int fd = x.lease(a, O_RDWR, F_LAYOUT);
        x.fileOf(a, fd).get();
        x.exit(a);
        assertThat(x.leases().leaks()).singleElement().asString().startsWith("layout lease on /mnt/f (taken by A");
    }

    // ---------------------------------------------------------------- an exclusive layout lease (§2.6, §2.7)

    @Test
    void rfcV1HasNoExclusiveLeaseToRefuseABreak() {
        LeaseFixture x = fixture("rfc-v1");
        Task a = x.process("A");
        int fd = x.openOk(a, F, O_RDWR);
        assertThat(x.setLease(a, fd, F_LAYOUT | F_EXCLUSIVE)).isEqualTo(err(Errno.EINVAL));
        assertThat(x.breakLayout(x.process("B"), false)).isEqualTo(ok(0));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void exclusiveLeaseFailsOthersWithEtxtbsyWithoutMarkOrSignal(boolean nonblock) {
        LeaseFixture x = fixture("rfc-v2");
        Task a = x.process("A");
        Task b = x.process("B");
        x.handle(a, Signals.SIGIO, false);
        int fd = x.lease(a, O_RDWR, F_LAYOUT | F_EXCLUSIVE);
        assertThat(x.breakLayout(b, nonblock)).isEqualTo(err(Errno.ETXTBSY));
        FileLease fl = x.inode(F).lockContext.leaseOf(x.fileOf(a, fd));
        assertThat(fl.isBreaking()).isFalse();
        assertThat(fl.hasDeadline()).isFalse();
        assertThat(x.signals(a)).isEmpty();
        assertThat(x.procLocks()).containsExactly(line(x, 1, "ACTIVE   ", a));
        assertThat(x.getLease(a, fd)).isEqualTo(F_LAYOUT);
    }

    @Test
    void exclusiveLeaseNeverTimesOutWhateverLeaseBreakTimeSays() {
        LeaseFixture x = fixture("rfc-v2");
        Task a = x.process("A");
        Task b = x.process("B");
        x.k.sysctl.leaseBreakTimeSeconds = 1;
        int fd = x.lease(a, O_RDWR, F_LAYOUT | F_EXCLUSIVE);
        assertThat(x.breakLayout(b, false)).isEqualTo(err(Errno.ETXTBSY));
        x.advance(5 * SEC);
        assertThat(x.getLease(a, fd)).isEqualTo(F_LAYOUT);
        assertThat(x.breakLayout(b, false)).isEqualTo(err(Errno.ETXTBSY));
        x.k.sysctl.leaseBreakTimeSeconds = 0;
        assertThat(x.breakLayout(b, false)).isEqualTo(err(Errno.ETXTBSY));
        assertThat(x.procLocks()).containsExactly(line(x, 1, "ACTIVE   ", a));
        assertThat(x.k.timers.isEmpty()).as("no timer").isTrue();
    }

    @Test
    void theTakersOwnProcessGetsEdeadlockFromAnyThread() {
        LeaseFixture x = fixture("rfc-v2");
        Task a = x.process("A");
        Task a2 = x.thread(a, "A2");
        x.lease(a, O_RDWR, F_LAYOUT | F_EXCLUSIVE);
        assertThat(x.breakLayout(a, false)).isEqualTo(err(Errno.EDEADLOCK));
        assertThat(x.breakLayout(a2, true)).isEqualTo(err(Errno.EDEADLOCK));
        Task child = x.fork(a, "C");
        assertThat(x.breakLayout(child, false)).as("fl_pid is the taker's tgid").isEqualTo(err(Errno.ETXTBSY));
    }

    @Test
    void theScanGoesOnPastAnotherExclusiveLeaseToTheBreakersOwn() {
        LeaseFixture x = fixture("rfc-v2");
        Task a = x.process("A");
        Task b = x.process("B");
        Task c = x.process("C");
        x.lease(a, O_RDWR, F_LAYOUT | F_EXCLUSIVE);
        x.lease(b, O_RDWR, F_LAYOUT | F_EXCLUSIVE);
        assertThat(x.breakLayout(b, false)).isEqualTo(err(Errno.EDEADLOCK));
        assertThat(x.breakLayout(a, false)).isEqualTo(err(Errno.EDEADLOCK));
        assertThat(x.breakLayout(c, false)).isEqualTo(err(Errno.ETXTBSY));
    }

    @Test
    void plainLayoutLeasesMetBesideAnExclusiveOneAreStillBroken() {
        // Scenario 25 [code]: C's break fails, yet A's plain lease is marked and A signalled;
        // the lease is reaped at the next lease operation after the deadline.
        LeaseFixture x = fixture("rfc-v2");
        Task a = x.process("A");
        Task b = x.process("B");
        Task c = x.process("C");
        x.handle(a, Signals.SIGIO, false);
        int afd = x.lease(a, O_RDWR, F_LAYOUT);
        x.lease(b, O_RDWR, F_LAYOUT | F_EXCLUSIVE);
        x.lease(x.process("D"), O_RDONLY, F_LAYOUT);
        Task d = x.k.task(x.leases().newest().pid());
        x.handle(d, Signals.SIGIO, false);
        assertThat(x.breakLayout(c, false)).isEqualTo(err(Errno.ETXTBSY));
        assertThat(x.signals(a, Signals.SIGIO)).hasSize(1);
        assertThat(x.signals(d, Signals.SIGIO)).as("a plain lease after the exclusive one too").hasSize(1);
        assertThat(x.procLocks()).containsExactly(line(x, 1, "BREAKING ", d), line(x, 2, "ACTIVE   ", b),
            line(x, 3, "BREAKING ", a));
        assertThat(x.getLease(a, afd)).isEqualTo(F_UNLCK);
        x.advance(3 * SEC);
        assertThat(x.procLocks()).as("lazy expiry").hasSize(3);
        assertThat(x.getLease(a, afd)).isEqualTo(F_UNLCK);
        assertThat(x.procLocks()).containsExactly(line(x, 1, "ACTIVE   ", b));
        assertThat(x.breakLayout(c, false)).isEqualTo(err(Errno.ETXTBSY));
        assertThat(x.invariants()).isEmpty();
    }

    @Test
    void theScanStopsAtTheBreakersOwnExclusiveLease() {
        LeaseFixture x = fixture("rfc-v2");
        Task a = x.process("A");
        Task b = x.process("B");
        x.handle(b, Signals.SIGIO, false);
        x.lease(a, O_RDWR, F_LAYOUT | F_EXCLUSIVE);
        int bfd = x.lease(b, O_RDWR, F_LAYOUT);
        assertThat(x.breakLayout(a, false)).isEqualTo(err(Errno.EDEADLOCK));
        assertThat(x.getLease(b, bfd)).as("v2's goto out: later leases are not marked").isEqualTo(F_LAYOUT);
        assertThat(x.signals(b)).isEmpty();
    }

    @Test
    void noExclusiveLeaseCanSlipInWhileABreakerWaits() {
        LeaseFixture x = fixture("rfc-v2");
        Task a = x.process("A");
        Task b = x.process("B");
        Task c = x.process("C");
        x.handle(a, Signals.SIGIO, false);
        int afd = x.lease(a, O_RDWR, F_LAYOUT);
        int cfd = x.openOk(c, F, O_RDWR);
        assertThat(x.breakLayout(b, false).isBlocked()).isTrue();
        assertThat(x.setLease(c, cfd, F_LAYOUT | F_EXCLUSIVE)).isEqualTo(err(Errno.EAGAIN));
        assertThat(x.setLease(a, afd, F_LAYOUT | F_EXCLUSIVE)).as("re-issue only modifies").isEqualTo(ok(0));
        assertThat(x.leases().exclusiveLayoutLeaseFile(x.inode(F), a.tgid())).isNull();
        x.advance(10 * MS);
        x.setLease(a, afd, F_UNLCK);
        assertThat(x.lastReturn(b).result()).isEqualTo(ok(0));
        assertThat(x.setLease(c, cfd, F_LAYOUT | F_EXCLUSIVE)).isEqualTo(ok(0));
        assertThat(x.breakLayout(b, false)).isEqualTo(err(Errno.ETXTBSY));
    }
}
