package org.layoutlease.kernel.mm;

import java.util.ArrayList;
import java.util.List;
import org.layoutlease.kernel.fs.Inode;
import org.layoutlease.kernel.fs.block.BlockFileStore;
import org.layoutlease.kernel.fs.block.Extent;
import org.layoutlease.kernel.fs.dax.DeviceDax;
import org.layoutlease.kernel.lib.Data;
import org.layoutlease.kernel.lib.RangeSet;

/**
 * handle_mm_fault() for a page-aligned range of one mapping: faults the pages in and says what
 * memory is behind each one. A shared DAX mapping resolves to the filesystem blocks themselves
 * (dax_iomap_fault; a write fault allocates holes and converts unwritten extents, a read fault
 * of a hole maps the zero page); a private mapping copies a page on its first write; an access
 * past the end of the file or device stops the range there (the caller raises SIGBUS or, for
 * GUP, fails with EFAULT). Page faults never break layouts (SYSTEM.md §2.6).
 */
final class Faults {
    private Faults() {
    }

    /** The memory behind {@code [start, faultAt)} and, if the fault stopped early, where (else -1). */
    record Outcome(List<PageRun> runs, long faultAt) {
        boolean complete() {
            return faultAt < 0;
        }
    }

    static Outcome fault(BlockStores stores, Vma v, long start, long end, boolean write) {
        assert v.start <= start && end <= v.end && start < end;
        if (v.file == null) {
            return new Outcome(List.of(new PageRun.Anon(v.anon, v.anonOffsetOf(start), end - start)), -1);
        }
        long limit = v.start + (accessibleBytes(v) - v.fileOffset);
        long okEnd = Math.min(end, Math.max(start, limit));
        List<PageRun> runs = new ArrayList<>();
        if (okEnd > start) {
            runs.addAll(resolve(stores, v, start, okEnd, write));
        }
        return new Outcome(runs, okEnd < end ? okEnd : -1);
    }

    /** The file bytes a mapping may touch: whole pages up to i_size (max_idx), or the device size. */
    private static long accessibleBytes(Vma v) {
        if (v.file.fops instanceof DeviceDax d) {
            return d.sizeBytes();
        }
        return MmCalls.roundUp(v.file.inode().size);
    }

    private static List<PageRun> resolve(BlockStores stores, Vma v, long start, long end, boolean write) {
        if (v.file.fops instanceof DeviceDax d) {
            return List.of(new PageRun.Device(d, v.fileOffsetOf(start), end - start));
        }
        Inode inode = v.file.inode();
        BlockFileStore store = stores.of(inode);
        if (v.isShared()) {
            return fileRuns(store, inode, v.file.path(), v.fileOffsetOf(start), end - start, write);
        }
        return privateRuns(store, v, start, end, write);
    }

    /** A private file mapping: copied pages come from the anon_vma, the rest from the file. */
    private static List<PageRun> privateRuns(BlockFileStore store, Vma v, long start, long end, boolean write) {
        if (v.anon == null) {
            v.anon = new AnonMemory(false);
            v.anonOffset = 0;
        }
        long len = end - start;
        long anonStart = v.anonOffsetOf(start);
        if (write) {
            for (RangeSet.Range gap : missing(v.anon, anonStart, len)) {
                long fileOff = v.fileOffsetOf(start + (gap.start() - anonStart));
                v.anon.populate(gap.start(), pageContent(store, v.file.inode(), fileOff, gap.length()));
            }
            return List.of(new PageRun.Anon(v.anon, anonStart, len));
        }
        List<PageRun> out = new ArrayList<>();
        long pos = anonStart;
        for (RangeSet.Range gap : missing(v.anon, anonStart, len)) {
            if (gap.start() > pos) {
                out.add(new PageRun.Anon(v.anon, pos, gap.start() - pos));
            }
            long fileOff = v.fileOffsetOf(start + (gap.start() - anonStart));
            out.addAll(fileRuns(store, v.file.inode(), v.file.path(), fileOff, gap.length(), false));
            pos = gap.end();
        }
        if (pos < anonStart + len) {
            out.add(new PageRun.Anon(v.anon, pos, anonStart + len - pos));
        }
        return out;
    }

    private static List<RangeSet.Range> missing(AnonMemory anon, long offset, long len) {
        return anon.missing(offset, len);
    }

    /** The contents of whole pages of a file, zero-filled past end of file (the COW source). */
    private static Data pageContent(BlockFileStore store, Inode inode, long fileOff, long len) {
        Data d = store.read(inode, fileOff, len);
        return d.length() == len ? d : d.concat(Data.zeros(len - d.length()));
    }

    /** Shared file pages: the blocks themselves; holes and unwritten extents read as the zero page. */
    static List<PageRun> fileRuns(BlockFileStore store, Inode inode, String path, long fileOff, long len,
                                  boolean write) {
        if (write) {
            store.prepareWrite(inode, fileOff, len);
        }
        int bs = store.blockSize();
        List<PageRun> out = new ArrayList<>();
        long pos = fileOff;
        long end = fileOff + len;
        long firstBlock = fileOff / bs;
        long blocks = (end + bs - 1) / bs - firstBlock;
        for (Extent e : BlockFileStore.map(inode).extentsIn(firstBlock, blocks)) {
            long eStart = Math.max(fileOff, e.logical() * bs);
            long eEnd = Math.min(end, e.logicalEnd() * bs);
            if (eStart > pos) {
                out.add(new PageRun.Zero(eStart - pos));
            }
            if (e.unwritten()) {
                out.add(new PageRun.Zero(eEnd - eStart));
            } else {
                long phys = e.physicalOf(eStart / bs) * bs + eStart % bs;
                out.add(new PageRun.FileBlocks(store, inode, path, eStart, phys, eEnd - eStart));
            }
            pos = eEnd;
        }
        if (pos < end) {
            out.add(new PageRun.Zero(end - pos));
        }
        return out;
    }

    /** Looks up the block store of a file. */
    interface BlockStores {
        BlockFileStore of(Inode inode);
    }
}
