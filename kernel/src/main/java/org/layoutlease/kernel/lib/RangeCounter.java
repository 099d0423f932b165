package org.layoutlease.kernel.lib;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Models per-page pin counts ({@code page->_refcount} biased by {@code GUP_PIN_COUNTING_BIAS},
 * as {@code page_maybe_dma_pinned()} reads it) over a range of page or block numbers, kept as
 * coalesced runs of equal count instead of one counter per page.
 *
 * <p>Pinning 262,144 pages with one call costs one run; every update and query costs
 * O(log n + k) for the k runs it touches, and an update inside one run or one gap (what pins
 * and unpins of whole extents make) a few lookups; {@link #adjustAll} applies the extents of
 * a pin in one pass. Runs with count 0 are not stored, and neighbouring runs with the same
 * count are merged, so the representation is canonical.
 */
public final class RangeCounter {
    /** Most counts one page may carry: the kernel's pin bias would overflow long before. */
    public static final long MAX_COUNT = (1L << 40) - 1;

    /** start → {end, count} of each run; runs never overlap, counts are positive. */
    private final TreeMap<Long, long[]> runs = new TreeMap<>();
    private long coveredLength;

    /** Adds one to the count of every point of {@code [start, end)}. */
    public void increment(long start, long end) {
        adjust(start, end, 1);
    }

    /** Subtracts one from the count of every point of {@code [start, end)}; each must be counted. */
    public void decrement(long start, long end) {
        adjust(start, end, -1);
    }

    /**
     * Adds {@code delta} to every point of {@code [start, end)}; no count may go below zero or
     * above {@link #MAX_COUNT}. A range that would is refused before anything changes.
     */
    public void adjust(long start, long end, long delta) {
        checkRange(start, end);
        if (delta != 0) {
            adjustRun(start, end, delta);
        }
    }

    /**
     * Adds {@code delta} times its multiplicity to every point of each range of {@code batch},
     * with the result of one {@link #adjust} per range: the ranges are normalized (sorted,
     * disjoint, coalesced) and applied in one ascending pass, each costing a lookup or two
     * instead of the split, walk and merges of a general update. Disjoint runs are independent,
     * so each is checked and applied on its own; if one is refused, the runs before it stay
     * applied, as with one call per range.
     */
    public void adjustAll(RangeList batch, long delta) {
        if (batch.isEmpty() || delta == 0) {
            return;
        }
        batch.normalize();
        for (int i = 0; i < batch.size(); i++) {
            adjustRun(batch.start(i), batch.end(i), Math.multiplyExact(batch.times(i), delta));
        }
    }

    /** One non-empty update: the shapes a pin or unpin makes cost O(log n), others the general walk. */
    private void adjustRun(long start, long end, long delta) {
        // Keys, not entries: floorEntry and higherEntry copy the entry they return.
        Long floorKey = runs.floorKey(start);
        long[] floor = floorKey == null ? null : runs.get(floorKey);
        if (floor != null && floor[0] >= end) {
            adjustInsideRun(floorKey, floor, start, end, delta);
        } else if (floor == null || floor[0] <= start) {
            Long next = runs.higherKey(start);
            if (next == null || next >= end) {
                fillGap(floor, next, start, end, delta);
            } else {
                adjustGeneral(start, end, delta);
            }
        } else {
            adjustGeneral(start, end, delta);
        }
        assert canonicalAt(start) && canonicalAt(end) : "runs not canonical around [" + start + ", " + end + ")";
    }

    /**
     * {@code [start, end)} lies inside the run {@code [runStart, run[0])}: only that run is cut,
     * and only a piece ending at a run boundary can join a neighbour.
     */
    private void adjustInsideRun(long runStart, long[] run, long start, long end, long delta) {
        long count = run[1] + delta;
        checkCount(start, end, count);
        long runEnd = run[0];
        if (runStart == start && runEnd == end) {
            if (count == 0) {
                runs.remove(start);
                coveredLength -= end - start;
                return;
            }
            run[1] = count;
            mergeRight(run, end);
            mergeLeft(start, run);
            return;
        }
        if (end < runEnd) {
            runs.put(end, new long[] {runEnd, run[1]});
        }
        long[] middle = count == 0 ? null : new long[] {end, count};
        if (runStart < start) {
            run[0] = start;
            if (middle != null) {
                runs.put(start, middle);
            }
        } else if (middle != null) {
            runs.put(start, middle);
        } else {
            runs.remove(start);
        }
        if (count == 0) {
            coveredLength -= end - start;
            return;
        }
        // A piece cut from the run differs from the middle; a neighbour beyond the run may not.
        if (end == runEnd) {
            mergeRight(middle, end);
        }
        if (runStart == start) {
            mergeLeft(start, middle);
        }
    }

    /** Nothing is counted in {@code [start, end)}: a new run, joined to touching equal neighbours. */
    private void fillGap(long[] left, Long next, long start, long end, long delta) {
        checkCount(start, end, delta);
        coveredLength += end - start;
        long[] right = next != null && next == end ? runs.get(next) : null;
        if (right != null && right[1] != delta) {
            right = null;
        }
        long newEnd = right == null ? end : right[0];
        if (right != null) {
            runs.remove(end);
        }
        if (left != null && left[0] == start && left[1] == delta) {
            left[0] = newEnd;
        } else {
            runs.put(start, new long[] {newEnd, delta});
        }
    }

    /** Joins the run starting at {@code end} to {@code run}, which ends there, if their counts agree. */
    private void mergeRight(long[] run, long end) {
        long[] right = runs.get(end);
        if (right != null && right[1] == run[1]) {
            run[0] = right[0];
            runs.remove(end);
        }
    }

    /** Joins {@code run}, starting at {@code start}, to the run ending there, if their counts agree. */
    private void mergeLeft(long start, long[] run) {
        Map.Entry<Long, long[]> left = runs.lowerEntry(start);
        if (left != null && left.getValue()[0] == start && left.getValue()[1] == run[1]) {
            left.getValue()[0] = run[0];
            runs.remove(start);
        }
    }

    /** Any update: checked over every run it touches first, then split, rewritten and merged. */
    private void adjustGeneral(long start, long end, long delta) {
        checkGeneral(start, end, delta);
        split(start);
        split(end);
        long pos = start;
        List<long[]> updated = new ArrayList<>();
        Iterator<Map.Entry<Long, long[]>> it = runs.subMap(start, true, end, false).entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, long[]> e = it.next();
            // Read the entry before removing it: TreeMap may reuse its node for the successor.
            long runStart = e.getKey();
            long[] run = e.getValue();
            it.remove();
            if (runStart > pos) {
                updated.add(new long[] {pos, runStart, delta});
            }
            updated.add(new long[] {runStart, run[0], run[1] + delta});
            pos = run[0];
            coveredLength -= run[0] - runStart;
        }
        if (pos < end) {
            updated.add(new long[] {pos, end, delta});
        }
        for (long[] u : updated) {
            if (u[2] > 0) {
                runs.put(u[0], new long[] {u[1], u[2]});
                coveredLength += u[1] - u[0];
            }
        }
        merge(start);
        merge(end);
        for (long[] u : updated) {
            merge(u[0]);
        }
    }

    /** Refuses an update that would take some point of {@code [start, end)} out of range. */
    private void checkGeneral(long start, long end, long delta) {
        long pos = start;
        Map.Entry<Long, long[]> below = runs.lowerEntry(start);
        if (below != null && below.getValue()[0] > start) {
            checkCount(start, Math.min(end, below.getValue()[0]), below.getValue()[1] + delta);
            pos = below.getValue()[0];
        }
        for (Map.Entry<Long, long[]> e : runs.subMap(start, true, end, false).entrySet()) {
            if (e.getKey() > pos) {
                checkCount(pos, e.getKey(), delta);
            }
            checkCount(e.getKey(), Math.min(end, e.getValue()[0]), e.getValue()[1] + delta);
            pos = e.getValue()[0];
        }
        if (pos < end) {
            checkCount(pos, end, delta);
        }
    }

    private static void checkCount(long start, long end, long count) {
        if (count < 0 || count > MAX_COUNT) {
            throw new IllegalStateException("pin count out of range at [" + start + ", " + end + "): " + count);
        }
    }

    /** No run starting at {@code point} touches a left neighbour of the same count. */
    private boolean canonicalAt(long point) {
        long[] right = runs.get(point);
        Map.Entry<Long, long[]> left = runs.lowerEntry(point);
        return right == null || left == null || left.getValue()[0] < point
            || (left.getValue()[0] == point && left.getValue()[1] != right[1]);
    }

    /** Cuts the run containing {@code point} so that a run starts exactly there. */
    private void split(long point) {
        Map.Entry<Long, long[]> e = runs.lowerEntry(point);
        if (e != null && e.getValue()[0] > point) {
            long[] run = e.getValue();
            runs.put(point, new long[] {run[0], run[1]});
            run[0] = point;
        }
    }

    /** Joins the run starting at {@code point} with its left neighbour when they touch with equal counts. */
    private void merge(long point) {
        long[] right = runs.get(point);
        Map.Entry<Long, long[]> left = runs.lowerEntry(point);
        if (right != null && left != null && left.getValue()[0] == point && left.getValue()[1] == right[1]) {
            left.getValue()[0] = right[0];
            runs.remove(point);
        }
    }

    /** The count at {@code point}. */
    public long count(long point) {
        Map.Entry<Long, long[]> e = runs.floorEntry(point);
        return e != null && e.getValue()[0] > point ? e.getValue()[1] : 0;
    }

    /** True if some point of {@code [start, end)} has a positive count. */
    public boolean overlaps(long start, long end) {
        checkRange(start, end);
        Map.Entry<Long, long[]> e = runs.lowerEntry(end);
        return e != null && e.getValue()[0] > start;
    }

    /** The counted points inside {@code [start, end)}, clipped and coalesced, in ascending order. */
    public RangeSet intersect(long start, long end) {
        checkRange(start, end);
        RangeSet out = new RangeSet();
        Map.Entry<Long, long[]> below = runs.lowerEntry(start);
        if (below != null && below.getValue()[0] > start) {
            out.add(start, Math.min(below.getValue()[0], end));
        }
        for (Map.Entry<Long, long[]> e : runs.subMap(start, true, end, false).entrySet()) {
            out.add(e.getKey(), Math.min(e.getValue()[0], end));
        }
        return out;
    }

    /** How many points have a positive count. */
    public long coveredLength() {
        return coveredLength;
    }

    /** Number of stored runs. */
    public int runCount() {
        return runs.size();
    }

    public boolean isEmpty() {
        return runs.isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<Long, long[]> e : runs.entrySet()) {
            if (sb.length() > 1) {
                sb.append(' ');
            }
            sb.append('[').append(e.getKey()).append(", ").append(e.getValue()[0]).append(")x").append(e.getValue()[1]);
        }
        return sb.append('}').toString();
    }

    private static void checkRange(long start, long end) {
        if (start >= end) {
            throw new IllegalArgumentException("empty or inverted range [" + start + ", " + end + ")");
        }
    }
}
