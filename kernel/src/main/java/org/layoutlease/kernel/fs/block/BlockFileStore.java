package org.layoutlease.kernel.fs.block;

import static org.layoutlease.kernel.uapi.Uapi.*;

import java.util.ArrayList;
import java.util.List;
import org.layoutlease.kernel.Kernel;
import org.layoutlease.kernel.fs.FileStore;
import org.layoutlease.kernel.fs.FsType;
import org.layoutlease.kernel.fs.Inode;
import org.layoutlease.kernel.fs.Mount;
import org.layoutlease.kernel.lib.Data;
import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.Fiemap;
import org.layoutlease.kernel.uapi.SysErr;

/**
 * A filesystem's data: its block allocator, shared-block refcounts, media and one extent map per
 * regular file. On a DAX mount the media is the persistent memory itself, so a mapped page is
 * the block. Every layout change is reported to the {@link LayoutListener} as an ExtentChange.
 */
public final class BlockFileStore implements FileStore {

    /** Told about every layout change, before freed blocks can be reused by anyone else. */
    public interface LayoutListener {
        void changed(Inode inode, ExtentChange change);
    }

    private final Mount mount;
    private final int bs;
    private final BlockAllocator allocator;
    private final BlockRefcounts refcounts = new BlockRefcounts();
    private final SparseMedia media;
    private final boolean unwrittenExtents;
    public LayoutListener listener = (i, c) -> { };

    public BlockFileStore(Mount mount, Kernel kernel) {
        this.mount = mount;
        this.bs = mount.blockSize();
        this.allocator = new BlockAllocator(Math.max(1, mount.sizeBytes() / bs));
        this.media = new SparseMedia(Math.max(1, mount.sizeBytes() / bs) * bs);
        this.unwrittenExtents = mount.type() != FsType.TMPFS;
    }

    public Mount mount() {
        return mount;
    }

    public BlockAllocator allocator() {
        return allocator;
    }

    public BlockRefcounts refcounts() {
        return refcounts;
    }

    public SparseMedia media() {
        return media;
    }

    public int blockSize() {
        return bs;
    }

    /** The extent map of a regular file on this filesystem. */
    public static ExtentMap map(Inode i) {
        return (ExtentMap) i.fsPrivate;
    }

    /** The file's own extent map, allocated on the first change: empty files share {@link ExtentMap#EMPTY}. */
    private static ExtentMap mapForUpdate(Inode i) {
        ExtentMap m = map(i);
        if (m == ExtentMap.EMPTY) {
            m = new ExtentMap();
            i.fsPrivate = m;
        }
        return m;
    }

    @Override
    public void initFile(Inode inode, long size, boolean sparse) {
        inode.fsPrivate = ExtentMap.EMPTY;
        inode.size = size;
        if (!sparse && size > 0) {
            long blocks = blocksFor(size);
            ExtentChange c = allocate(inode, 0, blocks, false);
            zeroBlocks(c.allocated());
        }
    }

    private long blocksFor(long bytes) {
        return (bytes + bs - 1) / bs;
    }

    private ExtentChange allocate(Inode i, long start, long count, boolean unwritten) {
        try {
            ExtentChange c = mapForUpdate(i).allocate(start, count, allocator, unwritten);
            listener.changed(i, c);
            return c;
        } catch (NoSpaceException e) {
            throw SysErr.of(Errno.ENOSPC);
        }
    }

    private void zeroBlocks(List<PhysExtent> extents) {
        for (PhysExtent p : extents) {
            media.zero(p.start() * bs, p.length() * bs);
        }
    }

    @Override
    public Data read(Inode inode, long offset, long length) {
        long n = Math.max(0, Math.min(length, inode.size - offset));
        return readRaw(inode, offset, n);
    }

    /** The bytes at file offsets [offset, offset+n): holes and unwritten extents read as zeros. */
    private Data readRaw(Inode inode, long offset, long n) {
        Data.Builder out = new Data.Builder();
        long pos = offset;
        long end = offset + n;
        while (pos < end) {
            long block = pos / bs;
            Extent e = map(inode).find(block);
            long pieceEnd;
            if (e == null) {
                long next = map(inode).nextData(block);
                pieceEnd = next < 0 ? end : Math.min(end, next * bs);
                out.append(Data.zeros(pieceEnd - pos));
            } else {
                pieceEnd = Math.min(end, e.logicalEnd() * bs);
                long phys = e.physicalOf(block) * bs + (pos - block * bs);
                out.append(e.unwritten() ? Data.zeros(pieceEnd - pos) : media.read(phys, pieceEnd - pos));
            }
            pos = pieceEnd;
        }
        return out.build();
    }

    @Override
    public void write(Inode inode, long offset, Data data) {
        long n = data.length();
        if (n == 0) {
            return;
        }
        long first = offset / bs;
        long last = (offset + n - 1) / bs;
        prepareForWrite(inode, first, last - first + 1);
        long pos = offset;
        long done = 0;
        while (done < n) {
            long block = pos / bs;
            Extent e = map(inode).find(block);
            assert e != null && !e.unwritten() : "prepared block missing at " + block;
            long pieceEnd = Math.min(offset + n, e.logicalEnd() * bs);
            long phys = e.physicalOf(block) * bs + (pos - block * bs);
            media.write(phys, data.slice(done, pieceEnd - pos));
            done += pieceEnd - pos;
            pos = pieceEnd;
        }
        if (offset + n > inode.size) {
            inode.size = offset + n;
        }
    }

    /**
     * A write fault on a shared mapping (the iomap_begin of a DAX write fault): allocates the
     * holes, converts unwritten extents and unshares reflinked blocks of the bytes
     * {@code [offset, offset+len)}, without writing data or changing i_size.
     */
    public void prepareWrite(Inode inode, long offset, long len) {
        if (len <= 0) {
            return;
        }
        long first = offset / bs;
        long last = (offset + len - 1) / bs;
        prepareForWrite(inode, first, last - first + 1);
    }

    /** Allocates holes, converts unwritten extents and unshares shared blocks in a block range. */
    private void prepareForWrite(Inode inode, long start, long count) {
        if (map(inode).writableInPlace(start, count, refcounts)) {
            // The common rewrite: every step below would find nothing to do and report no change.
            return;
        }
        ExtentChange alloc = allocate(inode, start, count, false);
        zeroBlocks(alloc.allocated());
        unshare(inode, start, count);
        List<PhysExtent> converted = new ArrayList<>();
        for (Extent e : map(inode).extentsIn(start, count)) {
            if (e.unwritten()) {
                converted.add(e.phys());
            }
        }
        if (!converted.isEmpty()) {
            zeroBlocks(converted);
            ExtentChange c = mapForUpdate(inode).markWritten(start, count);
            listener.changed(inode, c);
        }
    }

    /** Copy-on-write of the shared blocks in a range: new blocks get the data, old ones lose a reference. */
    private void unshare(Inode inode, long start, long count) {
        ExtentChange cow;
        try {
            cow = mapForUpdate(inode).remapShared(start, count, allocator, refcounts);
        } catch (NoSpaceException e) {
            throw SysErr.of(Errno.ENOSPC);
        }
        for (ExtentChange.Remap r : cow.remapped()) {
            media.copy(r.oldPhysical() * bs, r.newPhysical() * bs, r.length() * bs);
        }
        listener.changed(inode, cow);
        refcounts.releaseAndFree(cow.freed(), allocator);
    }

    @Override
    public void setSize(Inode inode, long newSize) {
        if (newSize < inode.size) {
            long keep = blocksFor(newSize);
            release(inode, map(inode).truncateBlocks(keep));
            zeroTail(inode, newSize);
        }
        inode.size = newSize;
    }

    /** Zeroes the bytes of the last partial block past {@code from}, so a later extension reads zeros. */
    private void zeroTail(Inode inode, long from) {
        if (from % bs == 0) {
            return;
        }
        Extent e = map(inode).find(from / bs);
        if (e != null && !e.unwritten() && !refcounts.isShared(e.physicalOf(from / bs))) {
            long phys = e.physicalOf(from / bs) * bs + from % bs;
            media.zero(phys, bs - from % bs);
        }
    }

    private void release(Inode inode, ExtentChange change) {
        listener.changed(inode, change);
        refcounts.releaseAndFree(change.freed(), allocator);
    }

    @Override
    public void fallocate(Inode inode, int mode, long offset, long length) {
        long end = offset + length;
        if ((mode & FALLOC_FL_PUNCH_HOLE) != 0) {
            punch(inode, offset, end);
        } else if ((mode & FALLOC_FL_ZERO_RANGE) != 0) {
            punch(inode, offset, end);
            allocateRange(inode, offset, end);
            growUnlessKeep(inode, mode, end);
        } else if ((mode & FALLOC_FL_COLLAPSE_RANGE) != 0) {
            release(inode, mapForUpdate(inode).collapse(offset / bs, length / bs));
            inode.size -= length;
        } else if ((mode & FALLOC_FL_INSERT_RANGE) != 0) {
            listener.changed(inode, mapForUpdate(inode).insert(offset / bs, length / bs));
            inode.size += length;
        } else if ((mode & FALLOC_FL_UNSHARE_RANGE) != 0) {
            unshare(inode, offset / bs, blocksFor(end) - offset / bs);
        } else {
            allocateRange(inode, offset, end);
            growUnlessKeep(inode, mode, end);
        }
    }

    private void allocateRange(Inode inode, long offset, long end) {
        ExtentChange c = allocate(inode, offset / bs, blocksFor(end) - offset / bs, unwrittenExtents);
        if (!unwrittenExtents) {
            zeroBlocks(c.allocated());
        }
    }

    private static void growUnlessKeep(Inode inode, int mode, long end) {
        if ((mode & FALLOC_FL_KEEP_SIZE) == 0 && end > inode.size) {
            inode.size = end;
        }
    }

    /** Unmaps the whole blocks inside [offset, end) and zeroes the partial edges. */
    private void punch(Inode inode, long offset, long end) {
        long firstWhole = blocksFor(offset);
        long lastWhole = end / bs;
        zeroBytes(inode, offset, Math.min(end, firstWhole * bs));
        if (lastWhole > firstWhole) {
            release(inode, mapForUpdate(inode).punch(firstWhole, lastWhole - firstWhole));
            zeroBytes(inode, Math.max(offset, lastWhole * bs), end);
        } else if (lastWhole >= firstWhole) {
            zeroBytes(inode, Math.max(offset, lastWhole * bs), end);
        }
    }

    private void zeroBytes(Inode inode, long from, long to) {
        if (to <= from) {
            return;
        }
        long first = from / bs;
        if (map(inode).find(first) == null) {
            return;
        }
        unshare(inode, first, (to - 1) / bs - first + 1);
        long pos = from;
        while (pos < to) {
            Extent e = map(inode).find(pos / bs);
            long pieceEnd = Math.min(to, e == null ? (pos / bs + 1) * bs : e.logicalEnd() * bs);
            if (e != null && !e.unwritten()) {
                media.zero(e.physicalOf(pos / bs) * bs + pos % bs, pieceEnd - pos);
            }
            pos = pieceEnd;
        }
    }

    @Override
    public void cloneFrom(Inode dst, Inode src) {
        ExtentChange c = mapForUpdate(dst).cloneFrom(map(src));
        refcounts.shareAll(c.newlyShared());
        listener.changed(dst, c);
        refcounts.releaseAndFree(c.freed(), allocator);
        dst.size = src.size;
    }

    @Override
    public Fiemap fiemap(Inode inode, long start, long length) {
        List<Fiemap.Extent> out = new ArrayList<>();
        for (FiemapExtent e : map(inode).fiemap(refcounts)) {
            int flags = (e.last() ? FIEMAP_EXTENT_LAST : 0) | (e.unwritten() ? FIEMAP_EXTENT_UNWRITTEN : 0)
                | (e.shared() ? FIEMAP_EXTENT_SHARED : 0);
            out.add(new Fiemap.Extent(e.logical() * bs, e.physical() * bs, e.length() * bs, flags));
        }
        return new Fiemap(0, inode.size, out);
    }

    @Override
    public long seekData(Inode inode, long offset) {
        long b = map(inode).nextData(offset / bs, true);
        return b < 0 ? -1 : Math.max(offset, b * bs);
    }

    @Override
    public long seekHole(Inode inode, long offset) {
        long b = map(inode).nextHole(offset / bs, true);
        return b < 0 ? inode.size : Math.max(offset, b * bs);
    }

    @Override
    public long blocks512(Inode inode) {
        return map(inode).mappedBlockCount() * (bs / 512);
    }

    @Override
    public void evict(Inode inode) {
        release(inode, map(inode).truncateBlocks(0));
    }
}
