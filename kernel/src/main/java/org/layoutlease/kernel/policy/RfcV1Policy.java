package org.layoutlease.kernel.policy;

import org.layoutlease.kernel.fs.locks.FileLease;
import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.Uapi;

/** The June 2019 series (SYSTEM.md §2.13): any layout lease enables pinning; breaks then ETXTBSY. */
public class RfcV1Policy implements Policy {
    @Override
    public String name() {
        return "rfc-v1";
    }

    @Override
    public String summary() {
        return "June 2019 RFC: any layout lease allows pins; truncate breaks it, then ETXTBSY if still pinned";
    }

    /**
     * v1 accepts exactly F_LAYOUT (a read-level FL_LAYOUT lease); it has no F_EXCLUSIVE, so
     * F_LAYOUT|F_EXCLUSIVE, like any other value, is EINVAL (SYSTEM.md §2.13).
     */
    @Override
    public int layoutLeaseFlags(long arg) {
        return arg == Uapi.F_LAYOUT ? FileLease.FL_LAYOUT : 0;
    }

    /** As in v2: lock_get_status() was left alone, so a layout lease prints as UNLCK (SYSTEM.md §2.13, §8). */
    @Override
    public String layoutLeaseTypeLabel(int targetType, boolean exclusive) {
        return "UNLCK";
    }

    /** v1 patch 04: an FS-DAX page may be pinned if any FL_LAYOUT lease is on its inode, whoever holds it. */
    @Override
    public Errno longtermPin(LongtermPin pin) {
        if (pin.pagesAreFsDax() && !pin.leases().hasLayoutLease(pin.inode())) {
            return Errno.EPERM;
        }
        return null;
    }

    @Override
    public boolean tracksFilePins() {
        return false;
    }

    /** v1 "Fail truncate if pages are GUP pinned": page_gup_pinned() in the busy-page scan. */
    @Override
    public Errno longtermPinnedBusyPage() {
        return Errno.ETXTBSY;
    }
}
