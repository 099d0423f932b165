package org.layoutlease.kernel.fs.block;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.layoutlease.kernel.lib.RangeSet;

/**
 * Models the block-accounting phases of {@code xfs_repair} (phases 4 and 5): cross-checks every
 * file's mappings against the free-space index and the refcount btree.
 *
 * <p>Findings are returned as data, one line each, so the kernel's invariant checker and tests
 * can report them. Cost is O(E log E) for E extents across all files, never per block.
 */
public final class BlockFsck {

    /** Blocks {@code [start, end)} each referenced {@code count} times by the extents swept. */
    record Layer(long start, long end, long count) {
        PhysExtent extent() {
            return PhysExtent.between(start, end);
        }
    }

    private BlockFsck() {
    }

    /**
     * Checks that every mapped block is allocated, that each block's refcount equals the number
     * of mappings of it (1 when not stored), that no refcount record covers unmapped blocks, and,
     * unless {@code allowUnowned}, that every allocated block is mapped by some file.
     *
     * @return the findings; empty when consistent
     */
    public static List<String> check(BlockAllocator allocator, BlockRefcounts refcounts, Collection<ExtentMap> files,
            boolean allowUnowned) {
        List<String> findings = new ArrayList<>();
        List<PhysExtent> all = new ArrayList<>();
        for (ExtentMap f : files) {
            try {
                f.checkInvariants(refcounts);
            } catch (IllegalStateException e) {
                findings.add(e.getMessage());
            }
            all.addAll(f.physicalExtents());
        }
        RangeSet mapped = new RangeSet();
        for (Layer layer : coverage(all)) {
            checkLayer(layer, allocator, refcounts, findings);
            mapped.add(layer.start(), layer.end());
        }
        for (BlockRefcounts.SharedExtent r : refcounts.records()) {
            for (RangeSet.Range gap : mapped.gaps(r.start(), r.start() + r.length())) {
                findings.add("blocks " + PhysExtent.between(gap.start(), gap.end()) + " have refcount " + r.count()
                        + " but no file maps them");
            }
        }
        if (!allowUnowned) {
            for (PhysExtent used : allocator.allocatedExtents()) {
                for (RangeSet.Range gap : mapped.gaps(used.start(), used.end())) {
                    findings.add("blocks " + PhysExtent.between(gap.start(), gap.end())
                            + " are allocated but no file maps them");
                }
            }
        }
        return findings;
    }

    private static void checkLayer(Layer layer, BlockAllocator allocator, BlockRefcounts refcounts,
            List<String> findings) {
        PhysExtent blocks = layer.extent();
        if (blocks.end() > allocator.totalBlocks()) {
            findings.add("blocks " + blocks + " are mapped beyond the device");
            return;
        }
        for (PhysExtent free : allocator.freeExtentsIn(blocks)) {
            findings.add("blocks " + free + " are mapped but free");
        }
        long recorded = 0;
        for (BlockRefcounts.SharedExtent r : refcounts.records(blocks)) {
            recorded += r.length();
            if (r.count() != layer.count()) {
                findings.add("blocks " + r.extent() + " are mapped " + layer.count() + " times but refcount is "
                        + r.count());
            }
        }
        if (layer.count() > 1 && recorded != blocks.length()) {
            findings.add("blocks in " + blocks + " are mapped " + layer.count() + " times without a refcount record");
        }
    }

    /**
     * Sweeps extents into maximal layers of equal reference count, ascending; blocks referenced
     * zero times are omitted.
     */
    static List<Layer> coverage(List<PhysExtent> extents) {
        int n = extents.size();
        long[] starts = new long[n];
        long[] ends = new long[n];
        for (int k = 0; k < n; k++) {
            starts[k] = extents.get(k).start();
            ends[k] = extents.get(k).end();
        }
        Arrays.sort(starts);
        Arrays.sort(ends);
        List<Layer> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        long depth = 0;
        long pos = 0;
        while (j < n) {
            long next = i < n ? Math.min(starts[i], ends[j]) : ends[j];
            if (depth > 0 && next > pos) {
                appendLayer(out, pos, next, depth);
            }
            while (i < n && starts[i] == next) {
                depth++;
                i++;
            }
            while (j < n && ends[j] == next) {
                depth--;
                j++;
            }
            pos = next;
        }
        assert depth == 0;
        return out;
    }

    private static void appendLayer(List<Layer> out, long start, long end, long count) {
        if (!out.isEmpty()) {
            Layer last = out.getLast();
            if (last.end() == start && last.count() == count) {
                out.set(out.size() - 1, new Layer(last.start(), end, count));
                return;
            }
        }
        out.add(new Layer(start, end, count));
    }
}
