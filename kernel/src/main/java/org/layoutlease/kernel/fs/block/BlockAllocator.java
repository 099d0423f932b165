package org.layoutlease.kernel.fs.block;

import java.util.ArrayList;
import java.util.List;
import org.layoutlease.kernel.lib.RangeSet;

/**
 * Models a filesystem's free-space index (XFS's by-block free-space btree, ext4's mballoc) as
 * a first-fit allocator over a set of free extents.
 *
 * <p>Allocation always takes the lowest free blocks, so physical addresses depend only on the
 * order of allocations and frees and a freed block is the first one reused
 * (SCENARIO-LANGUAGE.md §3). Cost is O(log n) per extent handed out or returned, whatever the
 * number of blocks.
 */
public final class BlockAllocator {

    /** Largest device: 2^48 blocks is 1 EiB of 4 KiB blocks. */
    public static final long MAX_TOTAL_BLOCKS = 1L << 48;

    private final long totalBlocks;
    /** Free blocks; allocated ones are exactly the complement in {@code [0, totalBlocks)}. */
    private final RangeSet free;

    /** An allocator over blocks {@code [0, totalBlocks)}, all free. */
    public BlockAllocator(long totalBlocks) {
        if (totalBlocks <= 0 || totalBlocks > MAX_TOTAL_BLOCKS) {
            throw new IllegalArgumentException("totalBlocks must be in 1.." + MAX_TOTAL_BLOCKS + ": " + totalBlocks);
        }
        this.totalBlocks = totalBlocks;
        this.free = new RangeSet();
        free.add(0, totalBlocks);
    }

    private BlockAllocator(BlockAllocator other) {
        this.totalBlocks = other.totalBlocks;
        this.free = other.free.copy();
    }

    /** An independent copy of this allocator's state. */
    public BlockAllocator copy() {
        return new BlockAllocator(this);
    }

    /**
     * Allocates {@code count} blocks, lowest free blocks first.
     *
     * @return the extents handed out, in ascending block order, possibly discontiguous
     * @throws NoSpaceException if fewer than {@code count} blocks are free; nothing is allocated
     */
    public List<PhysExtent> allocate(long count) throws NoSpaceException {
        if (count <= 0) {
            throw new IllegalArgumentException("block count must be positive: " + count);
        }
        if (count > free.totalLength()) {
            throw new NoSpaceException(count, free.totalLength());
        }
        List<PhysExtent> out = new ArrayList<>();
        long need = count;
        while (need > 0) {
            RangeSet.Range lowest = free.first();
            long take = Math.min(need, lowest.length());
            long removed = free.remove(lowest.start(), lowest.start() + take);
            assert removed == take : "allocator handed out a block that was not free";
            out.add(new PhysExtent(lowest.start(), take));
            need -= take;
        }
        return out;
    }

    /**
     * Allocates exactly the blocks of {@code extent} (mkfs metadata, tests).
     *
     * @throws IllegalStateException if any of them is already allocated
     */
    public void allocateExact(PhysExtent extent) {
        checkInDevice(extent);
        if (!free.covers(extent.start(), extent.end())) {
            throw new IllegalStateException("blocks " + extent + " are not all free");
        }
        free.remove(extent.start(), extent.end());
    }

    /**
     * Returns {@code extent} to free space.
     *
     * @throws IllegalStateException on a double free or a block outside the device
     */
    public void free(PhysExtent extent) {
        checkInDevice(extent);
        if (free.overlaps(extent.start(), extent.end())) {
            throw new IllegalStateException("double free: blocks "
                    + free.intersect(extent.start(), extent.end()) + " of " + extent + " are already free");
        }
        long added = free.add(extent.start(), extent.end());
        assert added == extent.length();
    }

    /** Frees each extent in turn. */
    public void freeAll(List<PhysExtent> extents) {
        for (PhysExtent e : extents) {
            free(e);
        }
    }

    public boolean isFree(long block) {
        checkBlock(block);
        return free.contains(block);
    }

    /** True if every block of {@code extent} is allocated. */
    public boolean isAllocated(PhysExtent extent) {
        checkInDevice(extent);
        return !free.overlaps(extent.start(), extent.end());
    }

    public long totalBlocks() {
        return totalBlocks;
    }

    public long freeBlocks() {
        return free.totalLength();
    }

    public long usedBlocks() {
        return totalBlocks - free.totalLength();
    }

    /** Number of maximal free extents: a measure of fragmentation. */
    public int freeExtentCount() {
        return free.rangeCount();
    }

    /** The free extents in ascending order. */
    public List<PhysExtent> freeExtents() {
        List<PhysExtent> out = new ArrayList<>();
        for (RangeSet.Range r : free.ranges()) {
            out.add(PhysExtent.between(r.start(), r.end()));
        }
        return out;
    }

    /** The free blocks inside {@code extent}, ascending. */
    public List<PhysExtent> freeExtentsIn(PhysExtent extent) {
        List<PhysExtent> out = new ArrayList<>();
        for (RangeSet.Range r : free.intersect(extent.start(), extent.end())) {
            out.add(PhysExtent.between(r.start(), r.end()));
        }
        return out;
    }

    /** The allocated extents in ascending order. */
    public List<PhysExtent> allocatedExtents() {
        List<PhysExtent> out = new ArrayList<>();
        for (RangeSet.Range r : free.gaps(0, totalBlocks)) {
            out.add(PhysExtent.between(r.start(), r.end()));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockAllocator other && totalBlocks == other.totalBlocks && free.equals(other.free);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(totalBlocks) * 31 + free.hashCode();
    }

    @Override
    public String toString() {
        return "BlockAllocator{total=" + totalBlocks + ", free=" + free + "}";
    }

    private void checkInDevice(PhysExtent extent) {
        if (extent.end() > totalBlocks) {
            throw new IllegalStateException("extent " + extent + " is beyond the device's " + totalBlocks + " blocks");
        }
    }

    private void checkBlock(long block) {
        if (block < 0 || block >= totalBlocks) {
            throw new IllegalStateException("block " + block + " is outside the device's " + totalBlocks + " blocks");
        }
    }
}
