package org.layoutlease.kernel.fs.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.layoutlease.kernel.lib.RandomCases;

/**
 * Random sequences of extent-map, allocator and refcount operations on several files, checked
 * after every step against a naive per-block model (arrays of logical→physical and per-block
 * owner counts).
 */
class StorageModelTest {

    private static final int FILES = 3;
    private static final int LOGICAL = 48;
    private static final int PHYSICAL = 40;
    private static final int OPS_PER_CASE = 60;
    private static final int MAX_OP_BLOCKS = 12;

    /** What the random runs exercised, so a generator that stops reaching a path is noticed. */
    private static final class Coverage {
        long noSpace;
        long sharedBlocksSeen;
        long remappedBlocks;
        long shiftedExtents;
    }

    private final Coverage coverage = new Coverage();

    /** The per-block reference model. */
    private static final class Model {
        final long[][] map = new long[FILES][LOGICAL];
        final boolean[][] unwritten = new boolean[FILES][LOGICAL];
        final int[] owners = new int[PHYSICAL];

        Model() {
            for (long[] m : map) {
                Arrays.fill(m, -1);
            }
        }

        int freeCount() {
            int n = 0;
            for (int o : owners) {
                if (o == 0) {
                    n++;
                }
            }
            return n;
        }

        /** The lowest {@code n} free blocks, in order, marked owned once. */
        long[] allocate(int n) {
            long[] out = new long[n];
            int k = 0;
            for (int p = 0; p < PHYSICAL && k < n; p++) {
                if (owners[p] == 0) {
                    owners[p] = 1;
                    out[k++] = p;
                }
            }
            assert k == n;
            return out;
        }

        void drop(long physical) {
            assert owners[(int) physical] > 0;
            owners[(int) physical]--;
        }

        void unmap(int f, int block) {
            if (map[f][block] >= 0) {
                drop(map[f][block]);
                map[f][block] = -1;
                unwritten[f][block] = false;
            }
        }

        int endBlock(int f) {
            for (int b = LOGICAL - 1; b >= 0; b--) {
                if (map[f][b] >= 0) {
                    return b + 1;
                }
            }
            return 0;
        }
    }

    /** The system under test. */
    private static final class Real {
        final ExtentMap[] files = new ExtentMap[FILES];
        final BlockAllocator allocator = new BlockAllocator(PHYSICAL);
        final BlockRefcounts refcounts = new BlockRefcounts();

        Real() {
            for (int f = 0; f < FILES; f++) {
                files[f] = new ExtentMap();
            }
        }

        void apply(ExtentChange change) {
            // Shares first: a clone may drop and regain references to the same blocks.
            refcounts.shareAll(change.newlyShared());
            refcounts.releaseAndFree(change.freed(), allocator);
        }
    }

    @Test
    void extentMapsMatchAPerBlockModel() {
        RandomCases.run("StorageModelTest", random -> {
            Model model = new Model();
            Real real = new Real();
            for (int op = 0; op < OPS_PER_CASE; op++) {
                step(random, model, real);
                compare(random, model, real);
                coverage.sharedBlocksSeen += real.refcounts.sharedBlockCount();
            }
        });
        assertThat(coverage.noSpace).as("ENOSPC paths exercised").isPositive();
        assertThat(coverage.sharedBlocksSeen).as("sharing exercised").isPositive();
        assertThat(coverage.remappedBlocks).as("remaps exercised").isPositive();
        assertThat(coverage.shiftedExtents).as("shifts exercised").isPositive();
    }

    private void step(Random random, Model model, Real real) throws NoSpaceException {
        int f = random.nextInt(FILES);
        int start = random.nextInt(LOGICAL);
        int count = 1 + random.nextInt(Math.min(MAX_OP_BLOCKS, LOGICAL - start));
        switch (random.nextInt(11)) {
            case 0, 1 -> allocate(model, real, f, start, count, random.nextBoolean());
            case 2 -> punch(model, real, f, start, count);
            case 3 -> truncate(model, real, f, random.nextInt(LOGICAL + 1));
            case 4 -> collapse(model, real, f, start, count);
            case 5 -> insert(model, real, f, start, count);
            case 6 -> markWritten(model, real, f, start, count);
            case 7 -> cloneFile(model, real, f, random.nextInt(FILES));
            case 8 -> cloneRange(model, real, random, f, random.nextInt(FILES), count);
            case 9 -> remap(model, real, f, start, count, true);
            default -> remap(model, real, f, start, count, false);
        }
    }

    private void allocate(Model model, Real real, int f, int start, int count, boolean unwritten)
            throws NoSpaceException {
        List<Integer> holes = new ArrayList<>();
        for (int b = start; b < start + count; b++) {
            if (model.map[f][b] < 0) {
                holes.add(b);
            }
        }
        if (holes.size() > model.freeCount()) {
            expectNoSpace(() -> real.files[f].allocate(start, count, real.allocator, unwritten));
            coverage.noSpace++;
            return;
        }
        ExtentChange c = real.files[f].allocate(start, count, real.allocator, unwritten);
        assertThat(c.mappedBlockCount()).isEqualTo(holes.size());
        assertThat(c.movesOrFrees()).isFalse();
        if (holes.isEmpty()) {
            return;
        }
        long[] blocks = model.allocate(holes.size());
        for (int k = 0; k < holes.size(); k++) {
            model.map[f][holes.get(k)] = blocks[k];
            model.unwritten[f][holes.get(k)] = unwritten;
        }
    }

    private void punch(Model model, Real real, int f, int start, int count) {
        ExtentChange c = real.files[f].punch(start, count);
        assertThat(c.unmappedBlockCount()).isEqualTo(mappedIn(model, f, start, start + count));
        real.apply(c);
        for (int b = start; b < start + count; b++) {
            model.unmap(f, b);
        }
    }

    private void truncate(Model model, Real real, int f, int newBlocks) {
        real.apply(real.files[f].truncateBlocks(newBlocks));
        for (int b = newBlocks; b < LOGICAL; b++) {
            model.unmap(f, b);
        }
    }

    private void collapse(Model model, Real real, int f, int start, int count) {
        ExtentChange c = real.files[f].collapse(start, count);
        assertThat(c.unmappedBlockCount()).isEqualTo(mappedIn(model, f, start, start + count));
        long shifted = c.shifted().stream().mapToLong(ExtentChange.Shift::length).sum();
        assertThat(shifted).isEqualTo(mappedIn(model, f, start + count, LOGICAL));
        real.apply(c);
        for (int b = start; b < start + count; b++) {
            model.unmap(f, b);
        }
        shift(model, f, start + count, -count);
    }

    private void insert(Model model, Real real, int f, int start, int count) {
        if (model.endBlock(f) + count > LOGICAL) {
            return;
        }
        ExtentChange c = real.files[f].insert(start, count);
        assertThat(c.unmapped()).isEmpty();
        coverage.shiftedExtents += c.shifted().size();
        real.apply(c);
        shift(model, f, start, count);
    }

    /** Moves the model's blocks at or after {@code from} by {@code delta}, leaving holes behind. */
    private static void shift(Model model, int f, int from, int delta) {
        long[] map = model.map[f].clone();
        boolean[] uw = model.unwritten[f].clone();
        for (int b = from; b < LOGICAL; b++) {
            model.map[f][b] = -1;
            model.unwritten[f][b] = false;
        }
        for (int b = from; b < LOGICAL; b++) {
            if (map[b] >= 0) {
                assert b + delta >= 0 && b + delta < LOGICAL;
                model.map[f][b + delta] = map[b];
                model.unwritten[f][b + delta] = uw[b];
            }
        }
    }

    private void markWritten(Model model, Real real, int f, int start, int count) {
        ExtentChange c = real.files[f].markWritten(start, count);
        long unwritten = 0;
        for (int b = start; b < start + count; b++) {
            if (model.unwritten[f][b]) {
                unwritten++;
                model.unwritten[f][b] = false;
            }
        }
        assertThat(c.converted().stream().mapToLong(Extent::length).sum()).isEqualTo(unwritten);
    }

    private void cloneFile(Model model, Real real, int dst, int src) {
        if (dst == src) {
            return;
        }
        real.apply(real.files[dst].cloneFrom(real.files[src]));
        for (int b = 0; b < LOGICAL; b++) {
            if (model.map[src][b] >= 0) {
                model.owners[(int) model.map[src][b]]++;
            }
        }
        for (int b = 0; b < LOGICAL; b++) {
            model.unmap(dst, b);
            model.map[dst][b] = model.map[src][b];
            model.unwritten[dst][b] = model.unwritten[src][b];
        }
    }

    private void cloneRange(Model model, Real real, Random random, int dst, int src, int count) {
        int srcStart = random.nextInt(LOGICAL - count + 1);
        int dstStart = random.nextInt(LOGICAL - count + 1);
        if (src == dst && srcStart < dstStart + count && dstStart < srcStart + count) {
            return;
        }
        real.apply(real.files[dst].cloneRange(real.files[src], srcStart, dstStart, count));
        long[] srcMap = Arrays.copyOfRange(model.map[src], srcStart, srcStart + count);
        boolean[] srcUw = Arrays.copyOfRange(model.unwritten[src], srcStart, srcStart + count);
        for (long p : srcMap) {
            if (p >= 0) {
                model.owners[(int) p]++;
            }
        }
        for (int k = 0; k < count; k++) {
            model.unmap(dst, dstStart + k);
            model.map[dst][dstStart + k] = srcMap[k];
            model.unwritten[dst][dstStart + k] = srcUw[k];
        }
    }

    private void remap(Model model, Real real, int f, int start, int count, boolean sharedOnly)
            throws NoSpaceException {
        List<Integer> moving = new ArrayList<>();
        for (int b = start; b < start + count; b++) {
            long p = model.map[f][b];
            if (p >= 0 && (!sharedOnly || model.owners[(int) p] > 1)) {
                moving.add(b);
            }
        }
        ExtentMap file = real.files[f];
        if (moving.size() > model.freeCount()) {
            expectNoSpace(() -> remapReal(real, file, start, count, sharedOnly));
            coverage.noSpace++;
            return;
        }
        ExtentChange c = remapReal(real, file, start, count, sharedOnly);
        assertThat(c.remapped().stream().mapToLong(ExtentChange.Remap::length).sum()).isEqualTo(moving.size());
        real.apply(c);
        coverage.remappedBlocks += moving.size();
        if (moving.isEmpty()) {
            return;
        }
        // New blocks are taken before the old references are dropped, as the real code does.
        long[] blocks = model.allocate(moving.size());
        for (int k = 0; k < moving.size(); k++) {
            int b = moving.get(k);
            model.drop(model.map[f][b]);
            model.map[f][b] = blocks[k];
        }
    }

    private static ExtentChange remapReal(Real real, ExtentMap file, int start, int count, boolean sharedOnly)
            throws NoSpaceException {
        return sharedOnly ? file.remapShared(start, count, real.allocator, real.refcounts)
                : file.remap(start, count, real.allocator);
    }

    /** An operation that may run out of space. */
    @FunctionalInterface
    private interface SpaceUser {
        ExtentChange run() throws NoSpaceException;
    }

    private static void expectNoSpace(SpaceUser op) {
        try {
            op.run();
        } catch (NoSpaceException expected) {
            return;
        }
        throw new AssertionError("expected ENOSPC");
    }

    /** Cheap equality on the hot path; AssertJ only formats the message when values differ. */
    private static void same(Object actual, Object expected, String what) {
        if (!Objects.deepEquals(actual, expected)) {
            assertThat(actual).as(what).isEqualTo(expected);
        }
    }

    private static long mappedIn(Model model, int f, int from, int to) {
        long n = 0;
        for (int b = from; b < to; b++) {
            if (model.map[f][b] >= 0) {
                n++;
            }
        }
        return n;
    }

    // ---------------------------------------------------------------- comparison

    private static void compare(Random random, Model model, Real real) {
        for (int f = 0; f < FILES; f++) {
            compareFile(random, model, real, f);
        }
        boolean[] free = new boolean[PHYSICAL];
        boolean[] expectedFree = new boolean[PHYSICAL];
        long[] counts = new long[PHYSICAL];
        long[] expectedCounts = new long[PHYSICAL];
        for (int p = 0; p < PHYSICAL; p++) {
            free[p] = real.allocator.isFree(p);
            expectedFree[p] = model.owners[p] == 0;
            counts[p] = model.owners[p] == 0 ? 0 : real.refcounts.refcount(p);
            expectedCounts[p] = model.owners[p];
        }
        same(free, expectedFree, "free blocks");
        same(counts, expectedCounts, "refcounts");
        same(real.allocator.freeBlocks(), (long) model.freeCount(), "free block count");
        same(BlockFsck.check(real.allocator, real.refcounts, List.of(real.files), false), List.of(), "fsck findings");
    }

    private static void compareFile(Random random, Model model, Real real, int f) {
        ExtentMap file = real.files[f];
        long[] lookups = new long[LOGICAL];
        boolean[] unwritten = new boolean[LOGICAL];
        for (int b = 0; b < LOGICAL; b++) {
            lookups[b] = file.lookup(b);
            Extent e = file.find(b);
            unwritten[b] = e != null && e.unwritten();
        }
        same(lookups, model.map[f], "map of file " + f);
        same(unwritten, model.unwritten[f], "unwritten blocks of file " + f);
        same(file.mappedBlockCount(), mappedIn(model, f, 0, LOGICAL), "mapped blocks of file " + f);
        same((long) file.extentCount(), canonicalExtentCount(model, f), "canonical extent count of file " + f);
        same(file.endBlock(), (long) model.endBlock(f), "end block of file " + f);
        compareFiemap(model, real, f);
        int at = random.nextInt(LOGICAL);
        boolean unwrittenIsHole = random.nextBoolean();
        same(file.nextData(at, unwrittenIsHole), modelNextData(model, f, at, unwrittenIsHole), "nextData");
        same(file.nextHole(at, unwrittenIsHole), modelNextHole(model, f, at, unwrittenIsHole), "nextHole");
    }

    private static long canonicalExtentCount(Model model, int f) {
        long n = 0;
        for (int b = 0; b < LOGICAL; b++) {
            long p = model.map[f][b];
            boolean continues = b > 0 && model.map[f][b - 1] >= 0 && model.map[f][b - 1] + 1 == p
                    && model.unwritten[f][b - 1] == model.unwritten[f][b];
            if (p >= 0 && !continues) {
                n++;
            }
        }
        return n;
    }

    private static void compareFiemap(Model model, Real real, int f) {
        List<FiemapExtent> fiemap = real.files[f].fiemap(real.refcounts);
        long[] map = new long[LOGICAL];
        boolean[] unwritten = new boolean[LOGICAL];
        boolean[] shared = new boolean[LOGICAL];
        boolean[] expectedShared = new boolean[LOGICAL];
        Arrays.fill(map, -1);
        long nextLogical = -1;
        for (int k = 0; k < fiemap.size(); k++) {
            FiemapExtent fe = fiemap.get(k);
            same(fe.last(), k == fiemap.size() - 1, "LAST flag");
            same(fe.logical() >= nextLogical, true, "fiemap order");
            nextLogical = fe.logical() + fe.length();
            for (long i = 0; i < fe.length(); i++) {
                int b = (int) (fe.logical() + i);
                map[b] = fe.physical() + i;
                unwritten[b] = fe.unwritten();
                shared[b] = fe.shared();
            }
        }
        for (int b = 0; b < LOGICAL; b++) {
            expectedShared[b] = model.map[f][b] >= 0 && model.owners[(int) model.map[f][b]] > 1;
        }
        same(map, model.map[f], "fiemap of file " + f);
        same(unwritten, model.unwritten[f], "fiemap UNWRITTEN flags of file " + f);
        same(shared, expectedShared, "fiemap SHARED flags of file " + f);
    }

    private static long modelNextData(Model model, int f, int at, boolean unwrittenIsHole) {
        for (int b = at; b < LOGICAL; b++) {
            if (model.map[f][b] >= 0 && !(unwrittenIsHole && model.unwritten[f][b])) {
                return b;
            }
        }
        return -1;
    }

    private static long modelNextHole(Model model, int f, int at, boolean unwrittenIsHole) {
        for (int b = at; b < LOGICAL; b++) {
            if (model.map[f][b] < 0 || (unwrittenIsHole && model.unwritten[f][b])) {
                return b;
            }
        }
        return LOGICAL;
    }
}
