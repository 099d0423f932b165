package org.layoutlease.kernel.rdma;

import org.layoutlease.kernel.mm.PinnedPages;

/**
 * struct ib_mr with its struct ib_umem: a registered user range and the keys a peer uses to
 * reach it. A pinned MR holds its pages (the umem's page list, captured at registration); an ODP
 * MR pins nothing and faults through the owner's address space at each device access.
 */
public final class IbMr {
    private final IbPd pd;
    private final int handle;
    private final long addr;
    private final long length;
    private final int access;
    /** The pinned pages, from the start of the first page; null for ODP. */
    final PinnedPages umem;
    /** The ODP umem; null for a pinned MR. */
    final OdpUmem odp;
    /** Who registered it, for explanations: "A's MR". */
    private final String holder;
    boolean destroyed;

    IbMr(IbPd pd, int handle, long addr, long length, int access, PinnedPages umem, OdpUmem odp, String holder) {
        assert (umem == null) != (odp == null);
        this.pd = pd;
        this.handle = handle;
        this.addr = addr;
        this.length = length;
        this.access = access;
        this.umem = umem;
        this.odp = odp;
        this.holder = holder;
    }

    public IbPd pd() {
        return pd;
    }

    public int handle() {
        return handle;
    }

    public long addr() {
        return addr;
    }

    public long length() {
        return length;
    }

    public int access() {
        return access;
    }

    public boolean isOdp() {
        return odp != null;
    }

    public boolean isDestroyed() {
        return destroyed;
    }

    public String holder() {
        return holder;
    }

    /** Offset of byte 0 of the MR within its first pinned page. */
    long pageOffset() {
        return addr % org.layoutlease.kernel.mm.MmCalls.PAGE_SIZE;
    }

    @Override
    public String toString() {
        return holder + " (mr " + handle + ")";
    }
}
