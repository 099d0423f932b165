package org.layoutlease.kernel.fs.locks;

import org.layoutlease.kernel.Wait;
import org.layoutlease.kernel.fs.File;
import org.layoutlease.kernel.fs.Inode;
import org.layoutlease.kernel.sched.Task;

/**
 * The layout-lease questions of GUP, the DAX code and the invariants, answered from the lease
 * lists (v2 patches 02 and 04): whether a file has a layout lease, and
 * mapping_inode_has_layout()'s search for the caller's exclusive one. Breaking goes through
 * {@link Leases#breakLayout}.
 */
final class LayoutLeaseQueries implements LayoutLeases {
    private final Leases leases;

    LayoutLeaseQueries(Leases leases) {
        this.leases = leases;
    }

    @Override
    public boolean hasLayoutLease(Inode inode) {
        FileLockContext ctx = inode.lockContext;
        for (FileLease fl = ctx == null ? null : ctx.head; fl != null; fl = fl.ctxNext) {
            if (fl.isLayout()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public File exclusiveLayoutLeaseFile(Inode inode, int tgid) {
        FileLockContext ctx = inode.lockContext;
        for (FileLease fl = ctx == null ? null : ctx.head; fl != null; fl = fl.ctxNext) {
            if (fl.isLayout() && fl.isExclusive() && fl.pid == tgid) {
                return fl.file;
            }
        }
        return null;
    }

    @Override
    public Wait breakLayout(Task breaker, Inode inode, boolean nonblock) {
        return leases.breakLayout(breaker, inode, nonblock);
    }
}
