package org.layoutlease.kernel.mm;

import org.layoutlease.kernel.fs.block.SparseMedia;
import org.layoutlease.kernel.lib.Data;
import org.layoutlease.kernel.lib.RangeSet;

/**
 * Anonymous memory behind one or more mappings: the pages of an {@code anon_vma} (private
 * anonymous memory and the copy-on-write pages of a private file mapping) or of the shmem object
 * behind {@code MAP_SHARED|MAP_ANONYMOUS}. Offsets are bytes from the object's start; a pin on
 * anonymous memory references the object and an offset, so DMA lands here whatever the process
 * does to its mappings afterwards.
 */
public final class AnonMemory {
    /** Largest anonymous object: the whole user address space. */
    public static final long MAX_BYTES = 1L << 47;

    private final SparseMedia media;
    /** Pages that exist (were touched); for a private file mapping, the pages already copied. */
    private final RangeSet present;
    /** Shared anonymous memory survives fork as the same object; private memory is copied. */
    private final boolean shared;

    public AnonMemory(boolean shared) {
        this(new SparseMedia(MAX_BYTES), new RangeSet(), shared);
    }

    private AnonMemory(SparseMedia media, RangeSet present, boolean shared) {
        this.media = media;
        this.present = present;
        this.shared = shared;
    }

    /** fork's copy of private memory (copy_page_range, with every page copied eagerly). */
    public AnonMemory forkCopy() {
        return shared ? this : new AnonMemory(media.copy(), present.copy(), false);
    }

    public boolean isShared() {
        return shared;
    }

    /** Whether every page of {@code [offset, offset+len)} exists. */
    public boolean hasPages(long offset, long len) {
        return present.covers(offset, offset + len);
    }

    /** Whether any page of {@code [offset, offset+len)} exists. */
    public boolean anyPages(long offset, long len) {
        return present.overlaps(offset, offset + len);
    }

    /** The pages of {@code [offset, offset+len)} that do not exist yet, as ranges. */
    public java.util.List<RangeSet.Range> missing(long offset, long len) {
        return present.gaps(offset, offset + len);
    }

    /** Creates the pages of a page-aligned range, filled with {@code content} (a COW copy or zeros). */
    public void populate(long offset, Data content) {
        assert offset % MmCalls.PAGE_SIZE == 0 && content.length() % MmCalls.PAGE_SIZE == 0;
        media.write(offset, content);
        present.add(offset, offset + content.length());
    }

    public Data read(long offset, long len) {
        return media.read(offset, len);
    }

    public void write(long offset, Data data) {
        media.write(offset, data);
    }
}
