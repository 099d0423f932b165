package org.layoutlease.kernel.mm;

import org.layoutlease.kernel.fs.File;

/**
 * A memory mapping (struct vm_area_struct). A file mapping holds a reference on its struct
 * file, which is why a mapping keeps a file "open" for leases after close(2).
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

    public Vma(long start, long end, int prot, int flags, File file, long fileOffset) {
        assert start < end;
        this.start = start;
        this.end = end;
        this.prot = prot;
        this.flags = flags;
        this.file = file;
        this.fileOffset = fileOffset;
    }

    public long length() {
        return end - start;
    }

    public boolean contains(long addr) {
        return addr >= start && addr < end;
    }

    public boolean isShared() {
        return (flags & org.layoutlease.kernel.uapi.Uapi.MAP_TYPE) != org.layoutlease.kernel.uapi.Uapi.MAP_PRIVATE;
    }
}
