package org.layoutlease.bench;

import static org.layoutlease.kernel.uapi.Uapi.*;

import org.layoutlease.kernel.fs.FsType;
import org.layoutlease.kernel.fs.Inode;
import org.layoutlease.kernel.fs.Vfs;
import org.layoutlease.kernel.fs.block.BlockFileStore;
import org.layoutlease.kernel.rdma.IbMr;
import org.layoutlease.kernel.rdma.IbPd;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.uapi.SysResult;

/**
 * A process that has mapped a file on an FS-DAX XFS mount, holds an exclusive layout lease on it
 * and has an RDMA protection domain: the world of the pin benchmarks (policy rfc-v2, as the seed
 * scenario 03-exclusive-lease-register sets it up).
 */
public final class PinWorld {
    public static final long PAGE = 4096;
    public static final long GIB = 1L << 30;
    public static final String DIR = "/mnt/pmem";
    public static final int ACCESS = IBV_ACCESS_LOCAL_WRITE | IBV_ACCESS_REMOTE_WRITE | IBV_ACCESS_REMOTE_READ;

    public final Sim sim;
    public final Task task;
    public final Inode inode;
    public final int fd;
    public final long buf;
    public final long size;
    public final IbPd pd;

    /**
     * A file of {@code size} bytes written in {@code extents} physical extents: spacer files
     * fragment the free space first, so the file's allocation fills {@code extents} holes.
     */
    public PinWorld(long size, int extents, long fsBytes) {
        this.size = size;
        sim = new Sim("rfc-v2");
        sim.k.sub().mount(FsType.XFS, DIR, true, fsBytes, (int) PAGE);
        sim.k.sub().addRdmaDevice("mlx5_0", true);
        task = sim.process("A");
        Inode dir = sim.k.vfs.ensureDirectory(DIR);
        BlockFileStore store = null;
        Inode[] holes = new Inode[extents];
        if (extents > 1) {
            long piece = size / extents;
            for (int e = 0; e < extents; e++) {
                holes[e] = Vfs.create(dir, "hole" + e, S_IFREG | 0644, Sim.UID, Sim.UID);
                store = (BlockFileStore) sim.k.sub().store(holes[e]);
                store.initFile(holes[e], piece, false);
                Inode spacer = Vfs.create(dir, "spacer" + e, S_IFREG | 0644, Sim.UID, Sim.UID);
                store.initFile(spacer, PAGE, false);
            }
            for (Inode h : holes) {
                store.evict(h);
            }
        }
        inode = Vfs.create(dir, "F", S_IFREG | 0644, Sim.UID, Sim.UID);
        sim.k.sub().store(inode).initFile(inode, size, false);
        String path = DIR + "/F";
        fd = (int) Sim.ok(sim.open(task, path, O_RDWR));
        Sim.ok(sim.setLease(task, fd, F_LAYOUT | F_EXCLUSIVE));
        buf = Sim.ok(sim.k.syscall(task, () -> sim.k.sub().mm.mmap(task, 0, size, PROT_READ | PROT_WRITE,
            MAP_SHARED, fd, 0)));
        int u = (int) Sim.ok(sim.open(task, "/dev/infiniband/uverbs0", O_RDWR));
        SysResult r = sim.k.syscall(task, () -> sim.k.sub().rdma.allocPd(task, u));
        Sim.ok(r);
        pd = (IbPd) ((SysResult.Value) r).output();
    }

    /** The number of extents the file really has. */
    public int extentCount() {
        return BlockFileStore.map(inode).extentCount();
    }

    /** ibv_reg_mr over {@code [buf, buf+length)}. */
    public IbMr register(long length) {
        SysResult r = sim.k.syscall(task, () -> sim.k.sub().rdma.regMr(task, pd, buf, length, ACCESS));
        Sim.ok(r);
        return (IbMr) ((SysResult.Value) r).output();
    }

    public void deregister(IbMr mr) {
        Sim.ok(sim.k.syscall(task, () -> sim.k.sub().rdma.deregMr(task, mr)));
    }
}
