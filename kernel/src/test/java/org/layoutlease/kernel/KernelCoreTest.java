package org.layoutlease.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.layoutlease.kernel.uapi.Uapi.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.layoutlease.kernel.fs.FdTable;
import org.layoutlease.kernel.fs.Inode;
import org.layoutlease.kernel.fs.Vfs;
import org.layoutlease.kernel.policy.Policies;
import org.layoutlease.kernel.sched.Cred;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.sched.ThreadGroup;
import org.layoutlease.kernel.uapi.Capabilities;
import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.Signals;
import org.layoutlease.kernel.uapi.SysErr;
import org.layoutlease.kernel.uapi.SysResult;

/** Unit tests of the kernel core: descriptors, permissions, signals, sleeping and virtual time. */
class KernelCoreTest {
    private final Kernel k = new Kernel(Policies.byName("linux"));

    private Task process(String name, int uid) {
        return k.createProcess(name, new Cred(uid, uid, uid == 0 ? Capabilities.ALL : 0)).leader();
    }

    private SysResult call(Task t, java.util.function.Supplier<SysResult> body) {
        return k.syscall(t, body);
    }

    private static long value(SysResult r) {
        assertThat(r).isInstanceOf(SysResult.Value.class);
        return ((SysResult.Value) r).value();
    }

    private static Errno errno(SysResult r) {
        assertThat(r).isInstanceOf(SysResult.Error.class);
        return ((SysResult.Error) r).errno();
    }

    @Test
    void pidsCountFromOneThousandAndFdsFromThree() {
        Task a = process("A", 0);
        Task b = process("B", 0);
        assertThat(a.tid()).isEqualTo(1000);
        assertThat(b.tid()).isEqualTo(1001);
        assertThat(value(call(a, () -> k.sub().fs.open(a, "/dev/null", O_RDONLY, 0)))).isEqualTo(3);
        assertThat(value(call(a, () -> k.sub().fs.open(a, "/dev/null", O_RDONLY, 0)))).isEqualTo(4);
        call(a, () -> k.sub().fs.close(a, 3));
        assertThat(value(call(a, () -> k.sub().fs.open(a, "/dev/null", O_RDONLY, 0)))).isEqualTo(3);
    }

    @Test
    void theDescriptorTableHasALimit() {
        FdTable t = new FdTable();
        for (int i = 0; i < FdTable.MAX_FDS; i++) {
            t.reserve(0, false);
        }
        assertThatThrownBy(() -> t.reserve(0, false)).isInstanceOf(SysErr.class)
            .extracting(e -> ((SysErr) e).errno()).isEqualTo(Errno.EMFILE);
    }

    @Test
    void permissionFollowsModeBitsFsuidAndCapabilities() {
        Inode i = new Inode(12, k.vfs.rootMount(), S_IFREG | 0640, 1000, 100);
        assertThat(Vfs.allowed(new Cred(1000, 1, 0), i, Vfs.MAY_READ | Vfs.MAY_WRITE)).isTrue();
        assertThat(Vfs.allowed(new Cred(2000, 100, 0), i, Vfs.MAY_READ)).isTrue();
        assertThat(Vfs.allowed(new Cred(2000, 100, 0), i, Vfs.MAY_WRITE)).isFalse();
        assertThat(Vfs.allowed(new Cred(2000, 1, 0), i, Vfs.MAY_READ)).isFalse();
        assertThat(Vfs.allowed(new Cred(2000, 1, Capabilities.bit(Capabilities.CAP_DAC_OVERRIDE)), i, Vfs.MAY_WRITE)).isTrue();
        assertThat(Vfs.allowed(new Cred(2000, 1, Capabilities.bit(Capabilities.CAP_DAC_OVERRIDE)), i, Vfs.MAY_EXEC)).isFalse();
    }

    @Test
    void aHandledSignalIsDeliveredAtTheCallBoundary() {
        Task a = process("A", 0);
        Task b = process("B", 0);
        call(a, () -> k.sub().signal.rtSigaction(a, Signals.SIGUSR1, SIG_HANDLER, 0));
        k.drainEvents();
        call(b, () -> k.sub().signal.kill(b, a.tgid(), Signals.SIGUSR1));
        List<KernelEvent> ev = k.drainEvents();
        assertThat(ev).singleElement().isInstanceOfSatisfying(KernelEvent.SignalDelivered.class, s -> {
            assertThat(s.task()).isSameAs(a);
            assertThat(s.how()).isEqualTo(KernelEvent.Delivery.HANDLER);
        });
    }

    @Test
    void standardSignalsCoalesceAndRealtimeSignalsQueue() {
        Task a = process("A", 0);
        long both = (1L << (Signals.SIGUSR1 - 1)) | (1L << (Signals.SIGRTMIN - 1));
        call(a, () -> k.sub().signal.rtSigprocmask(a, SIG_BLOCK, both));
        for (int i = 0; i < 2; i++) {
            call(a, () -> k.sub().signal.kill(a, a.tgid(), Signals.SIGUSR1));
            call(a, () -> k.sub().signal.kill(a, a.tgid(), Signals.SIGRTMIN));
        }
        int usr1 = 0;
        int rt = 0;
        while (true) {
            SysResult r = call(a, () -> k.sub().signal.rtSigtimedwait(a, both, 0));
            if (r instanceof SysResult.Error) {
                break;
            }
            if (value(r) == Signals.SIGUSR1) {
                usr1++;
            } else {
                rt++;
            }
        }
        assertThat(usr1).isEqualTo(1);
        assertThat(rt).isEqualTo(2);
    }

    @Test
    void aSleepEndsAtItsDeadlineInVirtualTime() {
        Task a = process("A", 0);
        SysResult r = call(a, () -> k.sub().signal.rtSigtimedwait(a, 1L << (Signals.SIGUSR2 - 1), 3_000_000_000L));
        assertThat(r.isBlocked()).isTrue();
        k.advance(2_999_999_999L);
        assertThat(a.isBlocked()).isTrue();
        k.advance(1);
        assertThat(a.isBlocked()).isFalse();
        assertThat(k.drainEvents()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(KernelEvent.CallReturned.class,
            c -> assertThat(c.durationNanos()).isEqualTo(3_000_000_000L)));
    }

    @Test
    void aHandledSignalInterruptsASleepWithEintr() {
        Task a = process("A", 0);
        Task b = process("B", 0);
        call(a, () -> k.sub().signal.rtSigaction(a, Signals.SIGUSR1, SIG_HANDLER, SA_RESTART));
        call(a, () -> k.sub().signal.rtSigtimedwait(a, 1L << (Signals.SIGUSR2 - 1), 10_000_000_000L));
        k.drainEvents();
        call(b, () -> k.sub().signal.kill(b, a.tgid(), Signals.SIGUSR1));
        assertThat(a.isBlocked()).as("rt_sigtimedwait is never restarted").isFalse();
        assertThat(k.drainEvents()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(KernelEvent.CallReturned.class,
            c -> assertThat(errno(c.result())).isEqualTo(Errno.EINTR)));
    }

    @Test
    void exitClosesDescriptorsAndReapsAtOnce() {
        Task a = process("A", 0);
        ThreadGroup g = a.group();
        call(a, () -> k.sub().fs.open(a, "/mnt/x", O_CREAT | O_RDWR, 0644));
        Inode x = k.vfs.lookup(g.cred, "/mnt/x");
        assertThat(x.writeCount).isEqualTo(1);
        call(a, () -> k.sub().process.exitGroup(a, 7));
        assertThat(x.writeCount).isZero();
        assertThat(k.group(a.tgid())).isNull();
        assertThat(k.drainEvents()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(KernelEvent.Exited.class,
            x2 -> assertThat(x2.code()).isEqualTo(7)));
    }

    @Test
    void seteuidAwayFromRootDropsTheEffectiveCapabilities() {
        Task a = process("A", 0);
        call(a, () -> k.sub().process.seteuid(a, 65534));
        assertThat(a.group().cred.capable(Capabilities.CAP_LEASE)).isFalse();
        call(a, () -> k.sub().process.seteuid(a, 0));
        assertThat(a.group().cred.capable(Capabilities.CAP_LEASE)).isTrue();
        call(a, () -> k.sub().process.setfsuid(a, 65534));
        assertThat(a.group().cred.capable(Capabilities.CAP_LEASE)).as("CAP_LEASE is not in CAP_FS_MASK").isTrue();
        assertThat(a.group().cred.capable(Capabilities.CAP_DAC_OVERRIDE)).isFalse();
    }
}
