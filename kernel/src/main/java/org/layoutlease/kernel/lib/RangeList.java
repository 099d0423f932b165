package org.layoutlease.kernel.lib;

import java.util.Arrays;

/**
 * Half-open ranges gathered for one {@link RangeCounter#adjustAll} (the extents of one pin):
 * appended in any order, possibly overlapping or touching, in two primitive arrays so a
 * 512-extent pin costs two arrays instead of 512 objects.
 *
 * <p>{@link #normalize} turns the list into sorted, disjoint runs, each with how many added
 * ranges cover it; touching runs of equal multiplicity are coalesced.
 */
public final class RangeList {
    private long[] starts;
    private long[] ends;
    /** Multiplicity of each run once normalized; null while every run counts once. */
    private long[] times;
    private int size;
    private boolean normalized;

    public RangeList() {
        this(8);
    }

    /** A list with room for {@code capacity} ranges before it grows. */
    public RangeList(int capacity) {
        starts = new long[Math.max(1, capacity)];
        ends = new long[starts.length];
    }

    /** Appends {@code [start, end)}. */
    public void add(long start, long end) {
        if (start >= end) {
            throw new IllegalArgumentException("empty or inverted range [" + start + ", " + end + ")");
        }
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
            times = times == null ? null : Arrays.copyOf(times, size * 2);
        }
        if (times != null) {
            times[size] = 1;
        }
        starts[size] = start;
        ends[size] = end;
        size++;
        normalized = false;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public long start(int i) {
        return starts[check(i)];
    }

    public long end(int i) {
        return ends[check(i)];
    }

    /** How many added ranges cover run {@code i}: 1 until normalization found overlaps. */
    public long times(int i) {
        return times == null ? 1 : times[check(i)];
    }

    /**
     * Rewrites the list as sorted, disjoint runs with multiplicities. Already sorted disjoint
     * input (the usual extent list) is only coalesced in place; otherwise the coverage is swept
     * from sorted copies of the starts and of the ends, which is all it depends on.
     */
    public void normalize() {
        if (normalized) {
            return;
        }
        if (sortedAndDisjoint()) {
            coalesce();
        } else {
            sweep();
        }
        normalized = true;
        assert isNormal();
    }

    private boolean sortedAndDisjoint() {
        for (int i = 1; i < size; i++) {
            if (starts[i] < ends[i - 1]) {
                return false;
            }
        }
        return true;
    }

    /** Joins touching runs of equal multiplicity, in place. */
    private void coalesce() {
        int out = 0;
        for (int i = 0; i < size; i++) {
            if (out > 0 && ends[out - 1] == starts[i] && times(out - 1) == times(i)) {
                ends[out - 1] = ends[i];
                continue;
            }
            starts[out] = starts[i];
            ends[out] = ends[i];
            if (times != null) {
                times[out] = times[i];
            }
            out++;
        }
        size = out;
    }

    /** Rebuilds the runs from the coverage: +1 at every start, -1 at every end. */
    private void sweep() {
        long[] s = Arrays.copyOf(starts, size);
        long[] e = Arrays.copyOf(ends, size);
        Arrays.sort(s);
        Arrays.sort(e);
        long[] rs = new long[2 * size];
        long[] re = new long[2 * size];
        long[] rt = new long[2 * size];
        int n = 0;
        int i = 0;
        int j = 0;
        long depth = 0;
        long pos = s[0];
        while (j < size) {
            long next = i < size ? Math.min(s[i], e[j]) : e[j];
            if (depth > 0 && next > pos) {
                rs[n] = pos;
                re[n] = next;
                rt[n] = depth;
                n++;
            }
            pos = next;
            for (; i < size && s[i] == pos; i++) {
                depth++;
            }
            for (; j < size && e[j] == pos; j++) {
                depth--;
            }
        }
        assert depth == 0 && i == size;
        starts = rs;
        ends = re;
        times = rt;
        size = n;
        coalesce();
    }

    private boolean isNormal() {
        for (int i = 0; i < size; i++) {
            if (starts[i] >= ends[i] || times(i) <= 0) {
                return false;
            }
            if (i > 0 && (starts[i] < ends[i - 1] || (starts[i] == ends[i - 1] && times(i) == times(i - 1)))) {
                return false;
            }
        }
        return true;
    }

    private int check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return i;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < size; i++) {
            sb.append(i == 0 ? "" : " ").append('[').append(starts[i]).append(", ").append(ends[i]).append(')');
            if (times(i) != 1) {
                sb.append('x').append(times(i));
            }
        }
        return sb.append(']').toString();
    }
}
