package org.layoutlease.kernel.mm;

import org.layoutlease.kernel.fs.File;
import org.layoutlease.kernel.uapi.Uapi;

/**
 * A memory mapping (struct vm_area_struct). A file mapping holds a reference on its struct
 * file, which is why a mapping keeps a file "open" for leases after close(2). Anonymous pages
 * (all of an anonymous mapping, the copied pages of a private file mapping) live in
 * {@link #anon} at {@link #anonOffset} for {@link #start}.
 */
public final class Vma {
    public final long start;
    public long end;
    public final int prot;
    public final int flags;
    /** The mapped file (a counted reference), or null for anonymous memory. */
    public final File file;
    /** File offset of {@code start}, in bytes. */
    public long fileOffset;
    /** The anon_vma (or shmem object) behind this mapping's anonymous pages; null until needed. */
    public AnonMemory anon;
    /** Offset in {@link #anon} of {@link #start}. */
    public long anonOffset;

    public Vma(long start, long end, int prot, int flags, File file, long fileOffset) {
        assert start < end;
        this.start = start;
        this.end = end;
        this.prot = prot;
        this.flags = flags;
        this.file = file;
        this.fileOffset = fileOffset;
    }

    /** The part {@code [from, to)} of this mapping, sharing its anonymous memory (split_vma). */
    public Vma slice(long from, long to, File fileRef) {
        Vma v = new Vma(from, to, prot, flags, fileRef, fileOffset + (from - start));
        v.anon = anon;
        v.anonOffset = anonOffset + (from - start);
        return v;
    }

    public long length() {
        return end - start;
    }

    public boolean contains(long addr) {
        return addr >= start && addr < end;
    }

    public boolean isShared() {
        return (flags & Uapi.MAP_TYPE) != Uapi.MAP_PRIVATE;
    }

    public boolean isAnonymous() {
        return file == null;
    }

    public boolean canRead() {
        return prot != Uapi.PROT_NONE;
    }

    public boolean canWrite() {
        return (prot & Uapi.PROT_WRITE) != 0;
    }

    /** The file offset of user address {@code addr}. */
    public long fileOffsetOf(long addr) {
        return fileOffset + (addr - start);
    }

    /** The offset in {@link #anon} of user address {@code addr}. */
    public long anonOffsetOf(long addr) {
        return anonOffset + (addr - start);
    }
}
