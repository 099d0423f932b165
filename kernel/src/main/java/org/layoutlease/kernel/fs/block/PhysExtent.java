package org.layoutlease.kernel.fs.block;

/**
 * Models a run of physical filesystem blocks, the {@code (br_startblock, br_blockcount)} half of
 * XFS's {@code struct xfs_bmbt_irec} or ext4's {@code ee_start}/{@code ee_len}.
 *
 * @param start  first block number
 * @param length number of blocks, at least one
 */
public record PhysExtent(long start, long length) {

    public PhysExtent {
        if (start < 0 || length <= 0 || start + length < start) {
            throw new IllegalArgumentException("bad physical extent start=" + start + " length=" + length);
        }
    }

    /** The extent {@code [start, end)}. */
    public static PhysExtent between(long start, long end) {
        return new PhysExtent(start, end - start);
    }

    /** One past the last block. */
    public long end() {
        return start + length;
    }

    public boolean contains(long block) {
        return block >= start && block < end();
    }

    public boolean contains(PhysExtent other) {
        return other.start >= start && other.end() <= end();
    }

    public boolean overlaps(PhysExtent other) {
        return other.start < end() && start < other.end();
    }

    /** The blocks in both extents, or null when they are disjoint. */
    public PhysExtent intersect(PhysExtent other) {
        long s = Math.max(start, other.start);
        long e = Math.min(end(), other.end());
        return s < e ? between(s, e) : null;
    }

    @Override
    public String toString() {
        return "[" + start + "+" + length + ")";
    }
}
