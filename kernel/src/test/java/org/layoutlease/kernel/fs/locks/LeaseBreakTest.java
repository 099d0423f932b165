package org.layoutlease.kernel.fs.locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layoutlease.kernel.fs.locks.LeaseFixture.F;
import static org.layoutlease.kernel.fs.locks.LeaseFixture.SEC;
import static org.layoutlease.kernel.fs.locks.LeaseFixture.breakerLine;
import static org.layoutlease.kernel.fs.locks.LeaseFixture.ok;
import static org.layoutlease.kernel.fs.locks.LeaseFixture.value;
import static org.layoutlease.kernel.uapi.Uapi.*;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.layoutlease.kernel.KernelEvent;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.signal.SigPending;
import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.Signals;
import org.layoutlease.kernel.uapi.SysResult;

/** LINUX-LEASES.md Part B "Breaking" (topic 3): which operations break which lease, and how. */
class LeaseBreakTest {
    private final LeaseFixture x = new LeaseFixture();
    private final Task a = x.process("A");
    private final Task b = x.process("B");

    @BeforeEach
    void holderHandlesSigio() {
        x.handle(a, Signals.SIGIO, false);
    }

    private int sigios() {
        return x.signals(a, Signals.SIGIO).size();
    }

    @Test
    void readOpenDoesNotBreakReadLease() {
        x.lease(a, O_RDONLY, F_RDLCK);
        assertThat(x.open(b, F, O_RDONLY)).isEqualTo(ok(3));
        assertThat(sigios()).isZero();
        assertThat(x.procLocks()).containsExactly(x.activeLine("READ", a));
    }

    @Test
    void readOpenDowngradesWriteLease() {
        int fd = x.lease(a, O_RDONLY, F_WRLCK);
        assertThat(x.open(b, F, O_RDONLY).isBlocked()).isTrue();
        assertThat(sigios()).isEqualTo(1);
        assertThat(x.getLease(a, fd)).isEqualTo(F_RDLCK);
        assertThat(x.procLocks()).containsExactly(x.breakingLine("READ", a), breakerLine(1, "READ", b));
        assertThat(x.setLease(a, fd, F_RDLCK)).isEqualTo(ok(0));
        KernelEvent.CallReturned r = x.lastReturn(b);
        assertThat(r.result()).isEqualTo(ok(3));
        assertThat(r.durationNanos()).isZero();
        assertThat(x.procLocks()).containsExactly(x.activeLine("READ", a));
    }

    @ParameterizedTest
    @ValueSource(ints = {O_WRONLY, O_RDWR, O_WRONLY | O_TRUNC, O_CREAT | O_WRONLY | O_TRUNC})
    void writeOpensBreakEitherLeaseToUnlock(int flags) {
        for (int type : new int[] {F_RDLCK, F_WRLCK}) {
            LeaseFixture y = new LeaseFixture();
            Task h = y.process("H");
            Task w = y.process("W");
            y.handle(h, Signals.SIGIO, false);
            int fd = y.lease(h, O_RDONLY, type);
            assertThat(y.open(w, F, flags).isBlocked()).isTrue();
            assertThat(y.signals(h, Signals.SIGIO)).hasSize(1);
            assertThat(y.getLease(h, fd)).isEqualTo(F_UNLCK);
            assertThat(y.procLocks()).containsExactly(y.breakingLine("UNLCK", h), breakerLine(1, "WRITE", w));
            assertThat(y.setLease(h, fd, F_UNLCK)).isEqualTo(ok(0));
            assertThat(y.lastReturn(w).result()).isEqualTo(ok(3));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {O_RDONLY, O_WRONLY})
    void nonblockOpenFailsAtOnceAndLeavesTheLeaseBreaking(int mode) {
        int fd = x.lease(a, O_RDONLY, F_WRLCK);
        assertThat(x.open(b, F, mode | O_NONBLOCK)).isEqualTo(x.err(Errno.EAGAIN));
        assertThat(sigios()).isEqualTo(1);
        assertThat(x.getLease(a, fd)).isEqualTo(mode == O_RDONLY ? F_RDLCK : F_UNLCK);
        assertThat(x.procLocks()).containsExactly(x.breakingLine(mode == O_RDONLY ? "READ" : "UNLCK", a));
        assertThat(x.inode(F).readCount + x.inode(F).writeCount).as("the failed open is not counted").isEqualTo(1);
    }

    @Test
    void readOnlyTruncOpenUnderReadLeaseTruncatesWithoutBreak() {
        x.lease(a, O_RDONLY, F_RDLCK);
        assertThat(x.open(b, F, O_RDONLY | O_TRUNC)).isEqualTo(ok(3));
        assertThat(x.inode(F).size).isZero();
        assertThat(sigios()).isZero();
        assertThat(x.procLocks()).containsExactly(x.activeLine("READ", a));
    }

    @Test
    void readOnlyTruncOpenDowngradesWriteLeaseThenTruncates() {
        int fd = x.lease(a, O_RDONLY, F_WRLCK);
        assertThat(x.open(b, F, O_RDONLY | O_TRUNC).isBlocked()).isTrue();
        assertThat(x.inode(F).size).isEqualTo(16);
        x.setLease(a, fd, F_RDLCK);
        assertThat(x.lastReturn(b).result()).isEqualTo(ok(3));
        assertThat(x.inode(F).size).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {F_RDLCK, F_WRLCK})
    void truncateByPathBreaksToUnlock(int type) {
        int fd = x.lease(a, O_RDONLY, type);
        assertThat(x.truncate(b, F, 0).isBlocked()).isTrue();
        assertThat(x.getLease(a, fd)).isEqualTo(F_UNLCK);
        x.setLease(a, fd, F_UNLCK);
        assertThat(x.lastReturn(b).result()).isEqualTo(ok(0));
        assertThat(x.inode(F).size).isZero();
    }

    @Test
    void ftruncateThroughTheLeasedFileDoesNotBreak() {
        int fd = x.lease(a, O_RDWR, F_WRLCK);
        assertThat(x.ftruncate(a, fd, 0)).isEqualTo(ok(0));
        assertThat(sigios()).isZero();
        assertThat(x.getLease(a, fd)).isEqualTo(F_WRLCK);
    }

    @ParameterizedTest
    @ValueSource(ints = {F_RDLCK, F_WRLCK})
    void namespaceAndAttributeOperationsDoNotBreak(int type) {
        x.lease(a, O_RDONLY, type);
        var fs = x.k.sub().fs;
        List<Supplier<SysResult>> ops = List.of(
            () -> fs.open(b, F, O_PATH, 0),
            () -> fs.stat(b, F),
            () -> fs.link(b, F, "/mnt/l"),
            () -> fs.rename(b, "/mnt/l", "/mnt/m"),
            () -> fs.unlink(b, "/mnt/m"),
            () -> fs.rename(b, F, "/mnt/g"),
            () -> fs.rename(b, "/mnt/g", F),
            () -> fs.chmod(b, F, 0600),
            () -> fs.chown(b, F, 0, 0),
            () -> fs.utimensat(b, F),
            () -> fs.setxattr(b, F, "user.x", new byte[] {1}, 0));
        for (Supplier<SysResult> op : ops) {
            assertThat(x.call(b, op)).isInstanceOf(SysResult.Value.class);
        }
        assertThat(sigios()).isZero();
        assertThat(x.procLocks()).containsExactly(x.activeLine(type == F_RDLCK ? "READ" : "WRITE", a));
    }

    @Test
    void execveDoesNotBreakReadLease() {
        x.inode(F).mode |= 0111;
        x.lease(a, O_RDONLY, F_RDLCK);
        assertThat(x.call(b, () -> x.k.sub().exec.execve(b, F))).isEqualTo(ok(0));
        assertThat(sigios()).isZero();
    }

    @Test
    void execveDowngradesWriteLease() {
        x.inode(F).mode |= 0111;
        int fd = x.lease(a, O_RDONLY, F_WRLCK);
        assertThat(x.call(b, () -> x.k.sub().exec.execve(b, F)).isBlocked()).isTrue();
        assertThat(x.getLease(a, fd)).isEqualTo(F_RDLCK);
        x.setLease(a, fd, F_RDLCK);
        assertThat(x.lastReturn(b).result()).isEqualTo(ok(0));
    }

    @Test
    void execveBreaksBeforeItsDenyWriteFails() {
        x.inode(F).mode |= 0111;
        int fd = x.lease(a, O_RDWR, F_WRLCK);
        assertThat(x.call(b, () -> x.k.sub().exec.execve(b, F)).isBlocked()).isTrue();
        assertThat(sigios()).isEqualTo(1);
        x.setLease(a, fd, F_UNLCK);
        assertThat(x.lastReturn(b).result()).isEqualTo(x.err(Errno.ETXTBSY));
    }

    @Test
    void truncateHoldsWriteAccessSoTheHolderCannotDowngrade() {
        int fd = x.lease(a, O_RDONLY, F_WRLCK);
        assertThat(x.truncate(b, F, 0).isBlocked()).isTrue();
        assertThat(x.setLease(a, fd, F_RDLCK)).isEqualTo(x.err(Errno.EAGAIN));
    }

    @Test
    void holderOwnOpenWaitsFullTimeThenFindsReadLease() {
        x.call(a, () -> x.k.sub().signal.rtSigprocmask(a, SIG_BLOCK, SigPending.bit(Signals.SIGIO)));
        int fd = x.lease(a, O_RDONLY, F_WRLCK);
        assertThat(x.open(a, F, O_RDONLY).isBlocked()).isTrue();
        KernelEvent.CallReturned r = x.resume(a);
        assertThat(r.result()).isEqualTo(ok(fd + 1));
        assertThat(r.durationNanos()).isEqualTo(2 * SEC);
        assertThat(x.getLease(a, fd)).isEqualTo(F_RDLCK);
        assertThat(x.procLocks()).containsExactly(x.activeLine("READ", a));
    }

    @Test
    void holderOwnTruncateWaitsFullTimeThenLeaseIsGone() {
        x.call(a, () -> x.k.sub().signal.rtSigprocmask(a, SIG_BLOCK, SigPending.bit(Signals.SIGIO)));
        int fd = x.lease(a, O_RDONLY, F_WRLCK);
        assertThat(x.truncate(a, F, 0).isBlocked()).isTrue();
        KernelEvent.CallReturned r = x.resume(a);
        assertThat(r.result()).isEqualTo(ok(0));
        assertThat(r.durationNanos()).isEqualTo(2 * SEC);
        assertThat(x.getLease(a, fd)).isEqualTo(F_UNLCK);
        assertThat(x.procLocks()).isEmpty();
        assertThat(x.invariants()).as("the blocked SIGIO was still sent").isEmpty();
        assertThat(value(x.call(a, () -> x.k.sub().signal.rtSigtimedwait(a, SigPending.bit(Signals.SIGIO), 0))))
            .isEqualTo(Signals.SIGIO);
    }
}
