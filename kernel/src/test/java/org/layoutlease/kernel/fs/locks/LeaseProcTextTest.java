package org.layoutlease.kernel.fs.locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layoutlease.kernel.fs.locks.LeaseFixture.F;
import static org.layoutlease.kernel.fs.locks.LeaseFixture.value;
import static org.layoutlease.kernel.uapi.Uapi.*;

import org.junit.jupiter.api.Test;
import org.layoutlease.kernel.fs.FsType;
import org.layoutlease.kernel.fs.Inode;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.uapi.Signals;

/** LINUX-LEASES.md Part B "/proc text" (topic 6): /proc/locks and fdinfo, byte for byte. */
class LeaseProcTextTest {
    private final LeaseFixture x = new LeaseFixture();
    private final Task a = x.process("A");
    private final Task b = x.process("B");

    @Test
    void activeLeasesOnTheRootTmpfs() {
        x.lease(a, O_RDONLY, F_RDLCK);
        long ino = x.inode(F).ino();
        assertThat(x.cat(a, "/proc/locks"))
            .containsExactly("1: LEASE  ACTIVE    READ " + a.tgid() + " 00:1c:" + ino + " 0 EOF");
    }

    @Test
    void leasesAreNumberedNewestFirstAcrossFilesAndMounts() {
        x.k.sub().mount(FsType.EXT4, "/mnt/e", false, 1L << 30, 4096);
        Inode g = x.file("/mnt/e/g", 0, 16, 0644);
        x.lease(a, O_RDONLY, F_WRLCK);
        int fd = x.openOk(b, "/mnt/e/g", O_RDONLY);
        x.setLease(b, fd, F_RDLCK);
        assertThat(x.cat(a, "/proc/locks")).containsExactly(
            "1: LEASE  ACTIVE    READ " + b.tgid() + " 00:1e:" + g.ino() + " 0 EOF",
            "2: LEASE  ACTIVE    WRITE " + a.tgid() + " 00:1c:" + x.inode(F).ino() + " 0 EOF");
    }

    @Test
    void breakersAreListedUnderTheLeaseTheyWaitOn() {
        x.handle(a, Signals.SIGIO, false);
        x.lease(a, O_RDONLY, F_WRLCK);
        x.file("/mnt/other");
        Task c = x.process("C");
        int ofd = x.openOk(c, "/mnt/other", O_RDONLY);
        x.setLease(c, ofd, F_RDLCK);
        x.open(b, F, O_RDONLY);
        String dev = x.devIno().substring(0, 5);
        assertThat(x.procLocks()).containsExactly(
            "1: LEASE  ACTIVE    READ " + c.tgid() + " " + dev + ":" + x.inode("/mnt/other").ino() + " 0 EOF",
            "2: LEASE  BREAKING  READ " + a.tgid() + " " + x.devIno() + " 0 EOF",
            "2: -> LEASE  BREAKER   READ " + b.tgid() + " <none>:0 0 EOF");
    }

    @Test
    void readBreakersOfAReadLeaseAreSiblingsInBlockingOrder() {
        x.handle(a, Signals.SIGIO, false);
        x.lease(a, O_RDONLY, F_RDLCK);
        Task c = x.process("C");
        Task d = x.process("D");
        x.open(b, F, O_WRONLY);
        x.open(c, F, O_RDWR);
        x.open(d, F, O_WRONLY);
        assertThat(x.procLocks()).containsExactly(
            x.breakingLine("UNLCK", a),
            LeaseFixture.breakerLine(1, "WRITE", b),
            LeaseFixture.breakerLine(2, "WRITE", c),
            LeaseFixture.breakerLine(3, "WRITE", d));
    }

    @Test
    void fdinfoOfTheLeasedFileWhileTwoBreakersWait() {
        x.handle(a, Signals.SIGIO, false);
        int fd = x.openOk(a, F, O_RDONLY | O_CLOEXEC);
        x.setLease(a, fd, F_WRLCK);
        Task c = x.process("C");
        x.open(b, F, O_RDONLY);
        x.open(c, F, O_WRONLY);
        long ino = x.inode(F).ino();
        assertThat(x.cat(a, "/proc/self/fdinfo/" + fd)).containsExactly(
            "pos:\t0",
            "flags:\t02120000",
            "mnt_id:\t20",
            "ino:\t" + ino,
            "lock:\t1: LEASE  BREAKING  UNLCK " + a.tgid() + " 00:1c:" + ino + " 0 EOF");
    }

    @Test
    void fdinfoOfAnotherOpenFileHasNoLockLine() {
        x.lease(a, O_RDONLY, F_RDLCK);
        int fd = x.openOk(b, F, O_RDONLY);
        assertThat(x.cat(b, "/proc/self/fdinfo/" + fd)).containsExactly(
            "pos:\t0", "flags:\t0100000", "mnt_id:\t20", "ino:\t" + x.inode(F).ino());
    }

    @Test
    void dupAndForkChildShowTheTakersLineEvenAfterItExits() {
        int fd = x.lease(a, O_RDONLY, F_WRLCK);
        int dup = (int) value(x.dup(a, fd));
        Task c = x.fork(a, "C");
        String lock = "lock:\t" + x.activeLine("WRITE", a);
        assertThat(x.cat(a, "/proc/self/fdinfo/" + dup)).contains("flags:\t0120000", lock);
        assertThat(x.cat(c, "/proc/self/fdinfo/" + fd)).contains(lock);
        x.exit(a);
        assertThat(x.cat(c, "/proc/self/fdinfo/" + fd)).contains(lock);
        assertThat(x.cat(c, "/proc/locks")).containsExactly(x.activeLine("WRITE", a));
    }
}
