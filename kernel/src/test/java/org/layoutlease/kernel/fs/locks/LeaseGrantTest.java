package org.layoutlease.kernel.fs.locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layoutlease.kernel.fs.locks.LeaseFixture.F;
import static org.layoutlease.kernel.fs.locks.LeaseFixture.err;
import static org.layoutlease.kernel.fs.locks.LeaseFixture.ok;
import static org.layoutlease.kernel.fs.locks.LeaseFixture.value;
import static org.layoutlease.kernel.uapi.Uapi.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.uapi.Capabilities;
import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.SysResult;

/** LINUX-LEASES.md Part B "Granting" (topics 1 and 2) and A2/A3. */
class LeaseGrantTest {
    private final LeaseFixture x = new LeaseFixture();
    private final Task a = x.process("A");
    private final Task b = x.process("B");

    // ---------------------------------------------------------------- by open mode (1.01-1.06)

    @Test
    void readLeaseOnReadOnlyFd() {
        int fd = x.openOk(a, F, O_RDONLY);
        assertThat(x.setLease(a, fd, F_RDLCK)).isEqualTo(ok(0));
        assertThat(x.getLease(a, fd)).isEqualTo(F_RDLCK);
    }

    @ParameterizedTest
    @ValueSource(ints = {O_RDONLY, O_WRONLY, O_RDWR})
    void writeLeaseOnAnySoleOpen(int mode) {
        int fd = x.openOk(a, F, mode);
        assertThat(x.setLease(a, fd, F_WRLCK)).isEqualTo(ok(0));
        assertThat(x.getLease(a, fd)).isEqualTo(F_WRLCK);
    }

    @ParameterizedTest
    @ValueSource(ints = {O_WRONLY, O_RDWR})
    void readLeaseRefusedOnOwnWritableFd(int mode) {
        int fd = x.openOk(a, F, mode);
        assertThat(x.setLease(a, fd, F_RDLCK)).isEqualTo(err(Errno.EAGAIN));
        assertThat(x.leases().leaseCount()).isZero();
    }

    @Test
    void upgradeDowngradeAndRepeatOnTheSameFd() {
        int fd = x.lease(a, O_RDONLY, F_RDLCK);
        assertThat(x.setLease(a, fd, F_WRLCK)).isEqualTo(ok(0));
        assertThat(x.getLease(a, fd)).isEqualTo(F_WRLCK);
        assertThat(x.setLease(a, fd, F_RDLCK)).isEqualTo(ok(0));
        assertThat(x.getLease(a, fd)).isEqualTo(F_RDLCK);
        assertThat(x.setLease(a, fd, F_RDLCK)).isEqualTo(ok(0));
        assertThat(x.leases().leaseCount()).isEqualTo(1);
        assertThat(x.procLocks()).containsExactly(x.activeLine("READ", a));
    }

    @Test
    void unlockWithoutLeaseIsEagain() {
        int fd = x.openOk(a, F, O_RDONLY);
        assertThat(x.setLease(a, fd, F_UNLCK)).isEqualTo(err(Errno.EAGAIN));
    }

    @ParameterizedTest
    @ValueSource(longs = {3, -1, 99, F_LAYOUT, F_LAYOUT | F_EXCLUSIVE, F_EXCLUSIVE})
    void badLeaseTypeIsEinval(long type) {
        int fd = x.openOk(a, F, O_RDONLY);
        assertThat(x.setLease(a, fd, type)).isEqualTo(err(Errno.EINVAL));
    }

    @Test
    void getLeaseWithoutLeaseIsUnlck() {
        int fd = x.openOk(a, F, O_RDONLY);
        assertThat(x.getLease(a, fd)).isEqualTo(F_UNLCK);
    }

    // ---------------------------------------------------------------- permissions (1.22-1.31)

    @ParameterizedTest
    @ValueSource(ints = {F_RDLCK, F_WRLCK})
    void nonOwnerWithoutCapLeaseIsEacces(int type) {
        Task nobody = x.process("N", 65534, Capabilities.NONE);
        int fd = x.openOk(nobody, F, O_RDONLY);
        assertThat(x.setLease(nobody, fd, type)).isEqualTo(err(Errno.EACCES));
    }

    @Test
    void rootWithoutCapLeaseOnForeignFileIsEacces() {
        x.file("/mnt/g", 65534, 16, 0644);
        Task root = x.process("R", 0, Capabilities.ALL & ~Capabilities.bit(Capabilities.CAP_LEASE));
        int fd = x.openOk(root, "/mnt/g", O_RDONLY);
        assertThat(x.setLease(root, fd, F_RDLCK)).isEqualTo(err(Errno.EACCES));
    }

    @Test
    void capLeaseAllowsForeignFile() {
        Task n = x.process("N", 65534, Capabilities.bit(Capabilities.CAP_LEASE));
        int fd = x.openOk(n, F, O_RDONLY);
        assertThat(x.setLease(n, fd, F_WRLCK)).isEqualTo(ok(0));
    }

    @Test
    void ownerCheckUsesFsuid() {
        int fd = x.openOk(a, F, O_RDONLY);
        x.call(a, () -> x.k.sub().process.setfsuid(a, 65534));
        assertThat(x.setLease(a, fd, F_RDLCK)).as("CAP_LEASE is not an fs capability").isEqualTo(ok(0));
        assertThat(x.setLease(a, fd, F_UNLCK)).isEqualTo(ok(0));
        int fd2 = x.openOk(b, F, O_RDONLY);
        x.call(b, () -> x.k.sub().process.seteuid(b, 65534));
        assertThat(x.setLease(b, fd2, F_RDLCK)).as("seteuid drops the effective set").isEqualTo(err(Errno.EACCES));
    }

    // ---------------------------------------------------------------- file kinds (1.40-1.46)

    @Test
    void directoryIsEinval() {
        int fd = x.openOk(a, "/mnt", O_RDONLY | O_DIRECTORY);
        assertThat(x.setLease(a, fd, F_RDLCK)).isEqualTo(err(Errno.EINVAL));
    }

    @Test
    void pipeFifoSocketAndDevNullAreEinval() {
        int[] pipe = (int[]) ((SysResult.Value) x.call(a, () -> x.k.sub().fs.pipe2(a, 0))).output();
        assertThat(x.setLease(a, pipe[0], F_RDLCK)).isEqualTo(err(Errno.EINVAL));
        int[] sock = (int[]) ((SysResult.Value) x.call(a, () -> x.k.sub().fs.socketpair(a, AF_UNIX, SOCK_STREAM, 0))).output();
        assertThat(x.setLease(a, sock[0], F_RDLCK)).isEqualTo(err(Errno.EINVAL));
        assertThat(x.setLease(a, 0, F_RDLCK)).as("/dev/null").isEqualTo(err(Errno.EINVAL));
        value(x.call(a, () -> x.k.sub().fs.mknod(a, "/mnt/fifo", S_IFIFO | 0644)));
        int fifo = x.openOk(a, "/mnt/fifo", O_RDWR);
        assertThat(x.setLease(a, fifo, F_RDLCK)).isEqualTo(err(Errno.EINVAL));
    }

    @Test
    void opathFdIsEbadf() {
        int fd = x.openOk(a, F, O_PATH);
        assertThat(x.setLease(a, fd, F_RDLCK)).isEqualTo(err(Errno.EBADF));
        assertThat(x.fcntl(a, fd, F_GETLEASE, 0)).isEqualTo(err(Errno.EBADF));
    }

    @Test
    void procfsRegularFileAcceptsReadLease() {
        int fd = x.openOk(a, "/proc/self/status", O_RDONLY);
        assertThat(x.setLease(a, fd, F_RDLCK)).isEqualTo(ok(0));
    }

    @Test
    void fileBeingExecutedRefusesWriteLeaseOnly() {
        x.file("/mnt/prog", 0, 16, 0755);
        assertThat(x.call(b, () -> x.k.sub().exec.execve(b, "/mnt/prog"))).isEqualTo(ok(0));
        int fd = x.openOk(a, "/mnt/prog", O_RDONLY);
        assertThat(x.setLease(a, fd, F_WRLCK)).isEqualTo(err(Errno.EAGAIN));
        assertThat(x.setLease(a, fd, F_RDLCK)).isEqualTo(ok(0));
    }

    @Test
    void leasesDisabledRefusesOnlyNewLeases() {
        int fd = x.lease(a, O_RDONLY, F_RDLCK);
        x.k.sysctl.leasesEnable = 0;
        assertThat(x.setLease(a, fd, F_WRLCK)).isEqualTo(ok(0));
        assertThat(x.setLease(a, fd, F_UNLCK)).isEqualTo(ok(0));
        assertThat(x.setLease(a, fd, F_RDLCK)).isEqualTo(err(Errno.EINVAL));
    }

    // ---------------------------------------------------------------- other opens (topic 2)

    @ParameterizedTest
    @ValueSource(ints = {O_RDONLY, O_WRONLY, O_RDWR})
    void anyOtherOpenBlocksWriteLease(int mode) {
        int fd = x.openOk(a, F, O_RDONLY);
        int other = x.openOk(b, F, mode);
        assertThat(x.setLease(a, fd, F_WRLCK)).isEqualTo(err(Errno.EAGAIN));
        x.close(b, other);
        x.openOk(a, F, mode);
        assertThat(x.setLease(a, fd, F_WRLCK)).as("second open in the same process").isEqualTo(err(Errno.EAGAIN));
    }

    @Test
    void dupForkAndOpathDoNotCount() {
        int fd = x.openOk(a, F, O_RDONLY);
        x.dup(a, fd);
        x.fork(a, "C");
        x.openOk(b, F, O_PATH);
        assertThat(x.setLease(a, fd, F_WRLCK)).isEqualTo(ok(0));
    }

    @Test
    void sharedMappingKeepsTheOpenCounted() {
        int mfd = x.openOk(b, F, O_RDWR);
        value(x.call(b, () -> x.k.sub().mm.mmap(b, 0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, mfd, 0)));
        x.close(b, mfd);
        int fd = x.openOk(a, F, O_RDONLY);
        assertThat(x.setLease(a, fd, F_WRLCK)).isEqualTo(err(Errno.EAGAIN));
        assertThat(x.setLease(a, fd, F_RDLCK)).as("the mapping's file is a writer").isEqualTo(err(Errno.EAGAIN));
    }

    @Test
    void readLeaseRefusedWhileAnyWriterExists() {
        int fd = x.openOk(a, F, O_RDONLY);
        int w = x.openOk(b, F, O_WRONLY);
        assertThat(x.setLease(a, fd, F_RDLCK)).isEqualTo(err(Errno.EAGAIN));
        x.close(b, w);
        assertThat(x.setLease(a, fd, F_RDLCK)).isEqualTo(ok(0));
    }

    @Test
    void readLeasesCoexistAcrossProcessesAndOpens() {
        int fa = x.lease(a, O_RDONLY, F_RDLCK);
        int fb = x.lease(b, O_RDONLY, F_RDLCK);
        int fa2 = x.lease(a, O_RDONLY, F_RDLCK);
        assertThat(x.leases().leaseCount()).isEqualTo(3);
        assertThat(x.setLease(a, fa, F_WRLCK)).as("someone else holds a lease").isEqualTo(err(Errno.EAGAIN));
        assertThat(x.getLease(b, fb)).isEqualTo(F_RDLCK);
        assertThat(x.getLease(a, fa2)).isEqualTo(F_RDLCK);
    }

    @Test
    void getLeaseOnAnotherOpenFileIsUnlck() {
        x.lease(a, O_RDONLY, F_RDLCK);
        int other = x.openOk(b, F, O_RDONLY);
        assertThat(x.getLease(b, other)).isEqualTo(F_UNLCK);
    }

    @Test
    void leaseLastsUntilTheLastDupCloses() {
        int fd = x.lease(a, O_RDONLY, F_WRLCK);
        int dup = (int) value(x.dup(a, fd));
        x.close(a, fd);
        assertThat(x.getLease(a, dup)).isEqualTo(F_WRLCK);
        x.close(a, dup);
        assertThat(x.leases().leaseCount()).isZero();
        assertThat(x.procLocks()).isEmpty();
        assertThat(x.leases().hasLeases(x.inode(F))).isFalse();
    }
}
