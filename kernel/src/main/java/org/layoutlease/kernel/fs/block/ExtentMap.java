package org.layoutlease.kernel.fs.block;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Models one inode's data fork, the extent tree mapping file blocks to device blocks (XFS's
 * {@code xfs_ifork} / bmap btree, ext4's extent tree).
 *
 * <p>Extents are kept canonical: disjoint, and an extent that continues its left neighbour
 * logically and physically in the same state is merged into it. Every update returns an
 * {@link ExtentChange} and touches neither the allocator's free list (beyond taking new blocks)
 * nor the refcount table: the caller applies the change, in the order the change documents.
 * Costs are O(log n) per extent touched; collapse and insert re-key the extents after the range,
 * as {@code xfs_bmap_collapse_extents()} does.
 */
public final class ExtentMap {

    /** File blocks are below this: 2^51 blocks of 4 KiB is XFS's 8 EiB file size limit. */
    public static final long MAX_LOGICAL_BLOCKS = 1L << 51;

    /** Limit on extents in one file, so a fragmenting scenario fails loudly. */
    public static final int MAX_EXTENTS = 1 << 22;

    /** The shared map of every file with no extent: most files in a large tree have none. */
    private static final NavigableMap<Long, Extent> NO_EXTENTS = Collections.emptyNavigableMap();

    /** logical → extent; {@link #NO_EXTENTS} until the first extent (only {@link #put} adds one). */
    private NavigableMap<Long, Extent> extents = NO_EXTENTS;
    private long mappedBlocks;

    /**
     * The one extent map of every file that has never had a block: read-only, so a tree of a
     * million empty files holds no map of its own. BlockFileStore swaps in a map of the file's
     * own before the first change ({@code BlockFileStore.mapForUpdate}); a change here throws.
     */
    public static final ExtentMap EMPTY = new ExtentMap();

    public ExtentMap() {
    }

    /** An independent copy. */
    public ExtentMap copy() {
        ExtentMap c = new ExtentMap();
        if (!extents.isEmpty()) {
            c.extents = new TreeMap<>(extents);
        }
        c.mappedBlocks = mappedBlocks;
        return c;
    }

    // ================================================================ queries

    /** The device block holding file block {@code block}, or -1 for a hole. */
    public long lookup(long block) {
        Extent e = find(block);
        return e == null ? -1 : e.physicalOf(block);
    }

    /** The extent containing file block {@code block}, or null for a hole. */
    public Extent find(long block) {
        checkBlock(block);
        Map.Entry<Long, Extent> e = extents.floorEntry(block);
        return e != null && e.getValue().logicalEnd() > block ? e.getValue() : null;
    }

    /** All extents in logical order, unmodifiable (the shared empty list for a file with none). */
    public List<Extent> mappedExtents() {
        // Most files have no blocks (the shared empty map): no view, no copy.
        return extents.isEmpty() ? List.of() : List.copyOf(extents.values());
    }

    /** The extents overlapping file blocks {@code [start, start + count)}, clipped to that range, in order. */
    public List<Extent> extentsIn(long start, long count) {
        checkRange(start, count);
        long end = start + count;
        List<Extent> out = new ArrayList<>();
        Map.Entry<Long, Extent> below = extents.lowerEntry(start);
        if (below != null && below.getValue().logicalEnd() > start) {
            out.add(below.getValue().slice(start, Math.min(end, below.getValue().logicalEnd())));
        }
        for (Extent e : extents.subMap(start, true, end, false).values()) {
            out.add(e.logicalEnd() <= end ? e : e.slice(e.logical(), end));
        }
        return out;
    }

    /**
     * Whether every block of {@code [start, start + count)} is mapped, written and, when
     * {@code refcounts} is given, shared with no other file: then a write there needs no
     * allocation, conversion or copy. Allocates nothing; the check is conservative (a shared
     * block anywhere in an extent that overlaps the range answers false).
     */
    public boolean writableInPlace(long start, long count, BlockRefcounts refcounts) {
        checkRange(start, count);
        Map.Entry<Long, Extent> first = extents.floorEntry(start);
        if (first == null || first.getValue().logicalEnd() <= start) {
            return false;
        }
        long end = start + count;
        long pos = start;
        for (Extent e : extents.tailMap(first.getKey(), true).values()) {
            if (e.logical() > pos || e.unwritten() || (refcounts != null && refcounts.anyShared(e.phys()))) {
                return false;
            }
            pos = e.logicalEnd();
            if (pos >= end) {
                return true;
            }
        }
        return false;
    }

    public int extentCount() {
        return extents.size();
    }

    /** Blocks mapped, written or not: what {@code st_blocks} counts. */
    public long mappedBlockCount() {
        return mappedBlocks;
    }

    /** One past the last mapped file block, or 0 if nothing is mapped. */
    public long endBlock() {
        return extents.isEmpty() ? 0 : extents.lastEntry().getValue().logicalEnd();
    }

    /** {@code SEEK_DATA} in blocks: the first block at or after {@code block} holding written data, or -1. */
    public long nextData(long block) {
        return nextData(block, true);
    }

    /**
     * The first block at or after {@code block} that is mapped, or -1. With
     * {@code unwrittenIsHole} unwritten extents count as holes, as {@code iomap_seek_data()}
     * treats them when no page cache holds data (always, on DAX).
     */
    public long nextData(long block, boolean unwrittenIsHole) {
        Extent e = find(block);
        if (e != null && !(unwrittenIsHole && e.unwritten())) {
            return block;
        }
        for (Extent x : extents.tailMap(block, false).values()) {
            if (!(unwrittenIsHole && x.unwritten())) {
                return x.logical();
            }
        }
        return -1;
    }

    /** {@code SEEK_HOLE} in blocks: the first hole at or after {@code block}; unwritten counts as hole. */
    public long nextHole(long block) {
        return nextHole(block, true);
    }

    /** The first block at or after {@code block} that is a hole (or unwritten, if so asked). */
    public long nextHole(long block, boolean unwrittenIsHole) {
        checkBlock(block);
        long pos = block;
        while (pos < MAX_LOGICAL_BLOCKS) {
            Extent e = find(pos);
            if (e == null || (unwrittenIsHole && e.unwritten())) {
                return pos;
            }
            pos = e.logicalEnd();
        }
        return MAX_LOGICAL_BLOCKS;
    }

    /** {@code FS_IOC_FIEMAP} over the whole file. */
    public List<FiemapExtent> fiemap(BlockRefcounts refcounts) {
        return fiemap(0, MAX_LOGICAL_BLOCKS, refcounts);
    }

    /**
     * {@code FS_IOC_FIEMAP} over file blocks {@code [start, start + count)}: the extents clipped
     * to the range, split where sharing changes (as {@code xfs_reflink_trim_around_shared()}
     * does), the last one reported flagged LAST. {@code refcounts} may be null: nothing shared.
     */
    public List<FiemapExtent> fiemap(long start, long count, BlockRefcounts refcounts) {
        List<FiemapExtent> out = new ArrayList<>();
        for (Extent e : extentsIn(start, count)) {
            if (refcounts == null || !refcounts.anyShared(e.phys())) {
                out.add(fiemapPiece(e, e.physical(), e.physicalEnd(), false));
                continue;
            }
            long pos = e.physical();
            for (PhysExtent s : refcounts.sharedRanges(e.phys())) {
                if (pos < s.start()) {
                    out.add(fiemapPiece(e, pos, s.start(), false));
                }
                out.add(fiemapPiece(e, s.start(), s.end(), true));
                pos = s.end();
            }
            if (pos < e.physicalEnd()) {
                out.add(fiemapPiece(e, pos, e.physicalEnd(), false));
            }
        }
        if (!out.isEmpty()) {
            out.set(out.size() - 1, out.getLast().asLast());
        }
        return out;
    }

    private static FiemapExtent fiemapPiece(Extent e, long physStart, long physEnd, boolean shared) {
        long logical = e.logical() + (physStart - e.physical());
        return new FiemapExtent(logical, physStart, physEnd - physStart, false, e.unwritten(), shared);
    }

    // ================================================================ updates

    /**
     * Maps every hole in {@code [start, start + count)} to new blocks, lowest free blocks first
     * and holes in logical order; existing mappings are left alone ({@code xfs_bmapi_write()}).
     *
     * @return {@link ExtentChange#mapped}: the new mappings
     * @throws NoSpaceException if the holes need more blocks than are free; nothing changes
     */
    public ExtentChange allocate(long start, long count, BlockAllocator allocator, boolean unwritten)
            throws NoSpaceException {
        checkRange(start, count);
        long end = start + count;
        List<Piece> holes = new ArrayList<>();
        long pos = start;
        for (Extent e : extentsIn(start, count)) {
            if (e.logical() > pos) {
                holes.add(new Piece(pos, e.logical() - pos, unwritten, -1));
            }
            pos = e.logicalEnd();
        }
        if (pos < end) {
            holes.add(new Piece(pos, end - pos, unwritten, -1));
        }
        ExtentChange.Builder change = new ExtentChange.Builder();
        if (holes.isEmpty()) {
            return change.build();
        }
        List<PhysExtent> blocks = allocateFor(holes, allocator);
        for (Extent e : place(holes, blocks, null)) {
            put(e);
            change.mapped.add(e);
        }
        mergeRange(start, end);
        assert wellFormedNear(start, end);
        return change.build();
    }

    /**
     * Unmaps {@code [start, start + count)} ({@code FALLOC_FL_PUNCH_HOLE}).
     *
     * @return {@link ExtentChange#unmapped}: the mappings removed, whose blocks the caller releases
     */
    public ExtentChange punch(long start, long count) {
        checkRange(start, count);
        ExtentChange.Builder change = new ExtentChange.Builder();
        change.unmapped.addAll(removeRange(start, start + count));
        assert wellFormedNear(start, start + count);
        return change.build();
    }

    /**
     * Unmaps every block at or beyond {@code newBlockCount} (truncate down).
     *
     * @return {@link ExtentChange#unmapped}
     */
    public ExtentChange truncateBlocks(long newBlockCount) {
        if (newBlockCount < 0) {
            throw new IllegalArgumentException("negative block count " + newBlockCount);
        }
        if (newBlockCount >= endBlock()) {
            return ExtentChange.NONE;
        }
        return punch(newBlockCount, MAX_LOGICAL_BLOCKS - newBlockCount);
    }

    /**
     * Removes {@code [start, start + count)} and shifts every later extent down by {@code count}
     * ({@code FALLOC_FL_COLLAPSE_RANGE}; the caller checks the range is inside EOF).
     *
     * @return {@link ExtentChange#unmapped} for the removed range and {@link ExtentChange#shifted}
     *     for each later extent, in logical order
     */
    public ExtentChange collapse(long start, long count) {
        checkRange(start, count);
        long end = start + count;
        ExtentChange.Builder change = new ExtentChange.Builder();
        change.unmapped.addAll(removeRange(start, end));
        change.shifted.addAll(shiftFrom(end, -count));
        mergeAt(start);
        assert wellFormedNear(start, start);
        return change.build();
    }

    /**
     * Shifts every extent at or after {@code start} up by {@code count}, opening a hole
     * ({@code FALLOC_FL_INSERT_RANGE}); an extent straddling {@code start} is split.
     *
     * @return {@link ExtentChange#shifted}, in logical order
     */
    public ExtentChange insert(long start, long count) {
        checkRange(start, count);
        if (endBlock() > MAX_LOGICAL_BLOCKS - count) {
            throw new IllegalArgumentException("insert of " + count + " blocks would pass MAX_LOGICAL_BLOCKS");
        }
        ensureRoom(1);
        splitAt(start);
        ExtentChange.Builder change = new ExtentChange.Builder();
        change.shifted.addAll(shiftFrom(start, count));
        assert wellFormedNear(start, start + count);
        return change.build();
    }

    /**
     * Converts unwritten extents in {@code [start, start + count)} to written
     * ({@code xfs_iomap_write_unwritten()} after data lands).
     *
     * @return {@link ExtentChange#converted}: the converted ranges (in their written state)
     */
    public ExtentChange markWritten(long start, long count) {
        checkRange(start, count);
        long end = start + count;
        ensureRoom(2);
        splitAt(start);
        splitAt(end);
        ExtentChange.Builder change = new ExtentChange.Builder();
        for (Extent e : new ArrayList<>(extents.subMap(start, true, end, false).values())) {
            if (e.unwritten()) {
                take(e.logical());
                put(e.written());
                change.converted.add(e.written());
            }
        }
        mergeRange(start, end);
        assert wellFormedNear(start, end);
        return change.build();
    }

    /**
     * Makes this file map exactly {@code src}'s blocks ({@code FICLONE}).
     *
     * @return {@link ExtentChange#unmapped}: this file's old mappings; {@link ExtentChange#shared}:
     *     the new ones, whose blocks the caller shares before releasing the old ones
     */
    public ExtentChange cloneFrom(ExtentMap src) {
        if (src == this) {
            throw new IllegalArgumentException("cannot clone a file onto itself");
        }
        requireOwn();
        ExtentChange.Builder change = new ExtentChange.Builder();
        change.unmapped.addAll(extents.values());
        extents = NO_EXTENTS;
        mappedBlocks = 0;
        for (Extent e : src.extents.values()) {
            put(e);
            change.shared.add(e);
        }
        assert mappedBlocks == src.mappedBlocks;
        return change.build();
    }

    /**
     * Maps {@code [dstStart, dstStart + count)} of this file to the blocks {@code src} maps at
     * {@code [srcStart, srcStart + count)}; holes in the source become holes ({@code FICLONERANGE}).
     *
     * @return {@link ExtentChange#unmapped}: this range's old mappings; {@link ExtentChange#shared}: the new ones
     */
    public ExtentChange cloneRange(ExtentMap src, long srcStart, long dstStart, long count) {
        checkRange(srcStart, count);
        checkRange(dstStart, count);
        if (src == this && srcStart < dstStart + count && dstStart < srcStart + count) {
            throw new IllegalArgumentException("overlapping clone within one file");
        }
        List<Extent> pieces = src.extentsIn(srcStart, count);
        ensureRoom(pieces.size() + 2);
        long dstEnd = dstStart + count;
        ExtentChange.Builder change = new ExtentChange.Builder();
        change.unmapped.addAll(removeRange(dstStart, dstEnd));
        for (Extent p : pieces) {
            Extent moved = p.atLogical(p.logical() - srcStart + dstStart);
            put(moved);
            change.shared.add(moved);
        }
        mergeRange(dstStart, dstEnd);
        assert wellFormedNear(dstStart, dstEnd);
        return change.build();
    }

    /**
     * Moves every mapped block of {@code [start, start + count)} to newly allocated blocks
     * (defragmentation, device evacuation); holes stay holes and extents keep their state.
     *
     * @return {@link ExtentChange#remapped} old→new per piece, for the caller to copy data;
     *     {@link ExtentChange#unmapped} the old mappings to release; {@link ExtentChange#mapped} the new ones
     * @throws NoSpaceException if not enough blocks are free; nothing changes
     */
    public ExtentChange remap(long start, long count, BlockAllocator allocator) throws NoSpaceException {
        List<Piece> pieces = new ArrayList<>();
        for (Extent e : extentsIn(start, count)) {
            pieces.add(new Piece(e.logical(), e.length(), e.unwritten(), e.physical()));
        }
        return remapPieces(pieces, start, start + count, allocator);
    }

    /**
     * Copy-on-write: moves only the blocks of {@code [start, start + count)} that have another
     * owner to newly allocated blocks ({@code xfs_reflink_allocate_cow()} + end_cow).
     *
     * @return as {@link #remap}
     * @throws NoSpaceException if not enough blocks are free; nothing changes
     */
    public ExtentChange remapShared(long start, long count, BlockAllocator allocator, BlockRefcounts refcounts)
            throws NoSpaceException {
        List<Piece> pieces = new ArrayList<>();
        for (Extent e : extentsIn(start, count)) {
            for (PhysExtent s : refcounts.sharedRanges(e.phys())) {
                long logical = e.logical() + (s.start() - e.physical());
                pieces.add(new Piece(logical, s.length(), e.unwritten(), s.start()));
            }
        }
        return remapPieces(pieces, start, start + count, allocator);
    }

    private ExtentChange remapPieces(List<Piece> pieces, long start, long end, BlockAllocator allocator)
            throws NoSpaceException {
        ExtentChange.Builder change = new ExtentChange.Builder();
        if (pieces.isEmpty()) {
            return change.build();
        }
        List<PhysExtent> blocks = allocateFor(pieces, allocator);
        List<Extent> placed = place(pieces, blocks, change.remapped);
        for (Piece p : pieces) {
            splitAt(p.logical);
            splitAt(p.end());
            Extent old = take(p.logical);
            assert old.length() == p.length && old.physical() == p.oldPhysical : "remap piece drifted: " + old;
            change.unmapped.add(old);
        }
        for (Extent e : placed) {
            put(e);
            change.mapped.add(e);
        }
        mergeRange(start, end);
        assert wellFormedNear(start, end);
        return change.build();
    }

    // ================================================================ invariants

    /**
     * Checks the whole map: extents disjoint, canonical, inside the logical limit, the mapped
     * count right, and a device block mapped more than once only if {@code refcounts} records at
     * least that many owners ({@code refcounts} may be null: then no block may repeat).
     *
     * @throws IllegalStateException naming the first violation
     */
    public void checkInvariants(BlockRefcounts refcounts) {
        Extent prev = null;
        long total = 0;
        for (Map.Entry<Long, Extent> en : extents.entrySet()) {
            Extent e = en.getValue();
            require(en.getKey() == e.logical(), "extent keyed at " + en.getKey() + " is " + e);
            require(e.logicalEnd() <= MAX_LOGICAL_BLOCKS, "extent beyond MAX_LOGICAL_BLOCKS: " + e);
            require(prev == null || prev.logicalEnd() <= e.logical(), "overlapping extents " + prev + " " + e);
            require(prev == null || !prev.canAppend(e), "unmerged extents " + prev + " " + e);
            total += e.length();
            prev = e;
        }
        require(total == mappedBlocks, "mapped block count " + mappedBlocks + " but extents hold " + total);
        for (BlockFsck.Layer layer : BlockFsck.coverage(physicalExtents())) {
            if (layer.count() > 1) {
                requireOwners(layer, refcounts);
            }
        }
    }

    private static void requireOwners(BlockFsck.Layer layer, BlockRefcounts refcounts) {
        PhysExtent blocks = layer.extent();
        require(refcounts != null, "blocks " + blocks + " mapped " + layer.count() + " times in one file");
        long covered = 0;
        for (BlockRefcounts.SharedExtent r : refcounts.records(blocks)) {
            require(r.count() >= layer.count(), "blocks " + r.extent() + " mapped " + layer.count()
                    + " times in one file but refcount is " + r.count());
            covered += r.length();
        }
        require(covered == blocks.length(), "blocks " + blocks + " mapped " + layer.count()
                + " times in one file but not all are shared");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExtentMap other && extents.equals(other.extents);
    }

    @Override
    public int hashCode() {
        return extents.hashCode();
    }

    @Override
    public String toString() {
        return "ExtentMap" + extents.values();
    }

    // ================================================================ internals

    /** A file range to (re)map; {@code oldPhysical} is -1 for a hole. */
    private record Piece(long logical, long length, boolean unwritten, long oldPhysical) {
        long end() {
            return logical + length;
        }
    }

    /** Allocates blocks for all pieces at once, so failure leaves nothing allocated. */
    private List<PhysExtent> allocateFor(List<Piece> pieces, BlockAllocator allocator) throws NoSpaceException {
        long need = 0;
        for (Piece p : pieces) {
            need += p.length;
        }
        List<PhysExtent> blocks = allocator.allocate(need);
        // Worst case every piece and every block run becomes its own extent, plus two splits per piece.
        if ((long) extents.size() + 3L * pieces.size() + blocks.size() > MAX_EXTENTS) {
            allocator.freeAll(blocks);
            throw new IllegalStateException("file would exceed MAX_EXTENTS=" + MAX_EXTENTS + " extents");
        }
        return blocks;
    }

    /** Lays the pieces, in order, onto the blocks, in order; records old→new moves if asked. */
    private static List<Extent> place(List<Piece> pieces, List<PhysExtent> blocks, List<ExtentChange.Remap> remaps) {
        List<Extent> out = new ArrayList<>();
        int bi = 0;
        long used = 0;
        for (Piece p : pieces) {
            long pos = p.logical;
            while (pos < p.end()) {
                PhysExtent b = blocks.get(bi);
                long take = Math.min(p.end() - pos, b.length() - used);
                out.add(new Extent(pos, b.start() + used, take, p.unwritten));
                if (remaps != null) {
                    remaps.add(new ExtentChange.Remap(pos, p.oldPhysical + (pos - p.logical), b.start() + used, take));
                }
                pos += take;
                used += take;
                if (used == b.length()) {
                    bi++;
                    used = 0;
                }
            }
        }
        assert bi == blocks.size() && used == 0 : "placement did not use exactly the allocated blocks";
        return out;
    }

    /** Removes and returns the mappings of {@code [start, end)}, splitting extents at the edges. */
    private List<Extent> removeRange(long start, long end) {
        ensureRoom(1);
        splitAt(start);
        splitAt(end);
        List<Extent> removed = new ArrayList<>(extents.subMap(start, true, end, false).values());
        for (Extent e : removed) {
            take(e.logical());
        }
        return removed;
    }

    /** Moves every extent at or after {@code from} by {@code delta} blocks. */
    private List<ExtentChange.Shift> shiftFrom(long from, long delta) {
        List<Extent> tail = new ArrayList<>(extents.tailMap(from, true).values());
        List<ExtentChange.Shift> shifts = new ArrayList<>(tail.size());
        // Take all first so that re-keying never collides with an extent not yet moved.
        for (Extent e : tail) {
            take(e.logical());
        }
        for (Extent e : tail) {
            put(e.atLogical(e.logical() + delta));
            shifts.add(new ExtentChange.Shift(e.logical(), e.logical() + delta, e.physical(), e.length()));
        }
        return shifts;
    }

    /** Splits the extent straddling {@code point}, if any, so range edits start on an extent edge. */
    private void splitAt(long point) {
        Map.Entry<Long, Extent> en = extents.lowerEntry(point);
        if (en != null && en.getValue().logicalEnd() > point) {
            Extent e = take(en.getKey());
            put(e.slice(e.logical(), point));
            put(e.slice(point, e.logicalEnd()));
        }
    }

    /** Merges the extent starting at {@code point} into its left neighbour if it continues it. */
    private void mergeAt(long point) {
        Extent right = extents.get(point);
        Map.Entry<Long, Extent> left = extents.lowerEntry(point);
        if (right != null && left != null && left.getValue().canAppend(right)) {
            Extent l = take(left.getKey());
            take(point);
            put(new Extent(l.logical(), l.physical(), l.length() + right.length(), l.unwritten()));
        }
    }

    /** Restores canonical form at every extent edge in {@code [from, to]}. */
    private void mergeRange(long from, long to) {
        Long key = extents.ceilingKey(from);
        while (key != null && key <= to) {
            mergeAt(key);
            key = extents.higherKey(key);
        }
    }

    private void put(Extent e) {
        requireOwn();
        if (extents == NO_EXTENTS) {
            extents = new TreeMap<>();
        }
        Extent old = extents.put(e.logical(), e);
        assert old == null : "extent " + e + " replaced " + old;
        mappedBlocks += e.length();
    }

    private Extent take(long logical) {
        requireOwn();
        Extent e = extents.remove(logical);
        assert e != null : "no extent at " + logical;
        mappedBlocks -= e.length();
        return e;
    }

    /** A change to the shared {@link #EMPTY} map would change every empty file at once. */
    private void requireOwn() {
        if (this == EMPTY) {
            throw new IllegalStateException("change to the shared empty extent map");
        }
    }

    private void ensureRoom(int newExtents) {
        if ((long) extents.size() + newExtents > MAX_EXTENTS) {
            throw new IllegalStateException("file would exceed MAX_EXTENTS=" + MAX_EXTENTS + " extents");
        }
    }

    /** Local invariant check around an edited range: cheap enough to assert after every update. */
    private boolean wellFormedNear(long from, long to) {
        Long lo = extents.lowerKey(from);
        Long hi = extents.higherKey(to);
        Collection<Extent> near = extents.subMap(lo == null ? 0 : lo, true, hi == null ? MAX_LOGICAL_BLOCKS : hi, true)
                .values();
        Extent prev = null;
        for (Extent e : near) {
            assert prev == null || prev.logicalEnd() <= e.logical() : "overlap " + prev + " " + e;
            assert prev == null || !prev.canAppend(e) : "unmerged " + prev + " " + e;
            prev = e;
        }
        assert mappedBlocks >= 0;
        return true;
    }

    private static void checkRange(long start, long count) {
        if (start < 0 || count <= 0 || start > MAX_LOGICAL_BLOCKS - count) {
            throw new IllegalArgumentException("bad block range start=" + start + " count=" + count);
        }
    }

    private static void checkBlock(long block) {
        if (block < 0 || block >= MAX_LOGICAL_BLOCKS) {
            throw new IllegalArgumentException("file block out of range: " + block);
        }
    }

    /** Used by {@link BlockFsck}: every device extent this file references. */
    List<PhysExtent> physicalExtents() {
        List<PhysExtent> out = new ArrayList<>(extents.size());
        for (Extent e : extents.values()) {
            out.add(e.phys());
        }
        return out;
    }
}
