package org.layoutlease.kernel.fs.dax;

import org.layoutlease.kernel.Kernel;
import org.layoutlease.kernel.Wait;
import org.layoutlease.kernel.fs.Inode;
import org.layoutlease.kernel.fs.block.BlockFileStore;
import org.layoutlease.kernel.mm.PinTable;
import org.layoutlease.kernel.uapi.Errno;

/**
 * The DAX side of a layout change (fs/dax.c): dax_layout_busy_page_range() finds a page in the
 * range that someone still references, and the filesystem sleeps until its refcount drops
 * (xfs_break_dax_layouts, ext4_break_layouts; interruptible). A file nobody maps has no busy
 * pages to find: the scan returns at once, pinned or not (SYSTEM.md §4 scenarios 16, 17).
 * What a long-term pinned page does to the wait is the policy's decision.
 */
public final class DaxLayout {
    private final Kernel k;
    private final PinTable pins;

    public DaxLayout(Kernel k, PinTable pins) {
        this.k = k;
        this.pins = pins;
    }

    /**
     * The BREAK_UNMAP order both filesystems use: break the layout leases (telling the lease
     * code whether the range touches long-term pins), then wait for busy DAX pages in the range.
     */
    public Wait breakLeasesThenBusyPages(org.layoutlease.kernel.fs.locks.LayoutLeases leases,
                                         org.layoutlease.kernel.sched.Task t, Inode inode, long start, long end) {
        return Wait.sequence(leases.breakLayout(t, inode, false, touchesLongtermPins(inode, start, end)),
            busyPages(inode, start, end));
    }

    /** The wait for busy DAX pages in file bytes {@code [start, end)} of {@code inode}. */
    public Wait busyPages(Inode inode, long start, long end) {
        if (!inode.mount().isDax() || end <= start) {
            return Wait.NONE;
        }
        return timedOut -> step(inode, start, end);
    }

    /**
     * Whether changing file bytes {@code [start, end)} of {@code inode} would free, move or share
     * a block that a long-term pin references, mapped or not: a lookup in the pin intervals.
     */
    public boolean touchesLongtermPins(Inode inode, long start, long end) {
        if (end <= start || !(k.sub().store(inode) instanceof BlockFileStore store)) {
            return false;
        }
        return pins.busy(store, inode, start, end) == PinTable.Busy.LONG_TERM;
    }

    /**
     * Whether a write of bytes {@code [offset, offset+length)} overwrites written, unshared
     * blocks inside EOF in place, changing no layout.
     */
    public boolean isInPlaceOverwrite(Inode inode, long offset, long length) {
        if (length <= 0 || offset + length > inode.size || !(k.sub().store(inode) instanceof BlockFileStore store)) {
            return false;
        }
        int bs = store.blockSize();
        long first = offset / bs;
        long count = (offset + length + bs - 1) / bs - first;
        long covered = 0;
        for (org.layoutlease.kernel.fs.block.Extent e : BlockFileStore.map(inode).extentsIn(first, count)) {
            if (e.unwritten() || store.refcounts().anyShared(e.phys())) {
                return false;
            }
            covered += e.length();
        }
        return covered == count;
    }

    private Wait.Step step(Inode inode, long start, long end) {
        if (!k.sub().mm.mappings().isMapped(inode)) {
            return Wait.DONE;
        }
        BlockFileStore store = (BlockFileStore) k.sub().store(inode);
        PinTable.Busy busy = pins.busy(store, inode, start, end);
        if (busy == PinTable.Busy.IDLE) {
            return Wait.DONE;
        }
        if (busy == PinTable.Busy.LONG_TERM) {
            Errno refused = k.policy().longtermPinnedBusyPage();
            if (refused != null) {
                return new Wait.Fail(refused);
            }
        }
        return new Wait.Sleep(pins.unpinned, -1);
    }
}
