package org.layoutlease.kernel.fs.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.layoutlease.kernel.lib.RangeSet;

class ExtentMapTest {

    private BlockAllocator allocator;
    private BlockRefcounts refcounts;

    @BeforeEach
    void setUp() {
        allocator = new BlockAllocator(1000);
        refcounts = new BlockRefcounts();
    }

    private static Extent e(long logical, long physical, long length) {
        return new Extent(logical, physical, length, false);
    }

    private static Extent u(long logical, long physical, long length) {
        return new Extent(logical, physical, length, true);
    }

    private static PhysExtent p(long start, long length) {
        return new PhysExtent(start, length);
    }

    /** Applies a change's reference effects the way the filesystem will. */
    private void apply(ExtentChange change) {
        refcounts.shareAll(change.newlyShared());
        refcounts.releaseAndFree(change.freed(), allocator);
    }

    private void fsck(ExtentMap... files) {
        assertThat(BlockFsck.check(allocator, refcounts, List.of(files), false)).isEmpty();
    }

    @Test
    void allocationIsFirstFitAndMergesContiguousExtents() throws NoSpaceException {
        ExtentMap f = new ExtentMap();
        ExtentChange c = f.allocate(0, 4, allocator, false);
        assertThat(c.mapped()).containsExactly(e(0, 0, 4));
        f.allocate(4, 4, allocator, false);
        assertThat(f.mappedExtents()).containsExactly(e(0, 0, 8));
        assertThat(f.lookup(5)).isEqualTo(5);
        assertThat(f.lookup(8)).isEqualTo(-1);
        assertThat(f.mappedBlockCount()).isEqualTo(8);
        fsck(f);
    }

    @Test
    void interleavedFilesFragment() throws NoSpaceException {
        ExtentMap a = new ExtentMap();
        ExtentMap b = new ExtentMap();
        for (int i = 0; i < 3; i++) {
            a.allocate(i * 2, 2, allocator, false);
            b.allocate(i * 2, 2, allocator, false);
        }
        assertThat(a.mappedExtents()).containsExactly(e(0, 0, 2), e(2, 4, 2), e(4, 8, 2));
        assertThat(b.mappedExtents()).containsExactly(e(0, 2, 2), e(2, 6, 2), e(4, 10, 2));
        fsck(a, b);
    }

    @Test
    void allocateFillsOnlyHolesInLogicalOrder() throws NoSpaceException {
        ExtentMap f = new ExtentMap();
        f.allocate(2, 2, allocator, false);
        f.allocate(6, 1, allocator, false);
        ExtentChange c = f.allocate(0, 8, allocator, false);
        assertThat(c.mapped()).containsExactly(e(0, 3, 2), e(4, 5, 2), e(7, 7, 1));
        assertThat(f.mappedExtents()).containsExactly(e(0, 3, 2), e(2, 0, 2), e(4, 5, 2), e(6, 2, 1), e(7, 7, 1));
        assertThat(f.allocate(0, 8, allocator, false)).isEqualTo(ExtentChange.NONE);
        fsck(f);
    }

    @Test
    void allocationAcrossFreedBlocksReusesTheLowestFirst() throws NoSpaceException {
        ExtentMap f = new ExtentMap();
        f.allocate(0, 10, allocator, false);
        apply(f.punch(2, 2));
        apply(f.punch(6, 1));
        ExtentMap g = new ExtentMap();
        ExtentChange c = g.allocate(0, 4, allocator, false);
        assertThat(c.allocated()).containsExactly(p(2, 2), p(6, 1), p(10, 1));
        assertThat(g.mappedExtents()).containsExactly(e(0, 2, 2), e(2, 6, 1), e(3, 10, 1));
        fsck(f, g);
    }

    @Test
    void enospcLeavesEverythingUnchanged() throws NoSpaceException {
        BlockAllocator small = new BlockAllocator(10);
        ExtentMap f = new ExtentMap();
        f.allocate(0, 2, small, false);
        f.allocate(5, 2, small, false);
        ExtentMap before = f.copy();
        assertThatThrownBy(() -> f.allocate(0, 20, small, false)).isInstanceOf(NoSpaceException.class);
        assertThat(f).isEqualTo(before);
        assertThat(small.freeBlocks()).isEqualTo(6);
        f.allocate(0, 10, small, false);
        assertThat(small.freeBlocks()).isZero();
    }

    @Test
    void punchStraddlingExtentsReturnsTheUnmappedPieces() throws NoSpaceException {
        ExtentMap f = new ExtentMap();
        ExtentMap other = new ExtentMap();
        f.allocate(0, 4, allocator, false);
        other.allocate(0, 1, allocator, false);
        f.allocate(4, 4, allocator, false);
        assertThat(f.mappedExtents()).containsExactly(e(0, 0, 4), e(4, 5, 4));
        ExtentChange c = f.punch(2, 4);
        assertThat(c.unmapped()).containsExactly(e(2, 2, 2), e(4, 5, 2));
        assertThat(c.freed()).containsExactly(p(2, 2), p(5, 2));
        assertThat(c.unmappedBlockCount()).isEqualTo(4);
        apply(c);
        assertThat(f.mappedExtents()).containsExactly(e(0, 0, 2), e(6, 7, 2));
        assertThat(f.mappedBlockCount()).isEqualTo(4);
        assertThat(f.punch(2, 4)).isEqualTo(ExtentChange.NONE);
        fsck(f, other);
    }

    @Test
    void punchInTheMiddleSplitsAnExtent() throws NoSpaceException {
        ExtentMap f = new ExtentMap();
        f.allocate(0, 10, allocator, false);
        apply(f.punch(4, 2));
        assertThat(f.mappedExtents()).containsExactly(e(0, 0, 4), e(6, 6, 4));
        assertThat(allocator.freeExtents().getFirst()).isEqualTo(p(4, 2));
        fsck(f);
    }

    @Test
    void truncateUnmapsEverythingAtOrBeyond() throws NoSpaceException {
        ExtentMap f = new ExtentMap();
        f.allocate(0, 4, allocator, false);
        f.allocate(10, 4, allocator, false);
        ExtentChange c = f.truncateBlocks(2);
        assertThat(c.unmapped()).containsExactly(e(2, 2, 2), e(10, 4, 4));
        apply(c);
        assertThat(f.endBlock()).isEqualTo(2);
        assertThat(f.truncateBlocks(5)).isEqualTo(ExtentChange.NONE);
        apply(f.truncateBlocks(0));
        assertThat(f.extentCount()).isZero();
        assertThat(allocator.freeBlocks()).isEqualTo(1000);
    }

    @Test
    void collapseRemovesTheRangeShiftsTheRestAndMerges() throws NoSpaceException {
        ExtentMap f = new ExtentMap();
        f.allocate(0, 3, allocator, false);
        f.allocate(5, 3, allocator, false);
        f.allocate(3, 2, allocator, false);
        assertThat(f.mappedExtents()).containsExactly(e(0, 0, 3), e(3, 6, 2), e(5, 3, 3));
        ExtentChange c = f.collapse(3, 2);
        assertThat(c.unmapped()).containsExactly(e(3, 6, 2));
        assertThat(c.shifted()).containsExactly(new ExtentChange.Shift(5, 3, 3, 3));
        apply(c);
        assertThat(f.mappedExtents()).containsExactly(e(0, 0, 6));
        fsck(f);
    }

    @Test
    void collapseAcrossAStraddledExtent() throws NoSpaceException {
        ExtentMap f = new ExtentMap();
        f.allocate(0, 10, allocator, false);
        f.allocate(20, 2, allocator, false);
        ExtentChange c = f.collapse(8, 4);
        assertThat(c.unmapped()).containsExactly(e(8, 8, 2));
        assertThat(c.shifted()).containsExactly(new ExtentChange.Shift(20, 16, 10, 2));
        apply(c);
        assertThat(f.mappedExtents()).containsExactly(e(0, 0, 8), e(16, 10, 2));
        fsck(f);
    }

    @Test
    void insertSplitsAndShiftsUp() throws NoSpaceException {
        ExtentMap f = new ExtentMap();
        f.allocate(0, 10, allocator, false);
        ExtentChange c = f.insert(4, 3);
        assertThat(c.shifted()).containsExactly(new ExtentChange.Shift(4, 7, 4, 6));
        assertThat(c.unmapped()).isEmpty();
        assertThat(f.mappedExtents()).containsExactly(e(0, 0, 4), e(7, 4, 6));
        assertThat(f.lookup(5)).isEqualTo(-1);
        assertThat(f.endBlock()).isEqualTo(13);
        ExtentChange back = f.collapse(4, 3);
        assertThat(back.unmapped()).isEmpty();
        assertThat(f.mappedExtents()).containsExactly(e(0, 0, 10));
        assertThatThrownBy(() -> f.insert(0, ExtentMap.MAX_LOGICAL_BLOCKS - 5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void markWrittenConvertsPartOfAnUnwrittenExtent() throws NoSpaceException {
        ExtentMap f = new ExtentMap();
        f.allocate(0, 10, allocator, true);
        ExtentChange c = f.markWritten(3, 4);
        assertThat(c.converted()).containsExactly(e(3, 3, 4));
        assertThat(f.mappedExtents()).containsExactly(u(0, 0, 3), e(3, 3, 4), u(7, 7, 3));
        f.markWritten(0, 20);
        assertThat(f.mappedExtents()).containsExactly(e(0, 0, 10));
        assertThat(f.markWritten(0, 20)).isEqualTo(ExtentChange.NONE);
        assertThat(f.extentCount()).isEqualTo(1);
    }

    @Test
    void cloneSharesTheSourceBlocks() throws NoSpaceException {
        ExtentMap src = new ExtentMap();
        ExtentMap dst = new ExtentMap();
        src.allocate(0, 4, allocator, false);
        dst.allocate(0, 2, allocator, false);
        ExtentChange c = dst.cloneFrom(src);
        assertThat(c.unmapped()).containsExactly(e(0, 4, 2));
        assertThat(c.shared()).containsExactly(e(0, 0, 4));
        apply(c);
        assertThat(dst).isEqualTo(src);
        assertThat(refcounts.refcount(2)).isEqualTo(2);
        assertThat(allocator.isFree(4)).isTrue();
        fsck(src, dst);
        assertThatThrownBy(() -> src.cloneFrom(src)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cloneRangeKeepsHolesAndMayTargetTheSameFile() throws NoSpaceException {
        ExtentMap f = new ExtentMap();
        f.allocate(0, 2, allocator, false);
        f.allocate(3, 1, allocator, false);
        ExtentChange c = f.cloneRange(f, 0, 10, 4);
        assertThat(c.shared()).containsExactly(e(10, 0, 2), e(13, 2, 1));
        assertThatThrownBy(() -> f.checkInvariants(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mapped 2 times in one file");
        apply(c);
        f.checkInvariants(refcounts);
        assertThat(f.lookup(12)).isEqualTo(-1);
        fsck(f);
        assertThatThrownBy(() -> f.cloneRange(f, 0, 2, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void remapSharedMovesOnlySharedBlocks() throws NoSpaceException {
        ExtentMap src = new ExtentMap();
        ExtentMap dst = new ExtentMap();
        src.allocate(0, 6, allocator, false);
        apply(dst.cloneRange(src, 2, 0, 2));
        ExtentChange c = src.remapShared(0, 6, allocator, refcounts);
        assertThat(c.remapped()).containsExactly(new ExtentChange.Remap(2, 2, 6, 2));
        assertThat(c.unmapped()).containsExactly(e(2, 2, 2));
        assertThat(c.mapped()).containsExactly(e(2, 6, 2));
        apply(c);
        assertThat(src.mappedExtents()).containsExactly(e(0, 0, 2), e(2, 6, 2), e(4, 4, 2));
        assertThat(refcounts.sharedBlockCount()).isZero();
        assertThat(src.remapShared(0, 6, allocator, refcounts)).isEqualTo(ExtentChange.NONE);
        fsck(src, dst);
    }

    @Test
    void remapMovesEveryMappedBlockAndKeepsState() throws NoSpaceException {
        ExtentMap f = new ExtentMap();
        f.allocate(0, 2, allocator, true);
        f.allocate(4, 2, allocator, false);
        ExtentChange c = f.remap(0, 10, allocator);
        assertThat(c.remapped()).containsExactly(new ExtentChange.Remap(0, 0, 4, 2), new ExtentChange.Remap(4, 2, 6, 2));
        apply(c);
        assertThat(f.mappedExtents()).containsExactly(u(0, 4, 2), e(4, 6, 2));
        assertThat(allocator.freeExtents().getFirst()).isEqualTo(p(0, 4));
        fsck(f);
    }

    @Test
    void fiemapSplitsAtSharingAndFlagsTheLastExtent() throws NoSpaceException {
        ExtentMap f = new ExtentMap();
        ExtentMap g = new ExtentMap();
        f.allocate(0, 8, allocator, false);
        f.allocate(10, 2, allocator, true);
        apply(g.cloneRange(f, 2, 0, 3));
        assertThat(f.fiemap(refcounts)).containsExactly(
                new FiemapExtent(0, 0, 2, false, false, false),
                new FiemapExtent(2, 2, 3, false, false, true),
                new FiemapExtent(5, 5, 3, false, false, false),
                new FiemapExtent(10, 8, 2, true, true, false));
        assertThat(f.fiemap(3, 4, refcounts)).containsExactly(
                new FiemapExtent(3, 3, 2, false, false, true),
                new FiemapExtent(5, 5, 2, true, false, false));
        assertThat(f.fiemap(null)).hasSize(2);
        assertThat(new ExtentMap().fiemap(refcounts)).isEmpty();
    }

    @Test
    void seekDataAndHole() throws NoSpaceException {
        ExtentMap f = new ExtentMap();
        f.allocate(2, 2, allocator, false);
        f.allocate(4, 2, allocator, true);
        f.allocate(8, 1, allocator, false);
        assertThat(f.nextData(0)).isEqualTo(2);
        assertThat(f.nextData(3)).isEqualTo(3);
        assertThat(f.nextData(4)).isEqualTo(8);
        assertThat(f.nextData(4, false)).isEqualTo(4);
        assertThat(f.nextData(9)).isEqualTo(-1);
        assertThat(f.nextHole(2)).isEqualTo(4);
        assertThat(f.nextHole(2, false)).isEqualTo(6);
        assertThat(f.nextHole(8)).isEqualTo(9);
        assertThat(f.nextHole(0)).isEqualTo(0);
    }

    @Test
    void changesTellWhetherPinnedBlocksWereDisturbed() throws NoSpaceException {
        ExtentMap f = new ExtentMap();
        f.allocate(0, 10, allocator, false);
        RangeSet pinned = new RangeSet();
        pinned.add(7, 8);
        ExtentChange punch = f.punch(0, 2);
        assertThat(punch.disturbs(pinned)).isFalse();
        assertThat(punch.movesOrFrees()).isTrue();
        ExtentChange insert = f.insert(5, 1);
        assertThat(insert.disturbs(pinned)).isTrue();
        ExtentChange grow = f.allocate(20, 1, allocator, false);
        assertThat(grow.movesOrFrees()).isFalse();
        assertThat(grow.disturbs(pinned)).isFalse();
        ExtentChange cow = f.remap(8, 1, allocator);
        assertThat(cow.disturbs(pinned)).isTrue();
    }

    @Test
    void rejectsBadRanges() {
        ExtentMap f = new ExtentMap();
        assertThatThrownBy(() -> f.punch(-1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.punch(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.allocate(ExtentMap.MAX_LOGICAL_BLOCKS, 1, allocator, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.lookup(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.truncateBlocks(-1)).isInstanceOf(IllegalArgumentException.class);
    }
    @Test
    void theSharedEmptyMapAnswersQueriesAndRefusesChanges() {
        ExtentMap empty = ExtentMap.EMPTY;
        assertThat(empty.mappedExtents()).isEmpty();
        assertThat(empty.find(0)).isNull();
        assertThat(empty.truncateBlocks(0).isEmpty()).isTrue();
        assertThatThrownBy(() -> empty.allocate(0, 1, allocator, false)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> empty.cloneFrom(new ExtentMap())).isInstanceOf(IllegalStateException.class);
        assertThat(empty.mappedExtents()).isEmpty();
    }

    @Test
    void writableInPlaceOnlyWhereEveryBlockIsMappedWrittenAndUnshared() throws NoSpaceException {
        ExtentMap f = new ExtentMap();
        assertThat(f.writableInPlace(0, 1, refcounts)).isFalse();
        f.allocate(0, 4, allocator, false);
        f.allocate(4, 2, allocator, true);
        f.allocate(10, 2, allocator, false);
        assertThat(f.writableInPlace(0, 4, refcounts)).isTrue();
        assertThat(f.writableInPlace(1, 2, null)).isTrue();
        assertThat(f.writableInPlace(3, 2, refcounts)).as("reaches an unwritten extent").isFalse();
        assertThat(f.writableInPlace(6, 1, refcounts)).as("a hole").isFalse();
        assertThat(f.writableInPlace(10, 3, refcounts)).as("runs past the last extent").isFalse();
        ExtentMap g = new ExtentMap();
        apply(g.cloneFrom(f));
        assertThat(g.writableInPlace(0, 4, refcounts)).as("blocks shared with f").isFalse();
        assertThat(g.writableInPlace(0, 4, null)).isTrue();
    }
}
