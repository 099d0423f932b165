package org.layoutlease.kernel.fs;

import org.layoutlease.kernel.Wait;
import org.layoutlease.kernel.sched.Task;

/**
 * Dispatches the layout-break points to the filesystem that holds the file, as the VFS reaches
 * each filesystem's own setattr, fallocate and write_iter. tmpfs and procfs have none.
 */
public final class LayoutByFsType implements LayoutBreaker {
    private final LayoutBreaker xfs;
    private final LayoutBreaker ext4;

    public LayoutByFsType(LayoutBreaker xfs, LayoutBreaker ext4) {
        this.xfs = xfs;
        this.ext4 = ext4;
    }

    private LayoutBreaker of(Inode inode) {
        return switch (inode.mount().type()) {
            case XFS -> xfs;
            case EXT4 -> ext4;
            default -> NONE;
        };
    }

    @Override
    public Wait beforeSetSize(Task t, Inode inode, long oldSize, long newSize) {
        return of(inode).beforeSetSize(t, inode, oldSize, newSize);
    }

    @Override
    public Wait beforeFallocate(Task t, Inode inode, int mode, long offset, long length) {
        return of(inode).beforeFallocate(t, inode, mode, offset, length);
    }

    @Override
    public Wait beforeWrite(Task t, Inode inode, long offset, long length) {
        return of(inode).beforeWrite(t, inode, offset, length);
    }

    @Override
    public Wait beforeClone(Task t, Inode dst, Inode src) {
        return of(dst).beforeClone(t, dst, src);
    }
}
