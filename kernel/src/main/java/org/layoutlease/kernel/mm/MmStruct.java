package org.layoutlease.kernel.mm;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * An address space (struct mm_struct): its mappings in address order. Addresses grow upward
 * from {@link #MMAP_BASE}, each mapping aligned to 2 MiB (SCENARIO-LANGUAGE.md §3).
 */
public final class MmStruct {
    public static final long MMAP_BASE = 0x7f0000000000L;
    public static final long MMAP_ALIGN = 2L << 20;
    public static final int MAX_MAPPINGS = 65_530;

    private final TreeMap<Long, Vma> vmas = new TreeMap<>();
    private long nextAddress = MMAP_BASE;
    /** Subsystem data tied to the mm (mm-owned file pins). */
    public Object pinState;

    /** Picks the address of a new mapping of {@code length} bytes. */
    public long allocateAddress(long length) {
        long addr = nextAddress;
        long span = (length + MMAP_ALIGN - 1) / MMAP_ALIGN * MMAP_ALIGN;
        nextAddress = addr + Math.max(span, MMAP_ALIGN);
        return addr;
    }

    /** fork keeps the child's next mmap address where the parent's is. */
    /** Where the next mapping will go (read-only: the explorer's state hash). */
    public long peekNextAddress() {
        return nextAddress;
    }

    public void copyLayoutFrom(MmStruct parent) {
        nextAddress = parent.nextAddress;
    }

    public void insert(Vma v) {
        if (vmas.size() >= MAX_MAPPINGS) {
            throw new IllegalStateException("more than " + MAX_MAPPINGS + " mappings");
        }
        assert overlapping(v.start, v.end).isEmpty() : "overlapping mapping";
        vmas.put(v.start, v);
    }

    public void remove(Vma v) {
        vmas.remove(v.start);
    }

    /** The mapping containing {@code addr}, or null. */
    public Vma find(long addr) {
        var e = vmas.floorEntry(addr);
        return e != null && e.getValue().contains(addr) ? e.getValue() : null;
    }

    /** Mappings that intersect [start, end), in address order. */
    public List<Vma> overlapping(long start, long end) {
        List<Vma> out = new ArrayList<>();
        var first = vmas.floorKey(start);
        for (Vma v : vmas.tailMap(first == null ? start : first, true).values()) {
            if (v.start >= end) {
                break;
            }
            if (v.end > start) {
                out.add(v);
            }
        }
        return out;
    }

    public List<Vma> all() {
        // Most address spaces the explorer hashes are empty: no view, no copy.
        return vmas.isEmpty() ? List.of() : List.copyOf(vmas.values());
    }

    public boolean isEmpty() {
        return vmas.isEmpty();
    }
}
