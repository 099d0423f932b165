package org.layoutlease.kernel.fs.xfs;

import static org.layoutlease.kernel.uapi.Uapi.*;

import org.layoutlease.kernel.Wait;
import org.layoutlease.kernel.fs.Inode;
import org.layoutlease.kernel.fs.LayoutBreaker;
import org.layoutlease.kernel.fs.dax.DaxLayout;
import org.layoutlease.kernel.fs.locks.LayoutLeases;
import org.layoutlease.kernel.policy.Policy;
import org.layoutlease.kernel.sched.Task;

/**
 * xfs_break_layouts() and its callers (fs/xfs/xfs_file.c, xfs_iops.c, after v2 patches 07-08
 * and the separately posted return-code fix): BREAK_WRITE on every write breaks layout leases
 * only; BREAK_UNMAP (truncate down, every fallocate mode, reflink) breaks layout leases first,
 * then waits for busy DAX pages in the range. An exclusive lease's ETXTBSY/EDEADLOCK ends the
 * operation before anything changes.
 */
public final class XfsLayout implements LayoutBreaker {
    private static final long PAGE = 4096;
    private final LayoutLeases leases;
    private final DaxLayout dax;
    private final Policy policy;

    public XfsLayout(LayoutLeases leases, DaxLayout dax, Policy policy) {
        this.leases = leases;
        this.dax = dax;
        this.policy = policy;
    }

    /** BREAK_UNMAP: xfs_break_leased_layouts(), then xfs_break_dax_layouts() over the range. */
    private Wait breakUnmap(Task t, Inode inode, long start, long end) {
        return dax.breakLeasesThenBusyPages(leases, t, inode, start, end);
    }

    /** xfs_vn_setattr(): v2 breaks layouts only when the file shrinks. */
    @Override
    public Wait beforeSetSize(Task t, Inode inode, long oldSize, long newSize) {
        if (newSize >= oldSize) {
            return Wait.NONE;
        }
        return breakUnmap(t, inode, newSize / PAGE * PAGE, oldSize);
    }

    /** xfs_file_fallocate(): every mode breaks; shifting modes affect the file from offset to its end. */
    @Override
    public Wait beforeFallocate(Task t, Inode inode, int mode, long offset, long length) {
        boolean shifts = (mode & (FALLOC_FL_COLLAPSE_RANGE | FALLOC_FL_INSERT_RANGE)) != 0;
        long end = shifts ? Math.max(inode.size, offset + length) : offset + length;
        return breakUnmap(t, inode, offset, end);
    }

    /** xfs_file_aio_write_checks(): BREAK_WRITE, whole file, for every write. */
    @Override
    public Wait beforeWrite(Task t, Inode inode, long offset, long length) {
        if (!policy.inPlaceWriteBreaksLayout() && dax.isInPlaceOverwrite(inode, offset, length)) {
            return Wait.NONE;
        }
        // A write that allocates or copies on write is refused like any layout change.
        return leases.breakLayout(t, inode, false, true);
    }

    /** xfs_reflink_remap_prep(): both files' layouts are broken; the target's blocks are replaced. */
    @Override
    public Wait beforeClone(Task t, Inode dst, Inode src) {
        boolean srcPinned = dax.touchesLongtermPins(src, 0, Math.max(src.size, 1));
        boolean dstPinned = dax.touchesLongtermPins(dst, 0, Math.max(dst.size, 1));
        Wait both = Wait.sequence(leases.breakLayout(t, src, false, srcPinned), leases.breakLayout(t, dst, false, dstPinned));
        return Wait.sequence(both, dax.busyPages(dst, 0, Math.max(dst.size, 1)));
    }
}
