package org.layoutlease.kernel.policy;

import org.layoutlease.kernel.fs.locks.FileLease;
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
}
