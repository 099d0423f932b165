package org.layoutlease.kernel.mm;

import static org.layoutlease.kernel.uapi.Uapi.*;

import org.layoutlease.kernel.Kernel;
import org.layoutlease.kernel.fs.File;
import org.layoutlease.kernel.fs.Inode;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.SysErr;
import org.layoutlease.kernel.uapi.SysResult;

/** mmap(2) and munmap(2) (mm/mmap.c, mm/util.c). */
public final class MmCalls {
    public static final long PAGE_SIZE = 4096;

    private final Kernel k;

    public MmCalls(Kernel k) {
        this.k = k;
    }

    public SysResult mmap(Task t, long addr, long length, int prot, int flags, int fd, long offset) {
        int type = flags & MAP_TYPE;
        if (length <= 0 || offset < 0 || offset % PAGE_SIZE != 0
            || (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE)) {
            throw SysErr.of(Errno.EINVAL);
        }
        long len = roundUp(length);
        File file = null;
        if ((flags & MAP_ANONYMOUS) == 0) {
            file = mappableFile(t, fd, prot, flags);
        }
        if ((flags & MAP_SYNC) != 0 && (type != MAP_SHARED_VALIDATE || file == null || !file.inode().mount().isDax())) {
            throw SysErr.of(Errno.EOPNOTSUPP);
        }
        MmStruct mm = t.group().mm;
        long start;
        if ((flags & MAP_FIXED) != 0) {
            if (addr % PAGE_SIZE != 0) {
                throw SysErr.of(Errno.EINVAL);
            }
            unmap(t, addr, len);
            start = addr;
        } else {
            start = mm.allocateAddress(len);
        }
        Vma v = new Vma(start, start + len, prot, flags, file == null ? null : file.get(), offset);
        mm.insert(v);
        k.sub().mapped(t, v);
        return SysResult.ok(start);
    }

    /** The checks of do_mmap for a file: readable, and writable for a shared writable mapping. */
    private static File mappableFile(Task t, int fd, int prot, int flags) {
        File f = t.group().files.get(fd);
        if (f.isPath()) {
            throw SysErr.of(Errno.EBADF);
        }
        Inode i = f.inode();
        if (!i.isRegular() && !i.isCharDevice()) {
            throw SysErr.of(Errno.ENODEV);
        }
        if (!f.canRead()) {
            throw SysErr.of(Errno.EACCES);
        }
        boolean shared = (flags & MAP_TYPE) != MAP_PRIVATE;
        if (shared && (prot & PROT_WRITE) != 0 && !f.canWrite()) {
            throw SysErr.of(Errno.EACCES);
        }
        return f;
    }

    public SysResult munmap(Task t, long addr, long length) {
        if (addr % PAGE_SIZE != 0 || length <= 0) {
            throw SysErr.of(Errno.EINVAL);
        }
        unmap(t, addr, roundUp(length));
        return SysResult.ok(0);
    }

    /** Removes [start, start+len) from the caller's address space, splitting mappings at the edges. */
    public void unmap(Task t, long start, long len) {
        MmStruct mm = t.group().mm;
        long end = start + len;
        for (Vma v : mm.overlapping(start, end)) {
            mm.remove(v);
            if (v.start < start) {
                mm.insert(new Vma(v.start, start, v.prot, v.flags, v.file == null ? null : v.file.get(), v.fileOffset));
            }
            if (v.end > end) {
                mm.insert(new Vma(end, v.end, v.prot, v.flags, v.file == null ? null : v.file.get(),
                    v.fileOffset + (end - v.start)));
            }
            k.sub().unmapped(t.group(), v, Math.max(start, v.start), Math.min(end, v.end));
            if (v.file != null) {
                k.fput(v.file);
            }
        }
    }

    /** exit/exec: every mapping goes. */
    public void unmapAll(org.layoutlease.kernel.sched.ThreadGroup g) {
        for (Vma v : g.mm.all()) {
            g.mm.remove(v);
            k.sub().unmapped(g, v, v.start, v.end);
            if (v.file != null) {
                k.fput(v.file);
            }
        }
    }

    public static long roundUp(long len) {
        return (len + PAGE_SIZE - 1) / PAGE_SIZE * PAGE_SIZE;
    }
}
