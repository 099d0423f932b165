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
 * O(log n + k) for the k runs it touches. Runs with count 0 are not stored, and neighbouring runs
 * with the same count are merged, so the representation is canonical.
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

    /** Adds {@code delta} to every point of {@code [start, end)}; no count may go below zero. */
    public void adjust(long start, long end, long delta) {
        checkRange(start, end);
        if (delta == 0) {
            return;
        }
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
            if (u[2] < 0 || u[2] > MAX_COUNT) {
                throw new IllegalStateException("pin count out of range at [" + u[0] + ", " + u[1] + "): " + u[2]);
            }
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
