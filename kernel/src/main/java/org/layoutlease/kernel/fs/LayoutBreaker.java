package org.layoutlease.kernel.fs;

import org.layoutlease.kernel.Wait;
import org.layoutlease.kernel.sched.Task;

/**
 * A filesystem's layout-break points (xfs_break_layouts, ext4_break_layouts and the DAX
 * busy-page waits): each returns the wait loop that must finish before the layout may change.
 */
public interface LayoutBreaker {

    /** Size change through setattr (truncate, ftruncate, O_TRUNC). */
    Wait beforeSetSize(Task t, Inode inode, long oldSize, long newSize);

    /** fallocate(2) of any mode. */
    Wait beforeFallocate(Task t, Inode inode, int mode, long offset, long length);

    /** write(2)/pwrite(2) (XFS breaks layouts on every write). */
    Wait beforeWrite(Task t, Inode inode, long offset, long length);

    /** FICLONE into {@code dst} from {@code src}. */
    Wait beforeClone(Task t, Inode dst, Inode src);

    /** No layout protection at all. */
    LayoutBreaker NONE = new LayoutBreaker() {
        @Override
        public Wait beforeSetSize(Task t, Inode inode, long oldSize, long newSize) {
            return Wait.NONE;
        }

        @Override
        public Wait beforeFallocate(Task t, Inode inode, int mode, long offset, long length) {
            return Wait.NONE;
        }

        @Override
        public Wait beforeWrite(Task t, Inode inode, long offset, long length) {
            return Wait.NONE;
        }

        @Override
        public Wait beforeClone(Task t, Inode dst, Inode src) {
            return Wait.NONE;
        }
    };
}
