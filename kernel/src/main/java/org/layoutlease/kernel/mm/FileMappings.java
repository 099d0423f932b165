package org.layoutlease.kernel.mm;

import java.util.IdentityHashMap;
import java.util.Map;
import org.layoutlease.kernel.fs.Inode;

/**
 * Which files are mapped: the count of VMAs on each inode's {@code address_space->i_mmap}, so
 * that {@code mapping_mapped()} is one lookup. ext4's layout break and the DAX busy-page scan
 * both skip a file nobody maps (SYSTEM.md §2.6).
 */
public final class FileMappings {
    private final Map<Inode, int[]> counts = new IdentityHashMap<>();

    /** vma_link(): {@code v} now maps its file. */
    void linked(Vma v) {
        if (v.file != null) {
            counts.computeIfAbsent(v.file.inode(), i -> new int[1])[0]++;
        }
    }

    /** vma_unlink(): {@code v} no longer maps its file. */
    void unlinked(Vma v) {
        if (v.file == null) {
            return;
        }
        Inode i = v.file.inode();
        int[] c = counts.get(i);
        assert c != null && c[0] > 0 : "unlinking an unmapped file";
        if (--c[0] == 0) {
            counts.remove(i);
        }
    }

    /** mapping_mapped(): some VMA maps {@code inode}. */
    public boolean isMapped(Inode inode) {
        return counts.containsKey(inode);
    }
}
