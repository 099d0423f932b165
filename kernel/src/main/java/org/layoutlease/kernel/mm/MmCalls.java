package org.layoutlease.kernel.mm;

import static org.layoutlease.kernel.uapi.Uapi.*;

import java.util.ArrayList;
import java.util.List;
import org.layoutlease.kernel.Kernel;
import org.layoutlease.kernel.fs.File;
import org.layoutlease.kernel.fs.Inode;
import org.layoutlease.kernel.fs.block.BlockFileStore;
import org.layoutlease.kernel.fs.dax.DeviceDax;
import org.layoutlease.kernel.lib.Data;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.sched.ThreadGroup;
import org.layoutlease.kernel.signal.SigInfo;
import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.Signals;
import org.layoutlease.kernel.uapi.SysErr;
import org.layoutlease.kernel.uapi.SysResult;

/**
 * mmap(2), munmap(2) and the CPU touching memory (mm/mmap.c, mm/util.c, mm/memory.c): the
 * {@code poke}/{@code peek} pseudo-calls fault pages in exactly as a load or store would, and a
 * fault past the end of a file kills the process with SIGBUS.
 */
public final class MmCalls {
    public static final long PAGE_SIZE = 4096;
    /** Largest single mapping or access: the user address space. */
    public static final long MAX_MAP_BYTES = 1L << 46;

    private final Kernel k;
    private final FileMappings mappings = new FileMappings();

    public MmCalls(Kernel k) {
        this.k = k;
    }

    /** Which files are mapped (mapping_mapped). */
    public FileMappings mappings() {
        return mappings;
    }

    BlockFileStore store(Inode i) {
        return (BlockFileStore) k.sub().store(i);
    }

    // ------------------------------------------------------------------ mmap and munmap

    public SysResult mmap(Task t, long addr, long length, int prot, int flags, int fd, long offset) {
        int type = flags & MAP_TYPE;
        if (length <= 0 || length > MAX_MAP_BYTES || offset < 0 || offset % PAGE_SIZE != 0
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
            unmap(t.group(), addr, len);
            start = addr;
        } else {
            start = mm.allocateAddress(len);
        }
        Vma v = new Vma(start, start + len, prot, flags, file == null ? null : file.get(), offset);
        if (file == null) {
            v.anon = new AnonMemory(type != MAP_PRIVATE);
        }
        link(mm, v);
        k.sub().mapped(t, v);
        return SysResult.ok(start);
    }

    /** The checks of do_mmap for a file: readable, writable for a shared writable mapping, mmap-able. */
    private static File mappableFile(Task t, int fd, int prot, int flags) {
        File f = t.group().files.get(fd);
        if (f.isPath()) {
            throw SysErr.of(Errno.EBADF);
        }
        Inode i = f.inode();
        boolean devDax = f.fops instanceof DeviceDax;
        if (!i.isRegular() && !devDax) {
            throw SysErr.of(Errno.ENODEV);
        }
        if (!f.canRead()) {
            throw SysErr.of(Errno.EACCES);
        }
        boolean shared = (flags & MAP_TYPE) != MAP_PRIVATE;
        if (shared && (prot & PROT_WRITE) != 0 && !f.canWrite()) {
            throw SysErr.of(Errno.EACCES);
        }
        if (devDax && !shared) {
            // check_vma() in drivers/dax/device.c: device-DAX cannot be mapped privately.
            throw SysErr.of(Errno.EINVAL);
        }
        return f;
    }

    public SysResult munmap(Task t, long addr, long length) {
        if (addr % PAGE_SIZE != 0 || length <= 0) {
            throw SysErr.of(Errno.EINVAL);
        }
        unmap(t.group(), addr, roundUp(length));
        return SysResult.ok(0);
    }

    /** Removes [start, start+len) from a process's address space, splitting mappings at the edges. */
    public void unmap(ThreadGroup g, long start, long len) {
        MmStruct mm = g.mm;
        long end = start + len;
        for (Vma v : mm.overlapping(start, end)) {
            unlink(mm, v);
            if (v.start < start) {
                link(mm, v.slice(v.start, start, v.file == null ? null : v.file.get()));
            }
            if (v.end > end) {
                link(mm, v.slice(end, v.end, v.file == null ? null : v.file.get()));
            }
            k.sub().unmapped(g, v, Math.max(start, v.start), Math.min(end, v.end));
            if (v.file != null) {
                k.fput(v.file);
            }
        }
    }

    /** exit/exec: every mapping goes. */
    public void unmapAll(ThreadGroup g) {
        for (Vma v : g.mm.all()) {
            unlink(g.mm, v);
            k.sub().unmapped(g, v, v.start, v.end);
            if (v.file != null) {
                k.fput(v.file);
            }
        }
    }

    /**
     * dup_mm() for fork: the child maps the same files; private anonymous memory is copied (as
     * if every page were copied at once, which is what Linux does for pages pinned for DMA, so a
     * parent's pins keep referencing the parent's pages); shared anonymous memory stays shared.
     */
    public MmStruct dupMm(MmStruct src) {
        MmStruct mm = new MmStruct();
        java.util.IdentityHashMap<AnonMemory, AnonMemory> copies = new java.util.IdentityHashMap<>();
        for (Vma v : src.all()) {
            Vma c = new Vma(v.start, v.end, v.prot, v.flags, v.file == null ? null : v.file.get(), v.fileOffset);
            if (v.anon != null) {
                c.anon = copies.computeIfAbsent(v.anon, AnonMemory::forkCopy);
                c.anonOffset = v.anonOffset;
            }
            link(mm, c);
        }
        mm.copyLayoutFrom(src);
        return mm;
    }

    private void link(MmStruct mm, Vma v) {
        mm.insert(v);
        mappings.linked(v);
    }

    private void unlink(MmStruct mm, Vma v) {
        mm.remove(v);
        mappings.unlinked(v);
    }

    // ------------------------------------------------------------------ the CPU touching memory

    /** {@code poke(ADDR, LEN, BYTE)}: stores LEN copies of BYTE, faulting pages in for write. */
    public SysResult poke(Task t, long addr, long len, int value) {
        checkAccess(addr, len);
        Data fill = Data.fill((byte) value, len);
        for (Chunk c : chunks(t, addr, len, true)) {
            if (c.signal != null) {
                k.signals.forceSigFault(t, c.signal);
                return SysResult.ok(0);
            }
            c.forEachPiece((run, off, n, userAddr) -> run.write(off, fill.slice(userAddr - addr, n)));
        }
        return SysResult.ok(0);
    }

    /** {@code peek(ADDR, LEN)}: loads LEN bytes, faulting pages in for read. */
    public SysResult peek(Task t, long addr, long len) {
        checkAccess(addr, len);
        Data.Builder out = new Data.Builder();
        for (Chunk c : chunks(t, addr, len, false)) {
            if (c.signal != null) {
                k.signals.forceSigFault(t, c.signal);
                return SysResult.ok(0);
            }
            c.forEachPiece((run, off, n, userAddr) -> out.append(run.read(off, n)));
        }
        Data d = out.build();
        return SysResult.ok(d.length(), d);
    }

    private static void checkAccess(long addr, long len) {
        if (len <= 0 || len > MAX_MAP_BYTES || addr < 0) {
            throw SysErr.of(Errno.EINVAL);
        }
    }

    /**
     * The bytes {@code [start, end)} of one mapping: the runs behind its pages (which start at
     * the page containing {@code start}), or the fault signal that stops the access there.
     */
    private record Chunk(long start, long end, List<PageRun> runs, SigInfo signal) {
        interface Piece {
            void accept(PageRun run, long offsetInRun, long length, long userAddr);
        }

        /** Visits the parts of the runs that cover {@code [start, end)}, in address order. */
        void forEachPiece(Piece p) {
            long skip = start % PAGE_SIZE;
            long pos = start;
            for (PageRun r : runs) {
                if (pos >= end) {
                    return;
                }
                if (skip >= r.length()) {
                    skip -= r.length();
                    continue;
                }
                long n = Math.min(r.length() - skip, end - pos);
                p.accept(r, skip, n, pos);
                pos += n;
                skip = 0;
            }
            assert pos == end : "runs do not cover the access";
        }
    }

    /** Walks the mappings of an access in address order, faulting each piece in. */
    private List<Chunk> chunks(Task t, long addr, long len, boolean write) {
        List<Chunk> out = new ArrayList<>();
        long pos = addr;
        long end = addr + len;
        while (pos < end) {
            Vma v = t.group().mm.find(pos);
            if (v == null) {
                out.add(new Chunk(pos, pos, List.of(), SigInfo.fault(Signals.SIGSEGV, Signals.SEGV_MAPERR, pos)));
                return out;
            }
            if (write ? !v.canWrite() : !v.canRead()) {
                out.add(new Chunk(pos, pos, List.of(), SigInfo.fault(Signals.SIGSEGV, Signals.SEGV_ACCERR, pos)));
                return out;
            }
            long pieceEnd = Math.min(end, v.end);
            long pageStart = pos / PAGE_SIZE * PAGE_SIZE;
            Faults.Outcome o = Faults.fault(this::store, v, pageStart, roundUp(pieceEnd), write);
            if (!o.complete() && o.faultAt() < pieceEnd) {
                long okEnd = Math.max(pos, o.faultAt());
                if (okEnd > pos) {
                    out.add(new Chunk(pos, okEnd, o.runs(), null));
                }
                out.add(new Chunk(okEnd, okEnd, List.of(), SigInfo.fault(Signals.SIGBUS, Signals.BUS_ADRERR, okEnd)));
                return out;
            }
            out.add(new Chunk(pos, pieceEnd, o.runs(), null));
            pos = pieceEnd;
        }
        return out;
    }

    /**
     * hmm_range_fault() for an ODP device access to {@code [addr, addr+len)} of {@code mm}: the
     * memory there now, read from ({@code data == null}) or written. Nothing is allocated: a
     * missing mapping, a page past end of file, a hole or an unwritten extent is EFAULT.
     */
    public Data deviceAccess(MmStruct mm, long addr, long len, Data data) {
        boolean write = data != null;
        Data.Builder out = new Data.Builder();
        long pos = addr;
        long end = addr + len;
        while (pos < end) {
            Vma v = mm.find(pos);
            if (v == null || !v.canRead() || (write && !v.canWrite())) {
                throw SysErr.of(Errno.EFAULT);
            }
            long pieceEnd = Math.min(end, v.end);
            long pageStart = pos / PAGE_SIZE * PAGE_SIZE;
            Faults.Outcome o = Faults.fault(this::store, v, pageStart, roundUp(pieceEnd), write && !v.isShared());
            if (!o.complete()) {
                throw SysErr.of(Errno.EFAULT);
            }
            Chunk c = new Chunk(pos, pieceEnd, o.runs(), null);
            c.forEachPiece((run, off, n, userAddr) -> {
                if (run instanceof PageRun.Zero) {
                    throw SysErr.of(Errno.EFAULT);
                }
            });
            c.forEachPiece((run, off, n, userAddr) -> {
                if (write) {
                    run.write(off, data.slice(userAddr - addr, n));
                } else {
                    out.append(run.read(off, n));
                }
            });
            pos = pieceEnd;
        }
        return out.build();
    }

    /** Faults in {@code [start, end)} of one mapping for GUP; see {@link Faults}. */
    Faults.Outcome faultForGup(Vma v, long start, long end, boolean write) {
        return Faults.fault(this::store, v, start, end, write);
    }

    public static long roundUp(long len) {
        return (len + PAGE_SIZE - 1) / PAGE_SIZE * PAGE_SIZE;
    }
}
