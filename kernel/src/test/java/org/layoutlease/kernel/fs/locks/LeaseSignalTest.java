package org.layoutlease.kernel.fs.locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layoutlease.kernel.fs.locks.LeaseFixture.F;
import static org.layoutlease.kernel.fs.locks.LeaseFixture.SEC;
import static org.layoutlease.kernel.fs.locks.LeaseFixture.ok;
import static org.layoutlease.kernel.fs.locks.LeaseFixture.value;
import static org.layoutlease.kernel.uapi.Uapi.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.layoutlease.kernel.KernelEvent;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.signal.SigInfo;
import org.layoutlease.kernel.uapi.Capabilities;
import org.layoutlease.kernel.uapi.Signals;
import org.layoutlease.kernel.uapi.SysResult;

/** LINUX-LEASES.md Part B "Signals" (topic 5), A5, and invariant silent-revoke. */
class LeaseSignalTest {
    private final LeaseFixture x = new LeaseFixture();
    private final Task a = x.process("A");
    private final Task b = x.process("B");

    private void breakWithWriteOpen() {
        assertThat(x.open(b, F, O_WRONLY | O_NONBLOCK)).isEqualTo(LeaseFixture.err(org.layoutlease.kernel.uapi.Errno.EAGAIN));
    }

    // ---------------------------------------------------------------- content (5.01-5.06)

    @Test
    void plainSigioIsSiKernelWithoutFdOrBand() {
        x.handle(a, Signals.SIGIO, false);
        x.lease(a, O_RDONLY, F_RDLCK);
        breakWithWriteOpen();
        assertThat(x.signals(a)).containsExactly(SigInfo.kernel(Signals.SIGIO));
        assertThat(x.signals(a).getFirst().render()).isEqualTo("{si_signo=SIGIO, si_code=SI_KERNEL}");
    }

    @ParameterizedTest
    @ValueSource(ints = {Signals.SIGRTMIN + 1, Signals.SIGIO, Signals.SIGUSR1})
    void setsigSignalCarriesPollMsgFdAndBand(int signo) {
        x.handle(a, signo, false);
        int fd = x.lease(a, O_RDONLY, F_RDLCK);
        x.fcntl(a, fd, F_SETSIG, signo);
        breakWithWriteOpen();
        assertThat(x.signals(a)).containsExactly(SigInfo.poll(signo, POLL_MSG, 0x441, fd));
        assertThat(x.signals(a).getFirst().render())
            .isEqualTo("{si_signo=" + Signals.name(signo) + ", si_code=POLL_MSG, si_band=0x441, si_fd=" + fd + "}");
    }

    @Test
    void unhandledSigioKillsTheHolderAndTheBreakerProceeds() {
        x.lease(a, O_RDONLY, F_WRLCK);
        SysResult r = x.open(b, F, O_WRONLY);
        assertThat(r.isBlocked()).as("the signal is delivered at the open's boundary").isTrue();
        assertThat(x.killed(a)).isTrue();
        assertThat(x.lastReturn(b).result()).isEqualTo(ok(3));
        assertThat(x.lastReturn(b).durationNanos()).isZero();
        assertThat(x.invariants()).isEmpty();
    }

    // ---------------------------------------------------------------- owners (5.10-5.15)

    @Test
    void setownBeforeTheLeaseIsKept() {
        Task c = x.process("C");
        x.handle(c, Signals.SIGIO, false);
        int fd = x.openOk(a, F, O_RDONLY);
        x.fcntl(a, fd, F_SETOWN, c.tgid());
        x.setLease(a, fd, F_RDLCK);
        assertThat(x.fcntl(a, fd, F_GETOWN, 0)).isEqualTo(ok(c.tgid()));
        breakWithWriteOpen();
        assertThat(x.signals(c)).hasSize(1);
        assertThat(x.signals(a)).isEmpty();
    }

    @Test
    void setownAfterTheLeaseRedirects() {
        Task c = x.process("C");
        x.handle(c, Signals.SIGIO, false);
        x.handle(a, Signals.SIGIO, false);
        int fd = x.lease(a, O_RDONLY, F_RDLCK);
        assertThat(x.fcntl(a, fd, F_GETOWN, 0)).isEqualTo(ok(a.tgid()));
        x.fcntl(a, fd, F_SETOWN, c.tgid());
        breakWithWriteOpen();
        assertThat(x.signals(c)).hasSize(1);
        assertThat(x.signals(a)).isEmpty();
    }

    @Test
    void setownExTidSignalsThatThreadOnly() {
        x.handle(a, Signals.SIGIO, false);
        Task t = x.thread(a, "T");
        int fd = x.lease(a, O_RDONLY, F_RDLCK);
        x.call(a, () -> x.k.sub().fcntl.setOwnEx(a, fd, F_OWNER_TID, t.tid()));
        breakWithWriteOpen();
        assertThat(x.signals(t)).hasSize(1);
        assertThat(x.signals(a)).isEmpty();
    }

    @Test
    void setownPgrpSignalsEveryMember() {
        x.handle(a, Signals.SIGIO, false);
        Task c = x.fork(a, "C");
        int fd = x.lease(a, O_RDONLY, F_RDLCK);
        x.fcntl(a, fd, F_SETOWN, -a.tgid());
        breakWithWriteOpen();
        assertThat(x.signals(a)).hasSize(1);
        assertThat(x.signals(c)).hasSize(1);
    }

    @Test
    void setleaseThroughADupMovesSiFd() {
        x.handle(a, Signals.SIGRTMIN, false);
        int fd = x.lease(a, O_RDONLY, F_RDLCK);
        x.fcntl(a, fd, F_SETSIG, Signals.SIGRTMIN);
        int dup = (int) value(x.dup(a, fd));
        assertThat(x.setLease(a, dup, F_RDLCK)).isEqualTo(ok(0));
        assertThat(x.leases().leaseCount()).isEqualTo(1);
        breakWithWriteOpen();
        assertThat(x.signals(a)).extracting(SigInfo::fd).containsExactly(dup);
    }

    @Test
    void twoOpensInOneProcessGetOneSignalEach() {
        x.handle(a, Signals.SIGRTMIN, false);
        int fd1 = x.lease(a, O_RDONLY, F_RDLCK);
        int fd2 = x.lease(a, O_RDONLY, F_RDLCK);
        x.fcntl(a, fd1, F_SETSIG, Signals.SIGRTMIN);
        x.fcntl(a, fd2, F_SETSIG, Signals.SIGRTMIN);
        breakWithWriteOpen();
        assertThat(x.signals(a)).extracting(SigInfo::fd).containsExactly(fd1, fd2);
    }

    // ---------------------------------------------------------------- lease_setup and lease_modify (5.16-5.24)

    @Test
    void setleaseSetsAsyncAndOwnerAndUnlockClearsThemWithTheSignal() {
        int fd = x.openOk(a, F, O_RDONLY);
        x.fcntl(a, fd, F_SETSIG, Signals.SIGUSR1);
        x.setLease(a, fd, F_RDLCK);
        assertThat(value(x.fcntl(a, fd, F_GETFL, 0)) & O_ASYNC).isEqualTo(O_ASYNC);
        assertThat(x.fcntl(a, fd, F_GETOWN, 0)).isEqualTo(ok(a.tgid()));
        x.setLease(a, fd, F_UNLCK);
        assertThat(value(x.fcntl(a, fd, F_GETFL, 0))).isEqualTo(O_RDONLY | O_LARGEFILE);
        assertThat(x.fcntl(a, fd, F_GETOWN, 0)).isEqualTo(ok(0));
        assertThat(x.fcntl(a, fd, F_GETSIG, 0)).isEqualTo(ok(0));
        x.handle(a, Signals.SIGIO, false);
        x.setLease(a, fd, F_RDLCK);
        breakWithWriteOpen();
        assertThat(x.signals(a)).as("re-taken lease: plain SIGIO").containsExactly(SigInfo.kernel(Signals.SIGIO));
    }

    @Test
    void forkChildSeesTheLeaseOnlyTheParentIsSignalledAndTheChildCanUnlock() {
        x.handle(a, Signals.SIGIO, false);
        int fd = x.lease(a, O_RDONLY, F_WRLCK);
        Task c = x.fork(a, "C");
        assertThat(x.getLease(c, fd)).isEqualTo(F_WRLCK);
        assertThat(x.fcntl(c, fd, F_GETOWN, 0)).isEqualTo(ok(a.tgid()));
        assertThat(x.open(b, F, O_WRONLY).isBlocked()).isTrue();
        assertThat(x.signals(a)).hasSize(1);
        assertThat(x.signals(c)).isEmpty();
        assertThat(x.setLease(c, fd, F_UNLCK)).isEqualTo(ok(0));
        assertThat(x.lastReturn(b).result()).isEqualTo(ok(3));
    }

    @Test
    void childRelockAfterUnlockBecomesOwnerAndTaker() {
        x.handle(a, Signals.SIGIO, false);
        int fd = x.lease(a, O_RDONLY, F_WRLCK);
        Task c = x.fork(a, "C");
        x.handle(c, Signals.SIGIO, false);
        x.setLease(c, fd, F_UNLCK);
        x.setLease(c, fd, F_WRLCK);
        assertThat(x.fcntl(a, fd, F_GETOWN, 0)).isEqualTo(ok(c.tgid()));
        assertThat(x.procLocks()).containsExactly(x.activeLine("WRITE", c));
        breakWithWriteOpen();
        assertThat(x.signals(c)).hasSize(1);
        assertThat(x.signals(a)).isEmpty();
    }

    @Test
    void leaseTakenByAThreadNamesTheThreadAsOwner() {
        Task t = x.thread(a, "T");
        x.handle(a, Signals.SIGIO, false);
        int fd = x.openOk(t, F, O_RDONLY);
        x.setLease(t, fd, F_RDLCK);
        assertThat(x.fcntl(a, fd, F_GETOWN, 0)).isEqualTo(ok(t.tid()));
        assertThat(x.procLocks()).containsExactly(x.activeLine("READ", a));
        breakWithWriteOpen();
        assertThat(x.signals(a).size() + x.signals(t).size()).as("a process-directed signal").isEqualTo(1);
    }

    // ---------------------------------------------------------------- SCM_RIGHTS (5.30-5.34)

    @Test
    void scmRightsReceiverSharesTheLeaseAndTheSenderIsSignalledWithItsStaleFd() {
        x.handle(a, Signals.SIGRTMIN, false);
        int fd = x.lease(a, O_RDWR, F_WRLCK);
        x.fcntl(a, fd, F_SETSIG, Signals.SIGRTMIN);
        Task r = x.process("R");
        int rfd = (int) value(x.call(a, () -> x.k.sub().scm.pass(a, fd, r.group())));
        assertThat(x.getLease(r, rfd)).isEqualTo(F_WRLCK);
        assertThat(x.fcntl(r, rfd, F_GETOWN, 0)).isEqualTo(ok(a.tgid()));
        assertThat(x.ftruncate(r, rfd, 0)).isEqualTo(ok(0));
        assertThat(x.signals(a)).isEmpty();
        x.close(a, fd);
        assertThat(x.open(b, F, O_RDONLY).isBlocked()).isTrue();
        assertThat(x.signals(a)).extracting(SigInfo::fd).containsExactly(fd);
        assertThat(x.setLease(r, rfd, F_UNLCK)).isEqualTo(ok(0));
        assertThat(x.lastReturn(b).result()).isEqualTo(ok(3));
    }

    // ---------------------------------------------------------------- silent revoke (5.25, 5.40)

    @Test
    void deadTakerLeaseIsRevokedSilentlyAtTimeout() {
        x.handle(a, Signals.SIGIO, false);
        int fd = x.lease(a, O_RDONLY, F_WRLCK);
        Task c = x.fork(a, "C");
        x.exit(a);
        assertThat(x.procLocks()).containsExactly(x.activeLine("WRITE", a));
        assertThat(x.open(b, F, O_WRONLY).isBlocked()).isTrue();
        assertThat(x.invariants()).isEmpty();
        KernelEvent.CallReturned r = x.resume(b);
        assertThat(r.durationNanos()).isEqualTo(2 * SEC);
        assertThat(x.invariants()).singleElement().satisfies(i -> {
            assertThat(i.name()).isEqualTo("silent-revoke");
            assertThat(i.text()).contains("/mnt/f", "A", "exited");
            assertThat(i.atNanos()).isEqualTo(2 * SEC);
        });
        assertThat(x.getLease(c, fd)).isEqualTo(F_UNLCK);
    }

    @Test
    void sigioPermDropRevokesSilently() {
        x.file("/mnt/n", 65534, 16, 0644);
        Task n = x.process("N", 65534, Capabilities.NONE);
        int fd = x.openOk(n, "/mnt/n", O_RDONLY);
        x.setLease(n, fd, F_WRLCK);
        x.fcntl(n, fd, F_SETOWN, b.tgid());
        assertThat(x.open(b, "/mnt/n", O_WRONLY).isBlocked()).isTrue();
        assertThat(x.signals(b)).isEmpty();
        assertThat(x.signals(n)).isEmpty();
        assertThat(x.resume(b).durationNanos()).isEqualTo(2 * SEC);
        assertThat(x.invariants()).singleElement().satisfies(i -> {
            assertThat(i.name()).isEqualTo("silent-revoke");
            assertThat(i.text()).contains("/mnt/n", "sigio_perm", "B");
        });
    }

    @Test
    void ownerClearedByFsetownZeroRevokesSilentlyAtTheNextLeaseCall() {
        int fd = x.lease(a, O_RDONLY, F_WRLCK);
        x.fcntl(a, fd, F_SETOWN, 0);
        breakWithWriteOpen();
        x.advance(3 * SEC);
        assertThat(x.invariants()).as("expiry is lazy").isEmpty();
        assertThat(x.getLease(a, fd)).isEqualTo(F_UNLCK);
        assertThat(x.invariants()).singleElement().satisfies(i -> assertThat(i.text()).contains("no signal owner"));
    }

    @Test
    void signalledHolderThatLetsTheLeaseExpireIsNoSilentRevoke() {
        x.call(a, () -> x.k.sub().signal.rtSigprocmask(a, SIG_BLOCK, org.layoutlease.kernel.signal.SigPending.bit(Signals.SIGIO)));
        x.lease(a, O_RDONLY, F_WRLCK);
        x.open(b, F, O_WRONLY);
        x.resume(b);
        assertThat(x.invariants()).isEmpty();
    }

    @Test
    void downgradeTimeoutIsNoRevoke() {
        x.lease(a, O_RDONLY, F_WRLCK);
        x.fcntl(a, 3, F_SETOWN, 0);
        x.open(b, F, O_RDONLY);
        x.resume(b);
        assertThat(x.invariants()).isEmpty();
        assertThat(x.procLocks()).containsExactly(x.activeLine("READ", a));
    }
}
