package org.layoutlease.kernel.fs.locks;

import org.layoutlease.kernel.Wait;
import org.layoutlease.kernel.fs.File;
import org.layoutlease.kernel.fs.Inode;
import org.layoutlease.kernel.sched.Task;

/**
 * What the memory, DAX and filesystem code needs from layout leases (FL_LAYOUT, SYSTEM.md
 * §2.3-§2.7): the queries of the pin check and of the invariants, and break_layout(). The lease
 * code implements it; nothing outside fs/locks sees a lease object.
 */
public interface LayoutLeases {

    /** Whether any layout lease (plain or exclusive, anyone's, breaking or not) is on {@code inode}. */
    boolean hasLayoutLease(Inode inode);

    /**
     * mapping_inode_has_layout() of v2: the open file ({@code fl_file}) of a layout lease on
     * {@code inode} that is exclusive and was taken by thread group {@code tgid}, or null.
     */
    File exclusiveLayoutLeaseFile(Inode inode, int tgid);

    /**
     * break_layout(inode, wait) = __break_lease(inode, O_WRONLY, FL_LAYOUT): breaks plain
     * layout leases (signal, wait up to lease-break-time) and fails with ETXTBSY, or EDEADLOCK
     * for the caller's own process, on an exclusive one. With {@code nonblock} a lease that would
     * need waiting fails with EWOULDBLOCK instead.
     */
    Wait breakLayout(Task breaker, Inode inode, boolean nonblock);

    /**
     * break_layout() for a change that the caller has checked against the long-term pins:
     * {@code touchesLongtermPins} says whether it would free, move or share a pinned block. The
     * policy decides whether an exclusive lease refuses a change that touches none.
     */
    default Wait breakLayout(Task breaker, Inode inode, boolean nonblock, boolean touchesLongtermPins) {
        return breakLayout(breaker, inode, nonblock);
    }

    /** No layout leases at all: a kernel without the feature. */
    LayoutLeases NONE = new LayoutLeases() {
        @Override
        public boolean hasLayoutLease(Inode inode) {
            return false;
        }

        @Override
        public File exclusiveLayoutLeaseFile(Inode inode, int tgid) {
            return null;
        }

        @Override
        public Wait breakLayout(Task breaker, Inode inode, boolean nonblock) {
            return Wait.NONE;
        }
    };
}
