package org.layoutlease.kernel.fs.locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layoutlease.kernel.fs.locks.LeaseFixture.F;
import static org.layoutlease.kernel.fs.locks.LeaseFixture.breakerLine;
import static org.layoutlease.kernel.uapi.Uapi.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.layoutlease.kernel.policy.Policies;
import org.layoutlease.kernel.policy.Policy;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.uapi.Signals;

/** How /proc/locks and fdinfo show layout leases and layout breakers (SYSTEM.md §2.13, §4 scenarios 3, 25-27). */
class LayoutLeaseProcTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"rfc-v1", "rfc-v2"})
    void anActiveLayoutLeasePrintsAsUnlck(String policy) {
        LeaseFixture x = new LeaseFixture(policy);
        Task a = x.process("A");
        int fd = x.lease(a, O_RDWR, F_LAYOUT);
        assertThat(x.cat(a, "/proc/locks")).containsExactly(x.activeLine("UNLCK", a));
        assertThat(x.leases().fdinfoLocks(x.fileOf(a, fd))).containsExactly(x.activeLine("UNLCK", a));
    }

    @Test
    void anExclusiveLayoutLeasePrintsAsUnlckToo() {
        LeaseFixture x = new LeaseFixture("rfc-v2");
        Task a = x.process("A");
        x.lease(a, O_RDWR, F_LAYOUT | F_EXCLUSIVE);
        assertThat(x.cat(a, "/proc/locks")).containsExactly(x.activeLine("UNLCK", a));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rfc-v1", "rfc-v2"})
    void aBrokenLayoutLeaseIsBreakingWithItsWriteBreakerBelow(String policy) {
        LeaseFixture x = new LeaseFixture(policy);
        Task a = x.process("A");
        Task b = x.process("B");
        x.handle(a, Signals.SIGIO, false);
        x.lease(a, O_RDWR, F_LAYOUT);
        assertThat(x.breakLayout(b, false).isBlocked()).isTrue();
        assertThat(x.cat(a, "/proc/locks")).containsExactly(x.breakingLine("UNLCK", a), breakerLine(1, "WRITE", b));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rfc-v1", "rfc-v2"})
    void plainLeasesStillPrintTheirTypes(String policy) {
        LeaseFixture x = new LeaseFixture(policy);
        Task a = x.process("A");
        Task b = x.process("B");
        x.lease(a, O_RDONLY, F_RDLCK);
        x.lease(b, O_RDONLY, F_LAYOUT);
        assertThat(x.procLocks()).containsExactly(
            "1: LEASE  ACTIVE    UNLCK " + b.tgid() + " " + x.devIno() + " 0 EOF",
            "2: LEASE  ACTIVE    READ " + a.tgid() + " " + x.devIno() + " 0 EOF");
    }

    @Test
    void theTypeLabelIsThePolicys() {
        Policy linux = Policies.byName("linux");
        assertThat(linux.layoutLeaseTypeLabel(F_RDLCK, false)).isEqualTo("READ");
        assertThat(linux.layoutLeaseTypeLabel(F_WRLCK, false)).isEqualTo("WRITE");
        assertThat(linux.layoutLeaseTypeLabel(F_UNLCK, true)).isEqualTo("UNLCK");
        for (String name : new String[] {"rfc-v1", "rfc-v2"}) {
            Policy p = Policies.byName(name);
            for (int type : new int[] {F_RDLCK, F_WRLCK, F_UNLCK}) {
                assertThat(p.layoutLeaseTypeLabel(type, false)).isEqualTo("UNLCK");
                assertThat(p.layoutLeaseTypeLabel(type, true)).isEqualTo("UNLCK");
            }
        }
    }

    @Test
    void theSetleaseArgumentIsThePolicys() {
        Policy linux = Policies.byName("linux");
        Policy v1 = Policies.byName("rfc-v1");
        Policy v2 = Policies.byName("rfc-v2");
        int layout = FileLease.FL_LAYOUT;
        int exclusive = FileLease.FL_LAYOUT | FileLease.FL_EXCLUSIVE;
        long[] args = {F_RDLCK, F_WRLCK, F_UNLCK, F_LAYOUT, F_LAYOUT | F_EXCLUSIVE, F_EXCLUSIVE, F_LAYOUT | F_WRLCK};
        int[] linuxWant = {0, 0, 0, 0, 0, 0, 0};
        int[] v1Want = {0, 0, 0, layout, 0, 0, 0};
        int[] v2Want = {0, 0, 0, layout, exclusive, 0, layout};
        for (int i = 0; i < args.length; i++) {
            assertThat(linux.layoutLeaseFlags(args[i])).as("linux %d", args[i]).isEqualTo(linuxWant[i]);
            assertThat(v1.layoutLeaseFlags(args[i])).as("rfc-v1 %d", args[i]).isEqualTo(v1Want[i]);
            assertThat(v2.layoutLeaseFlags(args[i])).as("rfc-v2 %d", args[i]).isEqualTo(v2Want[i]);
        }
    }

    @Test
    void leaksAndInvariantsNameTheKind() {
        LeaseFixture x = new LeaseFixture("rfc-v2");
        Task a = x.process("A");
        int fd = x.lease(a, O_RDWR, F_LAYOUT | F_EXCLUSIVE);
        x.fileOf(a, fd).get();
        x.exit(a);
        assertThat(x.leases().leaks()).singleElement().asString()
            .startsWith("exclusive layout lease on " + F + " (taken by A");
    }
}
