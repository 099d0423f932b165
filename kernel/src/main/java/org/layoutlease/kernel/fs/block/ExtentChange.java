package org.layoutlease.kernel.fs.block;

import java.util.ArrayList;
import java.util.List;
import org.layoutlease.kernel.lib.RangeSet;

/**
 * Models the side effects of one extent-tree operation ({@code xfs_bmapi_write()},
 * {@code xfs_bunmapi()}, {@code xfs_bmap_collapse_extents()}, ...) as data, so the caller can
 * apply them to the refcount table and allocator and a layout lease can ask whether pinned
 * blocks were freed or moved.
 *
 * <p>Ownership rule: every reference the inode dropped is in {@link #unmapped}; every reference
 * it gained is in {@link #mapped} (fresh blocks, already allocated) or {@link #shared} (blocks
 * another owner holds: the caller calls {@link BlockRefcounts#share} on them, before releasing
 * {@link #freed()} with {@link BlockRefcounts#releaseAndFree}).
 *
 * @param unmapped  mappings removed (punch, truncate, collapse, clone target, old side of a remap)
 * @param mapped    new mappings to blocks just allocated (allocate, new side of a remap)
 * @param shared    new mappings to blocks owned elsewhere too (clone)
 * @param shifted   mappings that kept their blocks but moved to another file offset (collapse, insert)
 * @param remapped  file ranges whose data moved to other blocks: copy old to new (remap, COW)
 * @param converted ranges that went from unwritten to written
 */
public record ExtentChange(List<Extent> unmapped, List<Extent> mapped, List<Extent> shared, List<Shift> shifted,
        List<Remap> remapped, List<Extent> converted) {

    /** No effect. */
    public static final ExtentChange NONE = new ExtentChange(List.of(), List.of(), List.of(), List.of(), List.of(),
            List.of());

    /** Blocks {@code [physical, physical + length)} moved from file block {@code fromLogical} to {@code toLogical}. */
    public record Shift(long fromLogical, long toLogical, long physical, long length) {
        public PhysExtent phys() {
            return new PhysExtent(physical, length);
        }
    }

    /** File blocks {@code [logical, logical + length)} moved from {@code oldPhysical} to {@code newPhysical}. */
    public record Remap(long logical, long oldPhysical, long newPhysical, long length) {
        public PhysExtent oldPhys() {
            return new PhysExtent(oldPhysical, length);
        }

        public PhysExtent newPhys() {
            return new PhysExtent(newPhysical, length);
        }
    }

    public ExtentChange {
        unmapped = List.copyOf(unmapped);
        mapped = List.copyOf(mapped);
        shared = List.copyOf(shared);
        shifted = List.copyOf(shifted);
        remapped = List.copyOf(remapped);
        converted = List.copyOf(converted);
    }

    /** The device blocks of {@link #unmapped}: one reference each to drop. */
    public List<PhysExtent> freed() {
        return physOf(unmapped);
    }

    /** The device blocks of {@link #mapped}. */
    public List<PhysExtent> allocated() {
        return physOf(mapped);
    }

    /** The device blocks of {@link #shared}: one reference each to add. */
    public List<PhysExtent> newlyShared() {
        return physOf(shared);
    }

    public long unmappedBlockCount() {
        return blockCount(unmapped);
    }

    public long mappedBlockCount() {
        return blockCount(mapped);
    }

    public boolean isEmpty() {
        return unmapped.isEmpty() && mapped.isEmpty() && shared.isEmpty() && shifted.isEmpty()
                && remapped.isEmpty() && converted.isEmpty();
    }

    /** True if an existing block left the file or changed file offset: what a layout lease guards. */
    public boolean movesOrFrees() {
        return !unmapped.isEmpty() || !shifted.isEmpty() || !remapped.isEmpty();
    }

    /**
     * True if a block in {@code pinnedBlocks} (device block numbers) was unmapped, shifted to
     * another file offset, or had its data moved away.
     */
    public boolean disturbs(RangeSet pinnedBlocks) {
        if (pinnedBlocks.isEmpty()) {
            return false;
        }
        for (Extent e : unmapped) {
            if (pinnedBlocks.overlaps(e.physical(), e.physicalEnd())) {
                return true;
            }
        }
        for (Shift s : shifted) {
            if (pinnedBlocks.overlaps(s.physical(), s.physical() + s.length())) {
                return true;
            }
        }
        for (Remap r : remapped) {
            if (pinnedBlocks.overlaps(r.oldPhysical(), r.oldPhysical() + r.length())) {
                return true;
            }
        }
        return false;
    }

    private static List<PhysExtent> physOf(List<Extent> extents) {
        List<PhysExtent> out = new ArrayList<>(extents.size());
        for (Extent e : extents) {
            out.add(e.phys());
        }
        return out;
    }

    private static long blockCount(List<Extent> extents) {
        long n = 0;
        for (Extent e : extents) {
            n += e.length();
        }
        return n;
    }

    /** Collects effects while an operation runs. */
    static final class Builder {
        final List<Extent> unmapped = new ArrayList<>();
        final List<Extent> mapped = new ArrayList<>();
        final List<Extent> shared = new ArrayList<>();
        final List<Shift> shifted = new ArrayList<>();
        final List<Remap> remapped = new ArrayList<>();
        final List<Extent> converted = new ArrayList<>();

        ExtentChange build() {
            ExtentChange c = new ExtentChange(unmapped, mapped, shared, shifted, remapped, converted);
            return c.isEmpty() ? NONE : c;
        }
    }
}
