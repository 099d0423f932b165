package org.layoutlease.kernel.lib;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Models the kernel's interval sets ({@code include/linux/interval_tree.h}, the free-space
 * btrees) as a coalesced set of disjoint half-open {@code [start, end)} ranges of longs.
 *
 * <p>Touching ranges are merged on insertion, so the representation is canonical: two sets with
 * the same members are {@link #equals} and have the same ranges. Point and overlap queries cost
 * O(log n); queries that return ranges cost O(log n + k) for k ranges returned.
 */
public final class RangeSet {

    /** A half-open range {@code [start, end)} with {@code start < end}. */
    public record Range(long start, long end) {
        public Range {
            if (start >= end) {
                throw new IllegalArgumentException("empty or inverted range [" + start + ", " + end + ")");
            }
        }

        public long length() {
            return end - start;
        }

        @Override
        public String toString() {
            return "[" + start + ", " + end + ")";
        }
    }

    /** start → end of each member range; no two entries overlap or touch. */
    private final TreeMap<Long, Long> ranges = new TreeMap<>();
    private long totalLength;

    public RangeSet() {
    }

    /** A copy independent of this set. */
    public RangeSet copy() {
        RangeSet c = new RangeSet();
        c.ranges.putAll(ranges);
        c.totalLength = totalLength;
        return c;
    }

    // ---------------------------------------------------------------- updates

    /**
     * Adds {@code [start, end)}.
     *
     * @return how many points were not members before
     */
    public long add(long start, long end) {
        checkRange(start, end);
        long newStart = start;
        long newEnd = end;
        long absorbed = 0;
        Map.Entry<Long, Long> below = ranges.floorEntry(start);
        if (below != null && below.getValue() >= start) {
            newStart = below.getKey();
            newEnd = Math.max(newEnd, below.getValue());
            absorbed += below.getValue() - below.getKey();
            ranges.remove(below.getKey());
        }
        // Members starting inside or right at the end of the new range join it.
        Iterator<Map.Entry<Long, Long>> it = ranges.subMap(start, true, end, true).entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Long> e = it.next();
            newEnd = Math.max(newEnd, e.getValue());
            absorbed += e.getValue() - e.getKey();
            it.remove();
        }
        ranges.put(newStart, newEnd);
        long added = (newEnd - newStart) - absorbed;
        totalLength += added;
        assert added >= 0 && added <= end - start;
        return added;
    }

    /** Adds a range. */
    public long add(Range r) {
        return add(r.start(), r.end());
    }

    /**
     * Removes {@code [start, end)}.
     *
     * @return how many points were members before
     */
    public long remove(long start, long end) {
        checkRange(start, end);
        long removed = 0;
        boolean keepTail = false;
        long tailEnd = 0;
        Map.Entry<Long, Long> below = ranges.lowerEntry(start);
        if (below != null && below.getValue() > start) {
            long belowEnd = below.getValue();
            ranges.put(below.getKey(), start);
            removed += Math.min(belowEnd, end) - start;
            if (belowEnd > end) {
                keepTail = true;
                tailEnd = belowEnd;
            }
        }
        Iterator<Map.Entry<Long, Long>> it = ranges.subMap(start, true, end, false).entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Long> e = it.next();
            removed += Math.min(e.getValue(), end) - e.getKey();
            if (e.getValue() > end) {
                keepTail = true;
                tailEnd = e.getValue();
            }
            it.remove();
        }
        if (keepTail) {
            // The part of a member beyond the removed range survives as its own range.
            ranges.put(end, tailEnd);
        }
        totalLength -= removed;
        assert removed >= 0 && removed <= end - start;
        return removed;
    }

    /** Removes a range. */
    public long remove(Range r) {
        return remove(r.start(), r.end());
    }

    public void clear() {
        ranges.clear();
        totalLength = 0;
    }

    // ---------------------------------------------------------------- queries

    /** True if {@code point} is a member. */
    public boolean contains(long point) {
        Map.Entry<Long, Long> e = ranges.floorEntry(point);
        return e != null && e.getValue() > point;
    }

    /** True if some member lies in {@code [start, end)}. */
    public boolean overlaps(long start, long end) {
        checkRange(start, end);
        // The last range starting before end is the only candidate: earlier ones end before it starts.
        Map.Entry<Long, Long> e = ranges.lowerEntry(end);
        return e != null && e.getValue() > start;
    }

    /** True if every point of {@code [start, end)} is a member. */
    public boolean covers(long start, long end) {
        checkRange(start, end);
        Map.Entry<Long, Long> e = ranges.floorEntry(start);
        return e != null && e.getValue() >= end;
    }

    /** The members inside {@code [start, end)}, clipped to it, in ascending order. */
    public List<Range> intersect(long start, long end) {
        checkRange(start, end);
        List<Range> out = new ArrayList<>();
        Map.Entry<Long, Long> below = ranges.lowerEntry(start);
        if (below != null && below.getValue() > start) {
            out.add(new Range(start, Math.min(below.getValue(), end)));
        }
        for (Map.Entry<Long, Long> e : ranges.subMap(start, true, end, false).entrySet()) {
            out.add(new Range(e.getKey(), Math.min(e.getValue(), end)));
        }
        return out;
    }

    /** The non-members inside {@code [start, end)}, in ascending order. */
    public List<Range> gaps(long start, long end) {
        List<Range> out = new ArrayList<>();
        long pos = start;
        for (Range r : intersect(start, end)) {
            if (r.start() > pos) {
                out.add(new Range(pos, r.start()));
            }
            pos = r.end();
        }
        if (pos < end) {
            out.add(new Range(pos, end));
        }
        return out;
    }

    /** How many members lie in {@code [start, end)}. */
    public long overlapLength(long start, long end) {
        long n = 0;
        for (Range r : intersect(start, end)) {
            n += r.length();
        }
        return n;
    }

    /** The member range containing {@code point}, or the first one after it; null if none. */
    public Range ceiling(long point) {
        Map.Entry<Long, Long> e = ranges.floorEntry(point);
        if (e == null || e.getValue() <= point) {
            e = ranges.higherEntry(point);
        }
        return e == null ? null : new Range(e.getKey(), e.getValue());
    }

    /** The lowest member range, or null if empty. */
    public Range first() {
        Map.Entry<Long, Long> e = ranges.firstEntry();
        return e == null ? null : new Range(e.getKey(), e.getValue());
    }

    /** The highest member range, or null if empty. */
    public Range last() {
        Map.Entry<Long, Long> e = ranges.lastEntry();
        return e == null ? null : new Range(e.getKey(), e.getValue());
    }

    /** All member ranges in ascending order. */
    public List<Range> ranges() {
        List<Range> out = new ArrayList<>(ranges.size());
        for (Map.Entry<Long, Long> e : ranges.entrySet()) {
            out.add(new Range(e.getKey(), e.getValue()));
        }
        return out;
    }

    /** Number of maximal ranges. */
    public int rangeCount() {
        return ranges.size();
    }

    /** Number of member points. */
    public long totalLength() {
        return totalLength;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RangeSet other && ranges.equals(other.ranges);
    }

    @Override
    public int hashCode() {
        return ranges.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<Long, Long> e : ranges.entrySet()) {
            if (sb.length() > 1) {
                sb.append(' ');
            }
            sb.append('[').append(e.getKey()).append(", ").append(e.getValue()).append(')');
        }
        return sb.append('}').toString();
    }

    private static void checkRange(long start, long end) {
        if (start >= end) {
            throw new IllegalArgumentException("empty or inverted range [" + start + ", " + end + ")");
        }
    }
}
