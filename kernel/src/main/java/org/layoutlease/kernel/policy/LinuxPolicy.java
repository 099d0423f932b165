package org.layoutlease.kernel.policy;

import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.Uapi;

/** Upstream Linux 6.18: no user layout leases; FS-DAX long-term pins refused (LINUX-LEASES.md). */
public class LinuxPolicy implements Policy {
    @Override
    public String name() {
        return "linux";
    }

    @Override
    public String summary() {
        return "upstream Linux 6.18: F_LAYOUT is EINVAL, FS-DAX long-term pins fail EOPNOTSUPP";
    }

    /** Upstream has no user layout leases: F_LAYOUT and F_EXCLUSIVE are not lease types (EINVAL). */
    @Override
    public int layoutLeaseFlags(long arg) {
        return 0;
    }

    /**
     * Unreachable from user space (only nfsd's pNFS layouts are FL_LAYOUT upstream); upstream
     * prints them like any lease, by target type.
     */
    @Override
    public String layoutLeaseTypeLabel(int targetType, boolean exclusive) {
        return switch (targetType) {
            case Uapi.F_WRLCK -> "WRITE";
            case Uapi.F_RDLCK -> "READ";
            default -> "UNLCK";
        };
    }

    /**
     * check_vma_flags(): FOLL_LONGTERM of an FS-DAX mapping is EOPNOTSUPP; and a writable
     * long-term pin of a shared page-cache mapping whose filesystem needs dirty tracking is
     * EFAULT (vma_needs_dirty_tracking, since 6.2).
     */
    @Override
    public Errno longtermPin(LongtermPin pin) {
        if (pin.vmaIsFsDax()) {
            return Errno.EOPNOTSUPP;
        }
        return pin.sharedPageCacheWrite() ? Errno.EFAULT : null;
    }

    @Override
    public boolean tracksFilePins() {
        return false;
    }

    /** No long-term DAX pins can exist, and short-term ones are waited for. */
    @Override
    public Errno longtermPinnedBusyPage() {
        return null;
    }
}
