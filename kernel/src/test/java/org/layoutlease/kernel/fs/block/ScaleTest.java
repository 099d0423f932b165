package org.layoutlease.kernel.fs.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.layoutlease.kernel.lib.Data;
import org.layoutlease.kernel.lib.RangeSet;

/**
 * Feasibility at the project's scale anchors: a 1 TiB filesystem and 1 GiB files cost work and
 * memory in proportion to their extents, never their blocks. The timeouts only catch a
 * per-block regression, which would take minutes and gigabytes here.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScaleTest {

    private static final long BLOCK_BYTES = 4096;
    private static final long TIB_BLOCKS = (1L << 40) / BLOCK_BYTES;
    private static final long GIB_BLOCKS = (1L << 30) / BLOCK_BYTES;
    private static final int EXTENTS = 512;

    @Test
    void terabyteAllocatorWithDiscontiguousExtents() throws NoSpaceException {
        BlockAllocator a = new BlockAllocator(TIB_BLOCKS);
        long chunk = TIB_BLOCKS / (2 * EXTENTS);
        for (int i = 0; i < 2 * EXTENTS; i++) {
            assertThat(a.allocate(chunk)).containsExactly(new PhysExtent(i * chunk, chunk));
        }
        assertThat(a.freeBlocks()).isZero();
        for (int i = 0; i < 2 * EXTENTS; i += 2) {
            a.free(new PhysExtent(i * chunk, chunk));
        }
        assertThat(a.freeExtentCount()).isEqualTo(EXTENTS);
        List<PhysExtent> got = a.allocate(EXTENTS * chunk - 1);
        assertThat(got).hasSize(EXTENTS);
        assertThat(got.getFirst()).isEqualTo(new PhysExtent(0, chunk));
        assertThat(got.getLast()).isEqualTo(new PhysExtent((2L * EXTENTS - 2) * chunk, chunk - 1));
        a.freeAll(got);
        for (int i = 1; i < 2 * EXTENTS; i += 2) {
            a.free(new PhysExtent(i * chunk, chunk));
        }
        assertThat(a.freeBlocks()).isEqualTo(TIB_BLOCKS);
        assertThat(a.freeExtentCount()).isEqualTo(1);
    }

    @Test
    void gigabyteFileWith512Extents() throws NoSpaceException {
        BlockAllocator a = new BlockAllocator(TIB_BLOCKS);
        BlockRefcounts r = new BlockRefcounts();
        ExtentMap file = new ExtentMap();
        ExtentMap other = new ExtentMap();
        long chunk = GIB_BLOCKS / EXTENTS;
        for (int i = 0; i < EXTENTS; i++) {
            file.allocate(i * chunk, chunk, a, false);
            other.allocate(i * chunk, chunk, a, false);
        }
        assertThat(file.extentCount()).isEqualTo(EXTENTS);
        assertThat(file.mappedBlockCount()).isEqualTo(GIB_BLOCKS);
        List<FiemapExtent> fiemap = file.fiemap(r);
        assertThat(fiemap).hasSize(EXTENTS);
        assertThat(fiemap.getLast().last()).isTrue();

        ExtentMap clone = new ExtentMap();
        ExtentChange cloned = clone.cloneFrom(file);
        r.shareAll(cloned.newlyShared());
        assertThat(r.sharedBlockCount()).isEqualTo(GIB_BLOCKS);
        assertThat(file.fiemap(r)).allMatch(FiemapExtent::shared);

        ExtentChange cow = file.remapShared(0, GIB_BLOCKS, a, r);
        r.releaseAndFree(cow.freed(), a);
        assertThat(cow.remapped().stream().mapToLong(ExtentChange.Remap::length).sum()).isEqualTo(GIB_BLOCKS);
        assertThat(file.extentCount()).isEqualTo(1);
        assertThat(r.sharedBlockCount()).isZero();

        RangeSet pinned = new RangeSet();
        pinned.add(clone.lookup(GIB_BLOCKS / 2), clone.lookup(GIB_BLOCKS / 2) + 1);
        ExtentChange punched = clone.punch(GIB_BLOCKS / 4, GIB_BLOCKS / 2);
        assertThat(punched.disturbs(pinned)).isTrue();
        r.releaseAndFree(punched.freed(), a);
        r.releaseAndFree(clone.collapse(GIB_BLOCKS / 4, GIB_BLOCKS / 2).freed(), a);
        clone.insert(0, GIB_BLOCKS);
        assertThat(clone.endBlock()).isEqualTo(GIB_BLOCKS + GIB_BLOCKS / 2);
        assertThat(clone.extentCount()).isEqualTo(EXTENTS / 2);
        r.releaseAndFree(clone.truncateBlocks(0).freed(), a);
        assertThat(BlockFsck.check(a, r, List.of(file, other, clone), false)).isEmpty();
    }

    @Test
    void terabyteMediumOfGigabyteWrites() {
        SparseMedia m = new SparseMedia(1L << 40);
        long gib = 1L << 30;
        for (int i = 0; i < EXTENTS; i++) {
            m.write(2 * i * gib, Data.fill((byte) i, gib));
        }
        Data all = m.read(0, 1L << 40);
        Data.Builder expected = new Data.Builder();
        for (int i = 0; i < EXTENTS; i++) {
            expected.fill((byte) i, gib).zeros(gib);
        }
        assertThat(all).isEqualTo(expected.build());
        assertThat(all.runCount()).isLessThanOrEqualTo(2 * EXTENTS);
        m.zero(gib / 2, (1L << 40) - gib);
        assertThat(m.segmentCount()).isEqualTo(1);
        assertThat(m.read(0, 1L << 40).render()).isEqualTo("\"\\0\"*1099511627776");
    }
}
