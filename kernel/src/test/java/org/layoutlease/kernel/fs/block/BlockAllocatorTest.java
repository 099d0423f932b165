package org.layoutlease.kernel.fs.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BlockAllocatorTest {

    private static PhysExtent p(long start, long length) {
        return new PhysExtent(start, length);
    }

    @Test
    void allocatesFirstFitFromTheLowestFreeBlock() throws NoSpaceException {
        BlockAllocator a = new BlockAllocator(100);
        assertThat(a.allocate(3)).containsExactly(p(0, 3));
        assertThat(a.allocate(2)).containsExactly(p(3, 2));
        assertThat(a.freeBlocks()).isEqualTo(95);
        assertThat(a.usedBlocks()).isEqualTo(5);
    }

    @Test
    void aFreedBlockIsTheFirstReused() throws NoSpaceException {
        BlockAllocator a = new BlockAllocator(100);
        a.allocate(10);
        a.free(p(7, 1));
        a.free(p(2, 1));
        assertThat(a.allocate(1)).containsExactly(p(2, 1));
        assertThat(a.allocate(1)).containsExactly(p(7, 1));
        assertThat(a.allocate(1)).containsExactly(p(10, 1));
    }

    @Test
    void largeRequestsSpanDiscontiguousExtentsLowestFirst() throws NoSpaceException {
        BlockAllocator a = new BlockAllocator(100);
        a.allocate(20);
        a.free(p(2, 3));
        a.free(p(10, 2));
        assertThat(a.freeExtents()).containsExactly(p(2, 3), p(10, 2), p(20, 80));
        assertThat(a.allocate(7)).containsExactly(p(2, 3), p(10, 2), p(20, 2));
        assertThat(a.freeExtentCount()).isEqualTo(1);
    }

    @Test
    void enospcAllocatesNothing() throws NoSpaceException {
        BlockAllocator a = new BlockAllocator(10);
        a.allocate(8);
        assertThatThrownBy(() -> a.allocate(3)).isInstanceOf(NoSpaceException.class)
                .hasMessageContaining("need 3 blocks, 2 free");
        assertThat(a.freeBlocks()).isEqualTo(2);
        assertThat(a.allocate(2)).containsExactly(p(8, 2));
        assertThatThrownBy(() -> a.allocate(1)).isInstanceOf(NoSpaceException.class);
    }

    @Test
    void detectsDoubleFreeAndOutOfRange() throws NoSpaceException {
        BlockAllocator a = new BlockAllocator(10);
        a.allocate(5);
        a.free(p(1, 2));
        assertThatThrownBy(() -> a.free(p(2, 1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("double free");
        assertThatThrownBy(() -> a.free(p(0, 5))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> a.free(p(8, 1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> a.free(p(9, 2))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("beyond the device");
        assertThatThrownBy(() -> a.isFree(10)).isInstanceOf(IllegalStateException.class);
        assertThat(a.freeBlocks()).isEqualTo(7);
    }

    @Test
    void allocateExactAndQueries() throws NoSpaceException {
        BlockAllocator a = new BlockAllocator(10);
        a.allocateExact(p(4, 2));
        assertThat(a.isAllocated(p(4, 2))).isTrue();
        assertThat(a.isAllocated(p(3, 2))).isFalse();
        assertThatThrownBy(() -> a.allocateExact(p(5, 2))).isInstanceOf(IllegalStateException.class);
        assertThat(a.allocate(5)).containsExactly(p(0, 4), p(6, 1));
        assertThat(a.allocatedExtents()).containsExactly(p(0, 7));
        assertThat(a.isFree(7)).isTrue();
        BlockAllocator copy = a.copy();
        copy.free(p(0, 1));
        assertThat(a.isFree(0)).isFalse();
        assertThat(copy).isNotEqualTo(a);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new BlockAllocator(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BlockAllocator(BlockAllocator.MAX_TOTAL_BLOCKS + 1))
                .isInstanceOf(IllegalArgumentException.class);
        BlockAllocator a = new BlockAllocator(10);
        assertThatThrownBy(() -> a.allocate(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void freeAllReturnsEachExtent() throws NoSpaceException {
        BlockAllocator a = new BlockAllocator(10);
        List<PhysExtent> got = a.allocate(10);
        a.freeAll(List.of(p(0, 2), p(5, 5)));
        assertThat(got).containsExactly(p(0, 10));
        assertThat(a.freeExtents()).containsExactly(p(0, 2), p(5, 5));
    }
}
