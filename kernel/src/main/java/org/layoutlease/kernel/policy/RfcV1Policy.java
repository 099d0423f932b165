package org.layoutlease.kernel.policy;

import static org.layoutlease.kernel.uapi.Uapi.F_EXCLUSIVE;
import static org.layoutlease.kernel.uapi.Uapi.F_LAYOUT;

import org.layoutlease.kernel.fs.locks.FileLease;
import org.layoutlease.kernel.uapi.Errno;

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

    /** v1 exports F_LAYOUT only; a request carrying F_EXCLUSIVE is no lease type (EINVAL). */
    @Override
    public int layoutLeaseFlags(int arg) {
        return (arg & F_LAYOUT) != 0 && (arg & F_EXCLUSIVE) == 0 ? FileLease.FL_LAYOUT : 0;
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
