package org.layoutlease.kernel.fs.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BlockFsckTest {

    @Test
    void consistentStateHasNoFindings() throws NoSpaceException {
        BlockAllocator a = new BlockAllocator(100);
        BlockRefcounts r = new BlockRefcounts();
        ExtentMap f = new ExtentMap();
        ExtentMap g = new ExtentMap();
        f.allocate(0, 10, a, false);
        ExtentChange c = g.cloneFrom(f);
        r.shareAll(c.newlyShared());
        assertThat(BlockFsck.check(a, r, List.of(f, g), false)).isEmpty();
    }

    @Test
    void reportsMappedFreeBlocksMissingRefcountsAndLeaks() throws NoSpaceException {
        BlockAllocator a = new BlockAllocator(100);
        BlockRefcounts r = new BlockRefcounts();
        ExtentMap f = new ExtentMap();
        ExtentMap g = new ExtentMap();
        f.allocate(0, 10, a, false);
        g.cloneFrom(f);
        a.free(new PhysExtent(0, 2));
        a.allocateExact(new PhysExtent(50, 1));
        r.share(new PhysExtent(60, 1));
        assertThat(BlockFsck.check(a, r, List.of(f, g), false)).containsExactly(
                "blocks [0+2) are mapped but free",
                "blocks in [0+10) are mapped 2 times without a refcount record",
                "blocks [60+1) have refcount 2 but no file maps them",
                "blocks [50+1) are allocated but no file maps them");
        assertThat(BlockFsck.check(a, r, List.of(f, g), true)).hasSize(3);
    }

    @Test
    void reportsWrongCounts() throws NoSpaceException {
        BlockAllocator a = new BlockAllocator(100);
        BlockRefcounts r = new BlockRefcounts();
        ExtentMap f = new ExtentMap();
        f.allocate(0, 4, a, false);
        r.share(new PhysExtent(1, 1));
        assertThat(BlockFsck.check(a, r, List.of(f), false))
                .containsExactly("blocks [1+1) are mapped 1 times but refcount is 2");
    }

    @Test
    void coverageSweepsIntoLayers() {
        List<BlockFsck.Layer> layers = BlockFsck.coverage(List.of(new PhysExtent(0, 10), new PhysExtent(5, 10),
                new PhysExtent(20, 1), new PhysExtent(21, 1)));
        assertThat(layers).containsExactly(new BlockFsck.Layer(0, 5, 1), new BlockFsck.Layer(5, 10, 2),
                new BlockFsck.Layer(10, 15, 1), new BlockFsck.Layer(20, 22, 1));
    }
}
