package org.layoutlease.kernel.fs.block;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BlockRefcountsTest {

    private static PhysExtent p(long start, long length) {
        return new PhysExtent(start, length);
    }

    @Test
    void unrecordedBlocksHaveOneOwner() {
        BlockRefcounts r = new BlockRefcounts();
        assertThat(r.refcount(5)).isEqualTo(1);
        assertThat(r.isShared(5)).isFalse();
        assertThat(r.release(p(3, 4))).containsExactly(p(3, 4));
    }

    @Test
    void sharingStacksOnOverlaps() {
        BlockRefcounts r = new BlockRefcounts();
        r.share(p(10, 5));
        r.share(p(12, 5));
        assertThat(r.refcount(9)).isEqualTo(1);
        assertThat(r.refcount(10)).isEqualTo(2);
        assertThat(r.refcount(12)).isEqualTo(3);
        assertThat(r.refcount(14)).isEqualTo(3);
        assertThat(r.refcount(15)).isEqualTo(2);
        assertThat(r.refcount(17)).isEqualTo(1);
        assertThat(r.records()).containsExactly(new BlockRefcounts.SharedExtent(10, 2, 2),
                new BlockRefcounts.SharedExtent(12, 3, 3), new BlockRefcounts.SharedExtent(15, 2, 2));
        assertThat(r.sharedRanges(p(0, 100))).containsExactly(p(10, 7));
        assertThat(r.sharedRanges(p(11, 2))).containsExactly(p(11, 2));
        assertThat(r.sharedBlockCount()).isEqualTo(7);
    }

    @Test
    void releaseReportsOnlyBlocksThatLostTheirLastOwner() {
        BlockRefcounts r = new BlockRefcounts();
        r.share(p(10, 5));
        r.share(p(12, 5));
        assertThat(r.release(p(10, 10))).containsExactly(p(17, 3));
        assertThat(r.refcount(10)).isEqualTo(1);
        assertThat(r.refcount(12)).isEqualTo(2);
        assertThat(r.refcount(15)).isEqualTo(1);
        assertThat(r.records()).containsExactly(new BlockRefcounts.SharedExtent(12, 3, 2));
        assertThat(r.release(p(8, 10))).containsExactly(p(8, 4), p(15, 3));
        assertThat(r.recordCount()).isZero();
        assertThat(r.sharedBlockCount()).isZero();
    }

    @Test
    void touchingRecordsOfEqualCountCoalesce() {
        BlockRefcounts r = new BlockRefcounts();
        r.share(p(0, 5));
        r.share(p(5, 5));
        assertThat(r.recordCount()).isEqualTo(1);
        r.share(p(3, 4));
        assertThat(r.recordCount()).isEqualTo(3);
        r.release(p(3, 4));
        assertThat(r.records()).containsExactly(new BlockRefcounts.SharedExtent(0, 10, 2));
    }

    @Test
    void releaseAndFreeReturnsDeadBlocksToTheAllocator() throws NoSpaceException {
        BlockAllocator a = new BlockAllocator(20);
        a.allocate(10);
        BlockRefcounts r = new BlockRefcounts();
        r.share(p(0, 5));
        assertThat(r.releaseAndFree(java.util.List.of(p(0, 10)), a)).containsExactly(p(5, 5));
        assertThat(a.freeBlocks()).isEqualTo(15);
        assertThat(r.releaseAndFree(java.util.List.of(p(0, 5)), a)).containsExactly(p(0, 5));
        assertThat(a.freeBlocks()).isEqualTo(20);
    }

    @Test
    void anySharedAndCopies() {
        BlockRefcounts r = new BlockRefcounts();
        r.share(p(10, 2));
        assertThat(r.anyShared(p(0, 10))).isFalse();
        assertThat(r.anyShared(p(0, 11))).isTrue();
        assertThat(r.anyShared(p(12, 3))).isFalse();
        BlockRefcounts c = r.copy();
        c.release(p(10, 2));
        assertThat(r.isShared(10)).isTrue();
        assertThat(c).isNotEqualTo(r);
        assertThat(c).isEqualTo(new BlockRefcounts());
    }
}
