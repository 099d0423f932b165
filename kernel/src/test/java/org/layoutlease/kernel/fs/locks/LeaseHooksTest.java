package org.layoutlease.kernel.fs.locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layoutlease.kernel.fs.locks.LeaseFixture.F;
import static org.layoutlease.kernel.uapi.Uapi.*;

import org.junit.jupiter.api.Test;
import org.layoutlease.kernel.Wait;
import org.layoutlease.kernel.sched.Task;

/** The hooks others build on: the conflict predicate's layout rules, break_layout, leak reports. */
class LeaseHooksTest {
    private final LeaseFixture x = new LeaseFixture();
    private final Task a = x.process("A");

    @Test
    void layoutFlagsMustMatchForAConflict() {
        int fd = x.openOk(a, F, O_RDONLY);
        FileLease plain = FileLease.lease(x.fileOf(a, fd), F_RDLCK, FileLease.FL_LEASE, a.tgid(), "A");
        FileLease layout = FileLease.lease(x.fileOf(a, fd), F_RDLCK, FileLease.FL_LAYOUT, a.tgid(), "A");
        FileLease exclusive = FileLease.lease(x.fileOf(a, fd), F_RDLCK,
            FileLease.FL_LAYOUT | FileLease.FL_EXCLUSIVE, a.tgid(), "A");
        assertThat(LeaseConflicts.leasesConflict(plain, FileLease.FL_LEASE, F_WRLCK)).isTrue();
        assertThat(LeaseConflicts.leasesConflict(plain, FileLease.FL_LEASE, F_RDLCK)).isFalse();
        assertThat(LeaseConflicts.leasesConflict(plain, FileLease.FL_LAYOUT, F_WRLCK)).isFalse();
        assertThat(LeaseConflicts.leasesConflict(layout, FileLease.FL_LEASE, F_WRLCK)).isFalse();
        assertThat(LeaseConflicts.leasesConflict(layout, FileLease.FL_LAYOUT, F_WRLCK)).isTrue();
        assertThat(LeaseConflicts.leasesConflict(exclusive, FileLease.FL_LAYOUT, F_WRLCK)).isTrue();
        assertThat(exclusive.isLayout() && exclusive.isExclusive()).isTrue();
    }

    @Test
    void layoutLeasesSkipTheConflictingOpenCheck() {
        int fd = x.openOk(a, F, O_RDONLY);
        x.openOk(x.process("B"), F, O_RDWR);
        assertThat(LeaseConflicts.conflictingOpen(x.fileOf(a, fd), F_RDLCK, FileLease.FL_LEASE)).isTrue();
        assertThat(LeaseConflicts.conflictingOpen(x.fileOf(a, fd), F_RDLCK, FileLease.FL_LAYOUT)).isFalse();
    }

    @Test
    void breakLayoutIgnoresPlainLeases() {
        int fd = x.lease(a, O_RDONLY, F_WRLCK);
        assertThat(x.leases().breakLayout(a, x.inode(F), false)).isSameAs(Wait.NONE);
        assertThat(x.getLease(a, fd)).isEqualTo(F_WRLCK);
    }

    @Test
    void aLeaseOutlivingEveryProcessIsALeak() {
        int fd = x.lease(a, O_RDONLY, F_RDLCK);
        x.fileOf(a, fd).get();
        x.exit(a);
        assertThat(x.leases().leaks()).singleElement().asString().contains("read lease on /mnt/f", "A");
        assertThat(x.k.leaks()).hasSize(1);
    }
}
