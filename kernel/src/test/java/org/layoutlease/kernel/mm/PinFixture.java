package org.layoutlease.kernel.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layoutlease.kernel.uapi.Uapi.*;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.layoutlease.kernel.Kernel;
import org.layoutlease.kernel.KernelEvent;
import org.layoutlease.kernel.Wait;
import org.layoutlease.kernel.fs.File;
import org.layoutlease.kernel.fs.FsType;
import org.layoutlease.kernel.fs.Inode;
import org.layoutlease.kernel.fs.Vfs;
import org.layoutlease.kernel.fs.locks.LayoutLeases;
import org.layoutlease.kernel.policy.Policies;
import org.layoutlease.kernel.sched.Cred;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.SysResult;

/**
 * A small machine for pin tests: one policy, a DAX (or page-cache) filesystem at /mnt/pmem, an
 * RDMA device and processes, with layout leases replaced by a table the test fills in.
 */
public final class PinFixture {
    public final Kernel k;
    public final FakeLeases leases = new FakeLeases();

    public PinFixture(String policy, FsType type, boolean dax) {
        k = new Kernel(Policies.byName(policy));
        k.sub().setLayoutLeases(leases);
        k.sub().mount(type, "/mnt/pmem", dax, 4L << 30, 4096);
        k.sub().addRdmaDevice("mlx5_0", true);
    }

    public Task process(String name, int uid) {
        return k.createProcess(name, new Cred(uid, uid, 0)).leader();
    }

    public Inode file(String name, long size, int uid) {
        Inode dir = k.vfs.ensureDirectory("/mnt/pmem");
        Inode i = Vfs.create(dir, name, S_IFREG | 0644, uid, uid);
        k.sub().store(i).initFile(i, size, false);
        return i;
    }

    public SysResult call(Task t, Supplier<SysResult> body) {
        return k.syscall(t, body);
    }

    public long ok(Task t, Supplier<SysResult> body) {
        SysResult r = call(t, body);
        assertThat(r).as("result").isInstanceOf(SysResult.Value.class);
        return ((SysResult.Value) r).value();
    }

    public Object output(Task t, Supplier<SysResult> body) {
        SysResult r = call(t, body);
        assertThat(r).as("result").isInstanceOf(SysResult.Value.class);
        return ((SysResult.Value) r).output();
    }

    public Errno err(Task t, Supplier<SysResult> body) {
        SysResult r = call(t, body);
        assertThat(r).as("result").isInstanceOf(SysResult.Error.class);
        return ((SysResult.Error) r).errno();
    }

    public int open(Task t, String path) {
        return (int) ok(t, () -> k.sub().fs.open(t, path, O_RDWR, 0));
    }

    public long mmapShared(Task t, int fd, long len) {
        return ok(t, () -> k.sub().mm.mmap(t, 0, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0));
    }

    /** The names of the invariants reported since the last call. */
    public List<String> invariants() {
        List<String> out = new ArrayList<>();
        for (KernelEvent e : k.drainEvents()) {
            if (e instanceof KernelEvent.Invariant i) {
                out.add(i.name());
            }
        }
        return out;
    }

    /** Layout leases as a plain table: (inode, open file, tgid, exclusive). */
    public static final class FakeLeases implements LayoutLeases {
        record Lease(Inode inode, File file, int tgid, boolean exclusive) {
        }

        final List<Lease> leases = new ArrayList<>();

        public void take(File f, int tgid, boolean exclusive) {
            leases.add(new Lease(f.inode(), f, tgid, exclusive));
        }

        public void dropAll() {
            leases.clear();
        }

        @Override
        public boolean hasLayoutLease(Inode inode) {
            return leases.stream().anyMatch(l -> l.inode == inode);
        }

        @Override
        public File exclusiveLayoutLeaseFile(Inode inode, int tgid) {
            return leases.stream().filter(l -> l.inode == inode && l.exclusive && l.tgid == tgid)
                .map(Lease::file).findFirst().orElse(null);
        }

        @Override
        public Wait breakLayout(Task breaker, Inode inode, boolean nonblock) {
            for (Lease l : leases) {
                if (l.inode == inode && l.exclusive) {
                    Errno e = l.tgid == breaker.tgid() ? Errno.EDEADLOCK : Errno.ETXTBSY;
                    return timedOut -> new Wait.Fail(e);
                }
            }
            return Wait.NONE;
        }
    }
}
