package org.layoutlease.kernel.fs.locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layoutlease.kernel.fs.locks.LeaseFixture.F;
import static org.layoutlease.kernel.fs.locks.LeaseFixture.err;
import static org.layoutlease.kernel.fs.locks.LeaseFixture.ok;
import static org.layoutlease.kernel.uapi.Uapi.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.layoutlease.kernel.fs.Inode;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.uapi.Capabilities;
import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.Signals;

/**
 * Taking, changing and querying layout leases (SYSTEM.md §2.3, §2.4, §2.13; §4 scenarios 32-34)
 * under linux, rfc-v1 and rfc-v2.
 */
class LayoutLeaseGrantTest {

    private static FileLease leaseOf(LeaseFixture x, Task t, int fd) {
        return x.inode(F).lockContext.leaseOf(x.fileOf(t, fd));
    }

    // ---------------------------------------------------------------- the F_SETLEASE argument

    @ParameterizedTest
    @ValueSource(longs = {F_LAYOUT, F_LAYOUT | F_EXCLUSIVE, F_EXCLUSIVE, F_LAYOUT | F_WRLCK, F_EXCLUSIVE | F_WRLCK})
    void linuxHasNoLayoutLeaseTypes(long arg) {
        LeaseFixture x = new LeaseFixture("linux");
        Task a = x.process("A");
        int fd = x.openOk(a, F, O_RDONLY);
        assertThat(x.setLease(a, fd, arg)).isEqualTo(err(Errno.EINVAL));
        assertThat(x.leases().leaseCount()).isZero();
        assertThat(x.getLease(a, fd)).isEqualTo(F_UNLCK);
    }

    @Test
    void rfcV1TakesExactlyFLayoutAsAReadLevelLayoutLease() {
        LeaseFixture x = new LeaseFixture("rfc-v1");
        Task a = x.process("A");
        int fd = x.openOk(a, F, O_RDONLY);
        for (long arg : new long[] {F_LAYOUT | F_EXCLUSIVE, F_EXCLUSIVE, F_LAYOUT | F_WRLCK}) {
            assertThat(x.setLease(a, fd, arg)).as("arg %d", arg).isEqualTo(err(Errno.EINVAL));
        }
        assertThat(x.leases().leaseCount()).isZero();
        assertThat(x.setLease(a, fd, F_LAYOUT)).isEqualTo(ok(0));
        FileLease fl = leaseOf(x, a, fd);
        assertThat(fl.type()).isEqualTo(F_RDLCK);
        assertThat(fl.isLayout()).isTrue();
        assertThat(fl.isExclusive()).isFalse();
        assertThat(fl.pid()).isEqualTo(a.tgid());
        assertThat(x.getLease(a, fd)).isEqualTo(F_LAYOUT);
    }

    @Test
    void rfcV2ReadsTheArgumentAsABitMask() {
        LeaseFixture x = new LeaseFixture("rfc-v2");
        Task a = x.process("A");
        long[][] cases = {
            {F_LAYOUT, 0}, {F_LAYOUT | F_EXCLUSIVE, 1}, {F_LAYOUT | F_WRLCK, 0},
            {F_LAYOUT | F_EXCLUSIVE | F_WRLCK, 1}, {F_LAYOUT | F_UNLCK, 0},
        };
        for (long[] c : cases) {
            int fd = x.openOk(a, F, O_RDONLY);
            assertThat(x.setLease(a, fd, c[0])).as("arg %d", c[0]).isEqualTo(ok(0));
            FileLease fl = leaseOf(x, a, fd);
            assertThat(fl.type()).as("arg %d", c[0]).isEqualTo(F_RDLCK);
            assertThat(fl.isLayout()).isTrue();
            assertThat(fl.isExclusive()).as("arg %d", c[0]).isEqualTo(c[1] == 1);
            assertThat(x.getLease(a, fd)).as("the exclusive bit is not reported").isEqualTo(F_LAYOUT);
        }
        assertThat(x.leases().leaseCount()).isEqualTo(cases.length);
    }

    @ParameterizedTest
    @ValueSource(longs = {F_EXCLUSIVE, F_EXCLUSIVE | F_WRLCK, F_EXCLUSIVE | F_UNLCK, 64})
    void rfcV2ExclusiveWithoutLayoutIsNoLeaseType(long arg) {
        LeaseFixture x = new LeaseFixture("rfc-v2");
        Task a = x.process("A");
        int fd = x.openOk(a, F, O_RDONLY);
        assertThat(x.setLease(a, fd, arg)).isEqualTo(err(Errno.EINVAL));
        assertThat(x.getLease(a, fd)).isEqualTo(F_UNLCK);
        assertThat(x.procLocks()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rfc-v1", "rfc-v2"})
    void plainLeaseTypesAreUnchanged(String policy) {
        LeaseFixture x = new LeaseFixture(policy);
        Task a = x.process("A");
        int fd = x.lease(a, O_RDONLY, F_WRLCK);
        assertThat(leaseOf(x, a, fd).isLayout()).isFalse();
        assertThat(x.getLease(a, fd)).isEqualTo(F_WRLCK);
        assertThat(x.setLease(a, fd, F_UNLCK)).isEqualTo(ok(0));
        assertThat(x.setLease(a, fd, 3)).isEqualTo(err(Errno.EINVAL));
    }

    // ---------------------------------------------------------------- who may take one (§2.4)

    @ParameterizedTest
    @ValueSource(strings = {"rfc-v1", "rfc-v2"})
    void ownershipOrCapLeaseThenARegularFile(String policy) {
        LeaseFixture x = new LeaseFixture(policy);
        x.file("/mnt/g", 1000, 16, 0644);
        Task b = x.process("B", 1001, 0);
        Task c = x.process("C", 1001, Capabilities.bit(Capabilities.CAP_LEASE));
        int bfd = x.openOk(b, "/mnt/g", O_RDONLY);
        assertThat(x.setLease(b, bfd, F_LAYOUT)).isEqualTo(err(Errno.EACCES));
        int cfd = x.openOk(c, "/mnt/g", O_RDONLY);
        assertThat(x.setLease(c, cfd, F_LAYOUT)).isEqualTo(ok(0));
        int dfd = x.openOk(c, "/dev/null", O_RDONLY);
        assertThat(x.setLease(c, dfd, F_LAYOUT)).isEqualTo(err(Errno.EINVAL));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rfc-v1", "rfc-v2"})
    void leasesDisabledRefuseNewLayoutLeases(String policy) {
        LeaseFixture x = new LeaseFixture(policy);
        Task a = x.process("A");
        int fd = x.openOk(a, F, O_RDONLY);
        x.k.sysctl.leasesEnable = 0;
        assertThat(x.setLease(a, fd, F_LAYOUT)).isEqualTo(err(Errno.EINVAL));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rfc-v1", "rfc-v2"})
    void layoutLeasesSkipTheConflictingOpenCheck(String policy) {
        LeaseFixture x = new LeaseFixture(policy);
        Task a = x.process("A");
        Task b = x.process("B");
        x.openOk(b, F, O_WRONLY);
        int rw = x.openOk(a, F, O_RDWR);
        assertThat(x.setLease(a, rw, F_RDLCK)).isEqualTo(err(Errno.EAGAIN));
        assertThat(x.setLease(a, rw, F_LAYOUT)).isEqualTo(ok(0));
        assertThat(x.getLease(a, rw)).isEqualTo(F_LAYOUT);
    }

    // ---------------------------------------------------------------- coexistence (§2.5)

    @ParameterizedTest
    @ValueSource(strings = {"rfc-v1", "rfc-v2"})
    void anyNumberOfLayoutLeasesBesidePlainOnes(String policy) {
        LeaseFixture x = new LeaseFixture(policy);
        Task a = x.process("A");
        Task b = x.process("B");
        Task c = x.process("C");
        int plain = x.lease(c, O_RDONLY, F_RDLCK);
        int fa = x.lease(a, O_RDONLY, F_LAYOUT);
        int fb = x.lease(b, O_RDONLY, F_LAYOUT);
        int fa2 = x.lease(a, O_RDONLY, F_LAYOUT);
        assertThat(x.leases().leaseCount()).isEqualTo(4);
        assertThat(x.getLease(c, plain)).isEqualTo(F_RDLCK);
        for (int fd : new int[] {fa, fa2}) {
            assertThat(x.getLease(a, fd)).isEqualTo(F_LAYOUT);
        }
        assertThat(x.getLease(b, fb)).isEqualTo(F_LAYOUT);
    }

    @Test
    void severalExclusiveHoldersUnderRfcV2() {
        LeaseFixture x = new LeaseFixture("rfc-v2");
        Task a = x.process("A");
        Task b = x.process("B");
        x.lease(a, O_RDWR, F_LAYOUT | F_EXCLUSIVE);
        x.lease(b, O_RDWR, F_LAYOUT | F_EXCLUSIVE);
        x.lease(b, O_RDONLY, F_LAYOUT);
        assertThat(x.leases().leaseCount()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rfc-v1", "rfc-v2"})
    void aLayoutLeaseBesideAPlainReadLease(String policy) {
        LeaseFixture x = new LeaseFixture(policy);
        Task a = x.process("A");
        Task b = x.process("B");
        int r = x.lease(a, O_RDONLY, F_RDLCK);
        int l = x.openOk(b, F, O_RDONLY);
        assertThat(x.setLease(b, l, F_LAYOUT)).isEqualTo(ok(0));
        assertThat(x.getLease(a, r)).isEqualTo(F_RDLCK);
        assertThat(x.getLease(b, l)).isEqualTo(F_LAYOUT);
        assertThat(x.procLocks()).containsExactly(
            "1: LEASE  ACTIVE    UNLCK " + b.tgid() + " " + x.devIno() + " 0 EOF",
            "2: LEASE  ACTIVE    READ " + a.tgid() + " " + x.devIno() + " 0 EOF");
        // A write lease needs the only open (check_conflicting_open) and no other lease of any kind.
        assertThat(x.setLease(b, l, F_WRLCK)).isEqualTo(err(Errno.EAGAIN));
    }

    // ---------------------------------------------------------------- EAGAIN during a break

    @ParameterizedTest
    @ValueSource(strings = {"rfc-v1", "rfc-v2"})
    void noNewLeaseWhileAPlainLeaseIsBeingUnlocked(String policy) {
        LeaseFixture x = new LeaseFixture(policy);
        Task a = x.process("A");
        Task b = x.process("B");
        Task c = x.process("C");
        x.handle(a, Signals.SIGIO, false);
        x.lease(a, O_RDONLY, F_RDLCK);
        assertThat(x.open(b, F, O_WRONLY).isBlocked()).isTrue();
        int fd = x.openOk(c, F, O_RDONLY);
        assertThat(x.setLease(c, fd, F_LAYOUT)).isEqualTo(err(Errno.EAGAIN));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rfc-v1", "rfc-v2"})
    void noNewLeaseWhileALayoutLeaseIsBeingBroken(String policy) {
        LeaseFixture x = new LeaseFixture(policy);
        Task a = x.process("A");
        Task b = x.process("B");
        Task c = x.process("C");
        x.handle(a, Signals.SIGIO, false);
        int afd = x.lease(a, O_RDWR, F_LAYOUT);
        assertThat(x.breakLayout(b, false).isBlocked()).isTrue();
        int fd = x.openOk(c, F, O_RDONLY);
        assertThat(x.setLease(c, fd, F_LAYOUT)).isEqualTo(err(Errno.EAGAIN));
        assertThat(x.setLease(c, fd, F_RDLCK)).isEqualTo(err(Errno.EAGAIN));
        if (policy.equals("rfc-v2")) {
            assertThat(x.setLease(c, fd, F_LAYOUT | F_EXCLUSIVE)).isEqualTo(err(Errno.EAGAIN));
        }
        // The holder may still change its own lease (modifying is allowed, SYSTEM.md §2.4).
        assertThat(x.setLease(a, afd, F_LAYOUT)).isEqualTo(ok(0));
        assertThat(x.setLease(a, afd, F_UNLCK)).isEqualTo(ok(0));
        assertThat(x.lastReturn(b).result()).isEqualTo(ok(0));
        assertThat(x.setLease(c, fd, F_LAYOUT)).isEqualTo(ok(0));
    }

    // ---------------------------------------------------------------- a second F_SETLEASE (§2.4, §2.9)

    @Test
    void reissuingWithExclusiveDoesNotMakeAPlainLayoutLeaseExclusive() {
        LeaseFixture x = new LeaseFixture("rfc-v2");
        Task a = x.process("A");
        int fd = x.lease(a, O_RDWR, F_LAYOUT);
        assertThat(x.setLease(a, fd, F_LAYOUT | F_EXCLUSIVE)).isEqualTo(ok(0));
        assertThat(x.leases().leaseCount()).isEqualTo(1);
        assertThat(leaseOf(x, a, fd).isExclusive()).isFalse();
        assertThat(x.leases().exclusiveLayoutLeaseFile(x.inode(F), a.tgid())).isNull();
        assertThat(x.getLease(a, fd)).isEqualTo(F_LAYOUT);
        assertThat(x.setLease(a, fd, F_UNLCK)).isEqualTo(ok(0));
        assertThat(x.setLease(a, fd, F_LAYOUT | F_EXCLUSIVE)).isEqualTo(ok(0));
        assertThat(x.leases().exclusiveLayoutLeaseFile(x.inode(F), a.tgid())).isSameAs(x.fileOf(a, fd));
    }

    @Test
    void reissuingPlainFLayoutKeepsAnExclusiveLeaseExclusive() {
        LeaseFixture x = new LeaseFixture("rfc-v2");
        Task a = x.process("A");
        int fd = x.lease(a, O_RDWR, F_LAYOUT | F_EXCLUSIVE);
        assertThat(x.setLease(a, fd, F_LAYOUT)).isEqualTo(ok(0));
        assertThat(leaseOf(x, a, fd).isExclusive()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rfc-v1", "rfc-v2"})
    void reissuingRepointsTheFasyncFdAndKeepsThePid(String policy) {
        LeaseFixture x = new LeaseFixture(policy);
        Task a = x.process("A");
        int fd = x.lease(a, O_RDWR, F_LAYOUT);
        int dup = (int) LeaseFixture.value(x.dup(a, fd));
        assertThat(x.setLease(a, dup, F_LAYOUT)).isEqualTo(ok(0));
        FileLease fl = leaseOf(x, a, fd);
        assertThat(fl.fasyncFd).isEqualTo(dup);
        Task child = x.fork(a, "C");
        assertThat(x.setLease(child, fd, F_LAYOUT)).isEqualTo(ok(0));
        assertThat(x.leases().leaseCount()).isEqualTo(1);
        assertThat(fl.pid()).isEqualTo(a.tgid());
        assertThat(fl.fasyncFd).isEqualTo(fd);
        assertThat(x.fcntl(child, fd, F_GETOWN, 0)).as("the owner is kept").isEqualTo(ok(a.tgid()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rfc-v1", "rfc-v2"})
    void aLayoutRequestOverAPlainLeaseOnlyChangesItsType(String policy) {
        LeaseFixture x = new LeaseFixture(policy);
        Task a = x.process("A");
        int fd = x.lease(a, O_RDONLY, F_WRLCK);
        assertThat(x.setLease(a, fd, F_LAYOUT)).isEqualTo(ok(0));
        FileLease fl = leaseOf(x, a, fd);
        assertThat(fl.isLayout()).isFalse();
        assertThat(fl.type()).isEqualTo(F_RDLCK);
        assertThat(x.getLease(a, fd)).isEqualTo(F_RDLCK);
    }

    // ---------------------------------------------------------------- F_GETLEASE (§2.3)

    @ParameterizedTest
    @ValueSource(strings = {"rfc-v1", "rfc-v2"})
    void getLeaseReportsLayoutThenUnlockWhileBreakingThenNone(String policy) {
        LeaseFixture x = new LeaseFixture(policy);
        Task a = x.process("A");
        Task b = x.process("B");
        x.handle(a, Signals.SIGIO, false);
        int fd = x.openOk(a, F, O_RDWR);
        assertThat(x.getLease(a, fd)).isEqualTo(F_UNLCK);
        x.setLease(a, fd, F_LAYOUT);
        assertThat(x.getLease(a, fd)).isEqualTo(F_LAYOUT);
        assertThat(x.breakLayout(b, true)).isEqualTo(err(Errno.EAGAIN));
        assertThat(x.getLease(a, fd)).isEqualTo(F_UNLCK);
        x.setLease(a, fd, F_UNLCK);
        assertThat(x.getLease(a, fd)).isEqualTo(F_UNLCK);
    }

    // ---------------------------------------------------------------- queries of LayoutLeases

    @ParameterizedTest
    @ValueSource(strings = {"linux", "rfc-v1", "rfc-v2"})
    void queriesSeeOnlyLayoutLeases(String policy) {
        LeaseFixture x = new LeaseFixture(policy);
        Task a = x.process("A");
        Inode f = x.inode(F);
        LayoutLeases ll = x.k.sub().layoutLeases();
        assertThat(ll).isSameAs(x.leases());
        x.lease(a, O_RDONLY, F_RDLCK);
        assertThat(ll.hasLayoutLease(f)).isFalse();
        assertThat(ll.exclusiveLayoutLeaseFile(f, a.tgid())).isNull();
        if (!policy.equals("linux")) {
            x.lease(a, O_RDONLY, F_LAYOUT);
            assertThat(ll.hasLayoutLease(f)).isTrue();
            assertThat(ll.exclusiveLayoutLeaseFile(f, a.tgid())).as("a plain layout lease does not pin").isNull();
        }
    }

    @Test
    void exclusiveLayoutLeaseFileMatchesTheTakersThreadGroupOnly() {
        LeaseFixture x = new LeaseFixture("rfc-v2");
        Task a = x.process("A");
        Task b = x.process("B");
        Inode f = x.inode(F);
        int fd = x.lease(a, O_RDWR, F_LAYOUT | F_EXCLUSIVE);
        Task thread = x.thread(a, "A2");
        Task child = x.fork(a, "C");
        assertThat(x.leases().exclusiveLayoutLeaseFile(f, a.tgid())).isSameAs(x.fileOf(a, fd));
        assertThat(x.leases().exclusiveLayoutLeaseFile(f, thread.tgid())).isSameAs(x.fileOf(a, fd));
        assertThat(x.leases().exclusiveLayoutLeaseFile(f, child.tgid())).isNull();
        assertThat(x.leases().exclusiveLayoutLeaseFile(f, b.tgid())).isNull();
        int bfd = x.lease(b, O_RDWR, F_LAYOUT | F_EXCLUSIVE);
        assertThat(x.leases().exclusiveLayoutLeaseFile(f, b.tgid())).isSameAs(x.fileOf(b, bfd));
        assertThat(x.leases().exclusiveLayoutLeaseFile(x.file("/mnt/g"), a.tgid())).isNull();
    }

    @Test
    void aKernelWhoseLeaseCodeHasNoLayoutSideAnswersNone() {
        LeaseFixture x = new LeaseFixture("rfc-v2");
        LeaseOps plain = new LeaseOps() {
            @Override
            public boolean hasLeases(Inode inode) {
                return false;
            }

            @Override
            public org.layoutlease.kernel.Wait breakLease(Task breaker, Inode inode, int openFlags) {
                return org.layoutlease.kernel.Wait.NONE;
            }

            @Override
            public void fileReleased(org.layoutlease.kernel.fs.File f) {
            }

            @Override
            public org.layoutlease.kernel.uapi.SysResult setLease(Task t, int fd, org.layoutlease.kernel.fs.File f,
                                                                  long arg) {
                throw new UnsupportedOperationException();
            }

            @Override
            public org.layoutlease.kernel.uapi.SysResult getLease(Task t, org.layoutlease.kernel.fs.File f) {
                throw new UnsupportedOperationException();
            }

            @Override
            public java.util.List<String> procLocks() {
                return java.util.List.of();
            }

            @Override
            public java.util.List<String> fdinfoLocks(org.layoutlease.kernel.fs.File f) {
                return java.util.List.of();
            }
        };
        x.k.sub().setLeases(plain);
        assertThat(x.k.sub().layoutLeases()).isSameAs(LayoutLeases.NONE);
    }
}
