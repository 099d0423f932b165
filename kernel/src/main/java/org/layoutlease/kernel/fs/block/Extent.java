package org.layoutlease.kernel.fs.block;

/**
 * Models one record of an inode's extent tree, XFS's {@code struct xfs_bmbt_irec}
 * ({@code br_startoff}, {@code br_startblock}, {@code br_blockcount}, {@code br_state}).
 *
 * @param logical   first file block mapped
 * @param physical  device block holding it
 * @param length    number of blocks, at least one
 * @param unwritten preallocated but never written: reads as zeros ({@code XFS_EXT_UNWRITTEN})
 */
public record Extent(long logical, long physical, long length, boolean unwritten) {

    public Extent {
        if (logical < 0 || physical < 0 || length <= 0
                || logical + length < logical || physical + length < physical) {
            throw new IllegalArgumentException("bad extent logical=" + logical + " physical=" + physical
                    + " length=" + length);
        }
    }

    /** One past the last file block. */
    public long logicalEnd() {
        return logical + length;
    }

    /** One past the last device block. */
    public long physicalEnd() {
        return physical + length;
    }

    /** The device blocks. */
    public PhysExtent phys() {
        return new PhysExtent(physical, length);
    }

    public boolean containsLogical(long block) {
        return block >= logical && block < logicalEnd();
    }

    /** The device block holding file block {@code block}, which must be inside this extent. */
    public long physicalOf(long block) {
        assert containsLogical(block);
        return physical + (block - logical);
    }

    /** The part mapping file blocks {@code [from, to)}, which must lie inside this extent. */
    public Extent slice(long from, long to) {
        if (from < logical || to > logicalEnd() || from >= to) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") outside " + this);
        }
        return new Extent(from, physical + (from - logical), to - from, unwritten);
    }

    /** The same blocks mapped at another file offset (collapse and insert range). */
    public Extent atLogical(long newLogical) {
        return new Extent(newLogical, physical, length, unwritten);
    }

    /** The same mapping in the written state. */
    public Extent written() {
        return unwritten ? new Extent(logical, physical, length, false) : this;
    }

    /** True if {@code next} continues this extent both logically and physically in the same state. */
    public boolean canAppend(Extent next) {
        return logicalEnd() == next.logical && physicalEnd() == next.physical && unwritten == next.unwritten;
    }

    @Override
    public String toString() {
        return "{" + logical + "->" + physical + "+" + length + (unwritten ? " unwritten}" : "}");
    }
}
