package org.layoutlease.kernel.fs.ext4;

import static org.layoutlease.kernel.uapi.Uapi.*;

import org.layoutlease.kernel.Wait;
import org.layoutlease.kernel.fs.Inode;
import org.layoutlease.kernel.fs.LayoutBreaker;
import org.layoutlease.kernel.fs.dax.DaxLayout;
import org.layoutlease.kernel.fs.locks.LayoutLeases;
import org.layoutlease.kernel.mm.FileMappings;
import org.layoutlease.kernel.policy.Policy;
import org.layoutlease.kernel.sched.Task;

/**
 * ext4_break_layouts() and its callers (fs/ext4/inode.c, extents.c, after v2 patches 05-06):
 * truncate down and punch/zero/collapse/insert range. It breaks layout leases only when
 * dax_mapping_is_dax() holds, i.e. the file is DAX and mapped by someone (mapping_mapped) —
 * so a file nobody maps is changed with no lease check at all [code] — then waits for busy
 * DAX pages in the range. Writes and plain preallocation never break layouts.
 */
public final class Ext4Layout implements LayoutBreaker {
    private static final long PAGE = 4096;
    private final LayoutLeases leases;
    private final DaxLayout dax;
    private final FileMappings mappings;
    private final Policy policy;

    public Ext4Layout(LayoutLeases leases, DaxLayout dax, FileMappings mappings, Policy policy) {
        this.leases = leases;
        this.dax = dax;
        this.mappings = mappings;
        this.policy = policy;
    }

    /** ext4_break_layouts(inode, offset, len). */
    private Wait breakLayouts(Task t, Inode inode, long start, long end) {
        if (!inode.mount().isDax() || (policy.ext4BreaksOnlyWhenMapped() && !mappings.isMapped(inode))) {
            return Wait.NONE;
        }
        return dax.breakLeasesThenBusyPages(leases, t, inode, start, end);
    }

    /** ext4_setattr(): only a shrinking size change breaks layouts. */
    @Override
    public Wait beforeSetSize(Task t, Inode inode, long oldSize, long newSize) {
        if (newSize >= oldSize) {
            return Wait.NONE;
        }
        return breakLayouts(t, inode, newSize / PAGE * PAGE, oldSize);
    }

    /** ext4_fallocate(): punch, zero, collapse and insert break layouts; preallocation does not. */
    @Override
    public Wait beforeFallocate(Task t, Inode inode, int mode, long offset, long length) {
        if ((mode & (FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE)) != 0) {
            return breakLayouts(t, inode, offset, offset + length);
        }
        if ((mode & (FALLOC_FL_COLLAPSE_RANGE | FALLOC_FL_INSERT_RANGE)) != 0) {
            return breakLayouts(t, inode, offset, Math.max(inode.size, offset + length));
        }
        return Wait.NONE;
    }

    @Override
    public Wait beforeWrite(Task t, Inode inode, long offset, long length) {
        return Wait.NONE;
    }

    /** ext4 has no reflink; FICLONE fails before reaching here. */
    @Override
    public Wait beforeClone(Task t, Inode dst, Inode src) {
        return Wait.NONE;
    }
}
