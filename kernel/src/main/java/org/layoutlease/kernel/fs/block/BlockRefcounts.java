package org.layoutlease.kernel.fs.block;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Models XFS's reference-count btree ({@code fs/xfs/libxfs/xfs_refcount.c}): the owner count
 * of shared blocks after {@code FICLONE}, stored only where it is above one.
 *
 * <p>An allocated block with no record has one owner. The table does not know which blocks
 * are allocated: {@link #release} reports the blocks whose last reference went away, and the
 * caller returns them to the {@link BlockAllocator}, whose double-free check catches a release
 * of a block nobody owned. Records are coalesced, so cost follows the number of records touched.
 */
public final class BlockRefcounts {

    /** XFS's {@code MAXREFCOUNT}: one more share than this fails rather than wraps. */
    public static final long MAX_REFCOUNT = (1L << 31) - 1;

    /** A record: blocks {@code [start, start + length)} each have {@code count} owners. */
    public record SharedExtent(long start, long length, long count) {
        public SharedExtent {
            if (length <= 0 || count < 2) {
                throw new IllegalArgumentException("bad refcount record " + start + "+" + length + " x" + count);
            }
        }

        public PhysExtent extent() {
            return new PhysExtent(start, length);
        }
    }

    private record Segment(long end, long count) {
    }

    /** start → segment; segments are disjoint, count ≥ 2, and touching ones differ in count. */
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private long sharedBlocks;

    public BlockRefcounts() {
    }

    /** An independent copy. */
    public BlockRefcounts copy() {
        BlockRefcounts c = new BlockRefcounts();
        c.segments.putAll(segments);
        c.sharedBlocks = sharedBlocks;
        return c;
    }

    /**
     * Adds one owner to every block of {@code extent} (a clone now maps it too).
     *
     * @throws IllegalStateException if a count would exceed {@link #MAX_REFCOUNT}; nothing changes
     */
    public void share(PhysExtent extent) {
        long start = extent.start();
        long end = extent.end();
        for (SharedExtent r : records(extent)) {
            if (r.count() >= MAX_REFCOUNT) {
                throw new IllegalStateException("refcount of blocks " + r.extent() + " would exceed " + MAX_REFCOUNT);
            }
        }
        splitAt(start);
        splitAt(end);
        long pos = start;
        for (Map.Entry<Long, Segment> e : new ArrayList<>(segments.subMap(start, true, end, false).entrySet())) {
            if (pos < e.getKey()) {
                putNew(pos, e.getKey(), 2);
            }
            segments.put(e.getKey(), new Segment(e.getValue().end(), e.getValue().count() + 1));
            pos = e.getValue().end();
        }
        if (pos < end) {
            putNew(pos, end, 2);
        }
        coalesce(start, end);
    }

    /** Shares each extent in turn. */
    public void shareAll(List<PhysExtent> extents) {
        for (PhysExtent e : extents) {
            share(e);
        }
    }

    /**
     * Drops one owner from every block of {@code extent}.
     *
     * @return the blocks that lost their last owner, ascending; the caller must free them
     */
    public List<PhysExtent> release(PhysExtent extent) {
        long start = extent.start();
        long end = extent.end();
        splitAt(start);
        splitAt(end);
        List<PhysExtent> freed = new ArrayList<>();
        long pos = start;
        for (Map.Entry<Long, Segment> e : new ArrayList<>(segments.subMap(start, true, end, false).entrySet())) {
            if (pos < e.getKey()) {
                freed.add(PhysExtent.between(pos, e.getKey()));
            }
            Segment s = e.getValue();
            if (s.count() == 2) {
                // Back to a single owner: single ownership is the default and is not stored.
                segments.remove(e.getKey());
                sharedBlocks -= s.end() - e.getKey();
            } else {
                segments.put(e.getKey(), new Segment(s.end(), s.count() - 1));
            }
            pos = s.end();
        }
        if (pos < end) {
            freed.add(PhysExtent.between(pos, end));
        }
        coalesce(start, end);
        return freed;
    }

    /**
     * Releases each extent and frees the blocks that lost their last owner; the one path by
     * which an inode's dropped blocks go back to free space.
     *
     * @return the blocks actually freed, in the order freed
     */
    public List<PhysExtent> releaseAndFree(List<PhysExtent> extents, BlockAllocator allocator) {
        List<PhysExtent> freed = new ArrayList<>();
        for (PhysExtent e : extents) {
            for (PhysExtent f : release(e)) {
                allocator.free(f);
                freed.add(f);
            }
        }
        return freed;
    }

    /** Owners of {@code block}: the stored count, or 1 (for an allocated block) when none is stored. */
    public long refcount(long block) {
        Map.Entry<Long, Segment> e = segments.floorEntry(block);
        return e != null && e.getValue().end() > block ? e.getValue().count() : 1;
    }

    public boolean isShared(long block) {
        return refcount(block) > 1;
    }

    /** The maximal sub-ranges of {@code extent} whose blocks have more than one owner, ascending. */
    public List<PhysExtent> sharedRanges(PhysExtent extent) {
        List<PhysExtent> out = new ArrayList<>();
        for (SharedExtent r : records(extent)) {
            PhysExtent piece = r.extent();
            int last = out.size() - 1;
            if (last >= 0 && out.get(last).end() == piece.start()) {
                out.set(last, PhysExtent.between(out.get(last).start(), piece.end()));
            } else {
                out.add(piece);
            }
        }
        return out;
    }

    /** True if any block of {@code extent} has more than one owner. */
    public boolean anyShared(PhysExtent extent) {
        Map.Entry<Long, Segment> e = segments.lowerEntry(extent.end());
        return e != null && e.getValue().end() > extent.start();
    }

    /** The stored records clipped to {@code extent}, ascending. */
    public List<SharedExtent> records(PhysExtent extent) {
        List<SharedExtent> out = new ArrayList<>();
        Map.Entry<Long, Segment> below = segments.lowerEntry(extent.start());
        if (below != null && below.getValue().end() > extent.start()) {
            long end = Math.min(below.getValue().end(), extent.end());
            out.add(new SharedExtent(extent.start(), end - extent.start(), below.getValue().count()));
        }
        for (Map.Entry<Long, Segment> e : segments.subMap(extent.start(), true, extent.end(), false).entrySet()) {
            long end = Math.min(e.getValue().end(), extent.end());
            out.add(new SharedExtent(e.getKey(), end - e.getKey(), e.getValue().count()));
        }
        return out;
    }

    /** All stored records, ascending. */
    public List<SharedExtent> records() {
        if (segments.isEmpty()) {
            return List.of(); // the usual case: nothing is shared
        }
        List<SharedExtent> out = new ArrayList<>(segments.size());
        for (Map.Entry<Long, Segment> e : segments.entrySet()) {
            out.add(new SharedExtent(e.getKey(), e.getValue().end() - e.getKey(), e.getValue().count()));
        }
        return out;
    }

    /** Number of blocks with more than one owner. */
    public long sharedBlockCount() {
        return sharedBlocks;
    }

    /** Number of stored records. */
    public int recordCount() {
        return segments.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockRefcounts other && segments.equals(other.segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    @Override
    public String toString() {
        return "BlockRefcounts" + records();
    }

    private void putNew(long start, long end, long count) {
        segments.put(start, new Segment(end, count));
        sharedBlocks += end - start;
    }

    /** Splits the record straddling {@code point}, if any, so a range edit starts on a record edge. */
    private void splitAt(long point) {
        Map.Entry<Long, Segment> e = segments.lowerEntry(point);
        if (e != null && e.getValue().end() > point) {
            Segment s = e.getValue();
            segments.put(e.getKey(), new Segment(point, s.count()));
            segments.put(point, new Segment(s.end(), s.count()));
        }
    }

    /** Merges touching records of equal count from just before {@code from} up to {@code to}. */
    private void coalesce(long from, long to) {
        Long lowerKey = segments.lowerKey(from);
        long lo = lowerKey == null ? from : lowerKey;
        long prevKey = 0;
        Segment prev = null;
        for (Map.Entry<Long, Segment> e : new ArrayList<>(segments.subMap(lo, true, to, true).entrySet())) {
            Segment cur = e.getValue();
            if (prev != null && prev.end() == e.getKey() && prev.count() == cur.count()) {
                segments.remove(e.getKey());
                prev = new Segment(cur.end(), cur.count());
                segments.put(prevKey, prev);
            } else {
                prevKey = e.getKey();
                prev = cur;
            }
        }
        assert wellFormedNear(lo, to);
    }

    private boolean wellFormedNear(long from, long to) {
        Segment prev = null;
        long prevKey = 0;
        for (Map.Entry<Long, Segment> e : segments.subMap(from, true, to, true).entrySet()) {
            Segment cur = e.getValue();
            assert e.getKey() < cur.end() && cur.count() >= 2 : "bad refcount record at " + e.getKey();
            assert prev == null || prev.end() < e.getKey() || (prev.end() == e.getKey() && prev.count() != cur.count())
                    : "overlapping or uncoalesced refcount records at " + prevKey + " and " + e.getKey();
            prev = cur;
            prevKey = e.getKey();
        }
        return true;
    }
}
