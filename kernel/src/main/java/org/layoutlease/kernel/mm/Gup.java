package org.layoutlease.kernel.mm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.layoutlease.kernel.Kernel;
import org.layoutlease.kernel.fs.File;
import org.layoutlease.kernel.fs.FsType;
import org.layoutlease.kernel.fs.Inode;
import org.layoutlease.kernel.fs.dax.DeviceDax;
import org.layoutlease.kernel.policy.LongtermPin;
import org.layoutlease.kernel.sched.ThreadGroup;
import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.SysErr;

/**
 * get_user_pages() with FOLL_PIN (mm/gup.c), and v2's vaddr_pin_pages() (patch 15): walks the
 * mappings of a user range, applies the long-term checks ({@code Policy#longtermPin}), faults
 * the pages in and records the pin. A failure pins nothing. For a long-term pin with a
 * vaddr_pin token, each pinned FS-DAX file is recorded as a file pin on the token's owner
 * (patch 14), referencing the open file the lease was taken on.
 */
public final class Gup {
    // gup_flags, with Linux's values (include/linux/mm_types.h).
    public static final int FOLL_WRITE = 0x01;
    public static final int FOLL_FORCE = 0x10;
    public static final int FOLL_LONGTERM = 0x100;

    private final Kernel k;
    private final MmCalls mm;
    private final PinTable pins;

    public Gup(Kernel k, MmCalls mm, PinTable pins) {
        this.k = k;
        this.mm = mm;
        this.pins = pins;
    }

    /**
     * Pins the pages covering user bytes {@code [addr, addr+len)} of {@code g}, from the start of
     * the first page. {@code holder} names the pin's owner in invariant explanations.
     */
    public PinnedPages pin(ThreadGroup g, long addr, long len, int gupFlags, VaddrPin token, String holder) {
        if (len <= 0 || addr < 0 || len > MmCalls.MAX_MAP_BYTES) {
            throw SysErr.of(Errno.EINVAL);
        }
        long start = addr / MmCalls.PAGE_SIZE * MmCalls.PAGE_SIZE;
        long end = MmCalls.roundUp(addr + len);
        boolean write = (gupFlags & FOLL_WRITE) != 0;
        boolean longterm = (gupFlags & FOLL_LONGTERM) != 0;
        List<PageRun> runs = new ArrayList<>();
        long pos = start;
        while (pos < end) {
            Vma v = g.mm.find(pos);
            checkVma(v, write);
            long pieceEnd = Math.min(end, v.end);
            if (longterm) {
                checkLongterm(g, v, write, token != null);
            }
            Faults.Outcome o = mm.faultForGup(v, pos, pieceEnd, write);
            if (!o.complete()) {
                // A fault that would be SIGBUS for the CPU fails the GUP (vm_fault_to_errno).
                throw SysErr.of(Errno.EFAULT);
            }
            runs.addAll(o.runs());
            pos = pieceEnd;
        }
        PinnedPages p = pins.pin(runs, longterm, holder, token);
        if (longterm && token != null && pins.filePins() != null) {
            recordFilePins(g, p);
        }
        return p;
    }

    /** check_vma_flags(): a mapping must exist and allow the access. */
    private static void checkVma(Vma v, boolean write) {
        if (v == null || !v.canRead() || (write && !v.canWrite())) {
            throw SysErr.of(Errno.EFAULT);
        }
    }

    /** The long-term rules for one file mapping; the policy decides (SYSTEM.md §2.8). */
    private void checkLongterm(ThreadGroup g, Vma v, boolean write, boolean hasToken) {
        if (v.file == null || v.file.fops instanceof DeviceDax) {
            return;
        }
        Inode inode = v.file.inode();
        boolean fsDax = inode.mount().isDax();
        FsType type = inode.mount().type();
        boolean pagesAreFsDax = fsDax && (v.isShared() || !write);
        boolean dirtyTracked = type == FsType.EXT4 || type == FsType.XFS;
        boolean sharedPageCacheWrite = !fsDax && v.isShared() && write && dirtyTracked;
        LongtermPin req = new LongtermPin(inode, fsDax, pagesAreFsDax, sharedPageCacheWrite, g.tgid(), hasToken,
            k.sub().layoutLeases());
        Errno refused = k.policy().longtermPin(req);
        if (refused != null) {
            throw SysErr.of(refused);
        }
        if (pagesAreFsDax && !k.policy().zombieLeaseLicensesPins() && pins.filePins() != null) {
            File leaseFile = k.sub().layoutLeases().exclusiveLayoutLeaseFile(inode, g.tgid());
            if (leaseFile != null && pins.filePins().isZombie(leaseFile)) {
                throw SysErr.of(Errno.EPERM);
            }
        }
    }

    /** add_file_pin() for each FS-DAX file of the pin, through the lease its check found. */
    private void recordFilePins(ThreadGroup g, PinnedPages p) {
        Map<Inode, Long> pages = new LinkedHashMap<>();
        // Summed over consecutive runs of one file first: a file of many extents is one entry.
        Inode inode = null;
        long n = 0;
        for (PageRun.FileBlocks fb : p.fileRuns()) {
            if (!fb.isFsDax()) {
                continue;
            }
            if (fb.inode() != inode && inode != null) {
                pages.merge(inode, n, Long::sum);
                n = 0;
            }
            inode = fb.inode();
            n += fb.length() / MmCalls.PAGE_SIZE;
        }
        if (inode != null) {
            pages.merge(inode, n, Long::sum);
        }
        for (var e : pages.entrySet()) {
            File leaseFile = k.sub().layoutLeases().exclusiveLayoutLeaseFile(e.getKey(), g.tgid());
            if (leaseFile != null && e.getValue() > 0) {
                pins.addFilePin(p, leaseFile, e.getValue());
            }
        }
    }

    /** unpin_user_pages() / vaddr_unpin_pages_dirty_lock(). */
    public void unpin(PinnedPages p) {
        pins.unpin(p);
    }
}
