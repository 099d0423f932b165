package org.layoutlease.kernel.fs.block;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.layoutlease.kernel.lib.Data;

/**
 * Models the contents of a block device or persistent-memory region ({@code struct
 * block_device} / {@code struct dax_device}): a 64-bit byte address space where unwritten
 * space reads as zeros.
 *
 * <p>Contents are kept as disjoint segments, each holding a {@link Data}, so a 1 GiB fill costs
 * one segment of one run. Every operation costs O(log n + k) for the k segments it touches.
 */
public final class SparseMedia {

    /** Limit on stored segments, so a pathological scenario fails loudly instead of thrashing. */
    public static final int MAX_SEGMENTS = 1 << 22;

    private final long capacityBytes;
    /** address → contents; segments never overlap and are never empty. */
    private final TreeMap<Long, Data> segments = new TreeMap<>();

    /** A medium of the whole non-negative 64-bit space. */
    public SparseMedia() {
        this(Long.MAX_VALUE);
    }

    /** A medium of addresses {@code [0, capacityBytes)}. */
    public SparseMedia(long capacityBytes) {
        if (capacityBytes <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacityBytes);
        }
        this.capacityBytes = capacityBytes;
    }

    /** An independent copy (contents are immutable, so segments are shared). */
    public SparseMedia copy() {
        SparseMedia c = new SparseMedia(capacityBytes);
        c.segments.putAll(segments);
        return c;
    }

    public long capacityBytes() {
        return capacityBytes;
    }

    /** Stores {@code data} at {@code addr}, replacing what was there. */
    public void write(long addr, Data data) {
        checkRange(addr, data.length());
        if (data.isEmpty()) {
            return;
        }
        cut(addr, addr + data.length());
        store(addr, data);
    }

    /** The {@code len} bytes at {@code addr}; gaps read as zeros. */
    public Data read(long addr, long len) {
        checkRange(addr, len);
        long end = addr + len;
        Data.Builder out = new Data.Builder();
        long pos = addr;
        Map.Entry<Long, Data> below = segments.lowerEntry(addr);
        if (below != null && segmentEnd(below) > addr) {
            long take = Math.min(segmentEnd(below), end) - addr;
            out.append(below.getValue(), addr - below.getKey(), take);
            pos += take;
        }
        for (Map.Entry<Long, Data> e : segments.subMap(addr, true, end, false).entrySet()) {
            out.zeros(e.getKey() - pos);
            long take = Math.min(segmentEnd(e), end) - e.getKey();
            out.append(e.getValue(), 0, take);
            pos = e.getKey() + take;
        }
        out.zeros(end - pos);
        assert out.length() == len;
        return out.build();
    }

    /** Makes {@code [addr, addr + len)} read as zeros again, dropping what was stored there. */
    public void zero(long addr, long len) {
        checkRange(addr, len);
        if (len > 0) {
            cut(addr, addr + len);
        }
    }

    /** Copies {@code len} bytes from {@code from} to {@code to}; the ranges may overlap (memmove). */
    public void copy(long from, long to, long len) {
        checkRange(from, len);
        checkRange(to, len);
        if (len > 0 && from != to) {
            // read() returns an immutable snapshot, so overlapping ranges behave like memmove.
            Data contents = read(from, len);
            cut(to, to + len);
            // A copy of never-written space stays never-written rather than stored zeros.
            if (!contents.isAllZero()) {
                store(to, contents);
            }
        }
    }

    /** Number of stored segments. */
    public int segmentCount() {
        return segments.size();
    }

    /** Bytes held in segments (written bytes, zero-filled writes included). */
    public long storedBytes() {
        long n = 0;
        for (Data d : segments.values()) {
            n += d.length();
        }
        return n;
    }

    /** The stored segments, address to contents, ascending (read-only: the explorer's state hash). */
    public java.util.NavigableMap<Long, Data> segmentsView() {
        return java.util.Collections.unmodifiableNavigableMap(segments);
    }

    /** Stored segment addresses and lengths, ascending: for tests and state hashing. */
    public List<long[]> segmentBounds() {
        List<long[]> out = new ArrayList<>(segments.size());
        for (Map.Entry<Long, Data> e : segments.entrySet()) {
            out.add(new long[] {e.getKey(), e.getValue().length()});
        }
        return out;
    }

    /** Removes stored contents in {@code [start, end)}, trimming segments that straddle an edge. */
    private void cut(long start, long end) {
        Map.Entry<Long, Data> below = segments.lowerEntry(start);
        if (below != null && segmentEnd(below) > start) {
            Data d = below.getValue();
            long segStart = below.getKey();
            segments.put(segStart, d.slice(0, start - segStart));
            if (segmentEnd(segStart, d) > end) {
                segments.put(end, d.slice(end - segStart, segmentEnd(segStart, d) - end));
                return;
            }
        }
        Map.Entry<Long, Data> tail = null;
        Iterator<Map.Entry<Long, Data>> it = segments.subMap(start, true, end, false).entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Data> e = it.next();
            if (segmentEnd(e) > end) {
                tail = Map.entry(e.getKey(), e.getValue());
            }
            it.remove();
        }
        if (tail != null) {
            Data d = tail.getValue();
            segments.put(end, d.slice(end - tail.getKey(), segmentEnd(tail) - end));
        }
    }

    /** Inserts a segment into space that {@link #cut} has just emptied. */
    private void store(long addr, Data contents) {
        if (segments.size() >= MAX_SEGMENTS) {
            throw new IllegalStateException("medium exceeds MAX_SEGMENTS=" + MAX_SEGMENTS + " segments");
        }
        Data old = segments.put(addr, contents);
        assert old == null : "segment at " + addr + " was not cut";
    }

    private static long segmentEnd(Map.Entry<Long, Data> e) {
        return segmentEnd(e.getKey(), e.getValue());
    }

    private static long segmentEnd(long start, Data d) {
        return start + d.length();
    }

    private void checkRange(long addr, long len) {
        if (addr < 0 || len < 0 || addr > capacityBytes - len) {
            throw new IllegalArgumentException("range addr=" + addr + " len=" + len + " outside medium of "
                    + capacityBytes + " bytes");
        }
    }
}
