package org.layoutlease.kernel.rdma;

import static org.layoutlease.kernel.uapi.Uapi.*;

import org.layoutlease.kernel.Kernel;
import org.layoutlease.kernel.fs.File;
import org.layoutlease.kernel.lib.Data;
import org.layoutlease.kernel.mm.Gup;
import org.layoutlease.kernel.mm.MmCalls;
import org.layoutlease.kernel.mm.PinnedPages;
import org.layoutlease.kernel.mm.VaddrPin;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.sched.ThreadGroup;
import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.SysErr;
import org.layoutlease.kernel.uapi.SysResult;

/**
 * The verbs a process uses (ibv_alloc_pd, ibv_reg_mr, ... through uverbs commands) and the
 * device side a peer drives (RDMA WRITE/READ against an rkey). Registration of a non-ODP MR
 * pins through vaddr_pin_pages() with the uverbs open file as the pin's owner (v2 patch 17);
 * DMA goes to the memory captured at registration, so a block the filesystem freed and reused
 * is really overwritten (SYSTEM.md §1.1).
 */
public final class RdmaCalls {
    /** Largest MR: the user address space. */
    public static final long MAX_MR_BYTES = MmCalls.MAX_MAP_BYTES;
    /** ib_access_writable(): registrations that the device may write. */
    private static final int WRITABLE = IBV_ACCESS_LOCAL_WRITE | IBV_ACCESS_REMOTE_WRITE | IBV_ACCESS_REMOTE_ATOMIC
        | IBV_ACCESS_MW_BIND;
    private static final int KNOWN_ACCESS = IBV_ACCESS_LOCAL_WRITE | IBV_ACCESS_REMOTE_WRITE | IBV_ACCESS_REMOTE_READ
        | IBV_ACCESS_REMOTE_ATOMIC | IBV_ACCESS_MW_BIND | IBV_ACCESS_ZERO_BASED | IBV_ACCESS_ON_DEMAND;

    private final Kernel k;
    private final Gup gup;

    public RdmaCalls(Kernel k, Gup gup) {
        this.k = k;
        this.gup = gup;
    }

    // ------------------------------------------------------------------ verbs

    /** ibv_alloc_pd(context): the handle, with the PD as output. */
    public SysResult allocPd(Task t, int fd) {
        File f = t.group().files.get(fd);
        if (!(f.privateData instanceof UverbsFile u)) {
            throw SysErr.of(Errno.EINVAL);
        }
        IbPd pd = new IbPd(u, u.allocPdHandle());
        u.pds.put(pd.handle(), pd);
        return SysResult.ok(pd.handle(), pd);
    }

    /** ibv_dealloc_pd(): EBUSY while MRs use it. */
    public SysResult deallocPd(Task t, IbPd pd) {
        checkReachable(t, pd);
        if (pd.mrCount > 0) {
            throw SysErr.of(Errno.EBUSY);
        }
        pd.destroyed = true;
        pd.ufile().pds.remove(pd.handle());
        return SysResult.ok(0);
    }

    /**
     * ibv_reg_mr() → ib_uverbs_reg_mr → ib_umem_get(): checks the access flags, then pins the
     * range (FOLL_LONGTERM, FOLL_WRITE for a writable MR) or, with IBV_ACCESS_ON_DEMAND on an
     * ODP device, records the range without pinning. A failed pin fails the whole registration.
     */
    public SysResult regMr(Task t, IbPd pd, long addr, long length, int access) {
        checkReachable(t, pd);
        checkAccess(pd.ufile().device(), access, length);
        UverbsFile u = pd.ufile();
        ThreadGroup g = t.group();
        String holder = g.name() + "'s MR";
        IbMr mr;
        if ((access & IBV_ACCESS_ON_DEMAND) != 0) {
            mr = new IbMr(pd, u.allocMrHandle(), addr, length, access, null, new OdpUmem(g.mm, addr, length), holder);
        } else {
            int flags = Gup.FOLL_LONGTERM | ((access & WRITABLE) != 0 ? Gup.FOLL_WRITE : Gup.FOLL_FORCE);
            PinnedPages pages = gup.pin(g, addr, length, flags, new VaddrPin(u.sysFile(), g.mm), holder);
            mr = new IbMr(pd, u.allocMrHandle(), addr, length, access, pages, null, holder);
        }
        u.mrs.put(mr.handle(), mr);
        pd.mrCount++;
        return SysResult.ok(mr.handle(), mr);
    }

    /** ib_check_mr_access() and the size checks of ib_uverbs_reg_mr. */
    private static void checkAccess(IbDevice dev, int access, long length) {
        if ((access & ~KNOWN_ACCESS) != 0 || length <= 0 || length > MAX_MR_BYTES) {
            throw SysErr.of(Errno.EINVAL);
        }
        boolean remoteWriteLike = (access & (IBV_ACCESS_REMOTE_WRITE | IBV_ACCESS_REMOTE_ATOMIC)) != 0;
        if (remoteWriteLike && (access & IBV_ACCESS_LOCAL_WRITE) == 0) {
            throw SysErr.of(Errno.EINVAL);
        }
        if ((access & IBV_ACCESS_ON_DEMAND) != 0 && !dev.odp()) {
            throw SysErr.of(Errno.EOPNOTSUPP);
        }
    }

    /** ibv_dereg_mr(): the device forgets the keys, the pins are released. */
    public SysResult deregMr(Task t, IbMr mr) {
        checkReachable(t, mr.pd());
        if (mr.isDestroyed()) {
            throw SysErr.of(Errno.EINVAL);
        }
        destroy(mr);
        return SysResult.ok(0);
    }

    private void destroy(IbMr mr) {
        mr.destroyed = true;
        mr.pd().ufile().mrs.remove(mr.handle());
        mr.pd().mrCount--;
        if (mr.umem != null) {
            gup.unpin(mr.umem);
        }
    }

    /** uverbs_destroy_ufile_hw(): the last reference to the uverbs file is gone. */
    void destroyAll(UverbsFile u) {
        for (IbMr mr : u.liveMrs()) {
            destroy(mr);
        }
        for (IbPd pd : u.pds.values()) {
            pd.destroyed = true;
        }
        u.pds.clear();
    }

    /** The caller reaches a context only through a descriptor of its uverbs file (cmd_fd). */
    private static void checkReachable(Task t, IbPd pd) {
        if (pd.isDestroyed() || t.group().files.fdOf(pd.ufile().sysFile()) < 0) {
            throw SysErr.of(Errno.EBADF);
        }
    }

    /** The PD with {@code handle} in the uverbs context of open file {@code f}, or null. */
    public IbPd pdByHandle(File f, int handle) {
        return f.privateData instanceof UverbsFile u ? u.pds.get(handle) : null;
    }

    /** The MR with {@code handle} in the uverbs context of open file {@code f}, or null. */
    public IbMr mrByHandle(File f, int handle) {
        return f.privateData instanceof UverbsFile u ? u.mrs.get(handle) : null;
    }

    // ------------------------------------------------------------------ the device side

    /**
     * A peer's RDMA WRITE of {@code len} copies of {@code value} at {@code off} in the MR. A
     * destroyed MR, an access outside it or one it was not registered for is a remote access
     * error (EACCES); an ODP MR whose pages cannot be faulted in fails with EFAULT.
     */
    public SysResult remoteWrite(String who, IbMr mr, long off, long len, int value) {
        checkRemote(mr, off, len, IBV_ACCESS_REMOTE_WRITE);
        Data data = Data.fill((byte) value, len);
        if (mr.isOdp()) {
            k.sub().mm.deviceAccess(mr.odp.mm(), mr.addr() + off, len, data);
        } else {
            checkStale(who, mr, off, len, "write");
            mr.umem.write(mr.pageOffset() + off, data);
        }
        return SysResult.ok(0);
    }

    /** A peer's RDMA READ: the bytes at {@code off} in the MR. */
    public SysResult remoteRead(String who, IbMr mr, long off, long len) {
        checkRemote(mr, off, len, IBV_ACCESS_REMOTE_READ);
        Data d;
        if (mr.isOdp()) {
            d = k.sub().mm.deviceAccess(mr.odp.mm(), mr.addr() + off, len, null);
        } else {
            checkStale(who, mr, off, len, "read");
            d = mr.umem.read(mr.pageOffset() + off, len);
        }
        return SysResult.ok(d.length(), d);
    }

    private static void checkRemote(IbMr mr, long off, long len, int needed) {
        if (mr.isDestroyed() || (mr.access() & needed) == 0 || off < 0 || len <= 0 || off + len > mr.length()) {
            throw SysErr.of(Errno.EACCES);
        }
    }

    /** dma-after-free: the device touches blocks the file no longer has at the pinned range. */
    private void checkStale(String who, IbMr mr, long off, long len, String op) {
        if (mr.umem.touchesStale(mr.pageOffset() + off, len)) {
            k.emitInvariant("dma-after-free", who + "'s RDMA " + op + " through " + mr.holder()
                + " hit a block no longer part of the pinned file range");
        }
    }
}
