package org.layoutlease.kernel.policy;

import org.layoutlease.kernel.fs.locks.FileLease;
import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.Uapi;

/** The August 2019 series as posted, with the XFS return-code fix (SYSTEM.md §2.3-§2.11). */
public class RfcV2Policy implements Policy {
    @Override
    public String name() {
        return "rfc-v2";
    }

    @Override
    public String summary() {
        return "August 2019 RFC v2 as posted: exclusive layout leases, vaddr_pin, file pins, zombie leases";
    }

    /**
     * [code] The argument is a bit mask (SYSTEM.md §2.3): the F_LAYOUT bit asks for a read-level
     * FL_LAYOUT lease, exclusive if the F_EXCLUSIVE bit is also set; all other bits (F_WRLCK,
     * say) are discarded. F_EXCLUSIVE without F_LAYOUT is no lease type (EINVAL).
     */
    @Override
    public int layoutLeaseFlags(long arg) {
        if ((arg & Uapi.F_LAYOUT) == 0) {
            return 0;
        }
        return FileLease.FL_LAYOUT | ((arg & Uapi.F_EXCLUSIVE) != 0 ? FileLease.FL_EXCLUSIVE : 0);
    }

    /**
     * [code] lock_get_status() was not changed: a layout lease, exclusive or not, prints as
     * UNLCK (SYSTEM.md §4 scenario 3, §8).
     */
    @Override
    public String layoutLeaseTypeLabel(int targetType, boolean exclusive) {
        return "UNLCK";
    }

    /**
     * v2 patches 04 and 14: an FS-DAX page may be pinned only by the thread group that holds an
     * exclusive layout lease on its inode, and only through vaddr_pin_pages() (the file pin must
     * be recorded); anything else is EPERM. Patch 19 removed the FS-DAX exclusion.
     */
    @Override
    public Errno longtermPin(LongtermPin pin) {
        if (!pin.pagesAreFsDax()) {
            return null;
        }
        if (!pin.hasVaddrPin() || pin.leases().exclusiveLayoutLeaseFile(pin.inode(), pin.tgid()) == null) {
            return Errno.EPERM;
        }
        return null;
    }

    @Override
    public boolean tracksFilePins() {
        return true;
    }

    /** A pinned page without a lease is waited for like a short-term one: the hang of §4 scenario 16. */
    @Override
    public Errno longtermPinnedBusyPage() {
        return null;
    }
}
