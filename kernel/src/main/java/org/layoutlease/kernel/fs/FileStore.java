package org.layoutlease.kernel.fs;

import org.layoutlease.kernel.lib.Data;
import org.layoutlease.kernel.uapi.Fiemap;

/**
 * The data side of a filesystem: how a regular file's bytes map to blocks. Layout checks
 * (lease breaks, busy pages) happen before these are called; these just change the layout.
 */
public interface FileStore {

    /** Sets up a new regular file of {@code size} bytes, preallocated and zeroed unless sparse. */
    void initFile(Inode inode, long size, boolean sparse);

    Data read(Inode inode, long offset, long length);

    /** Writes, allocating blocks for holes and copying shared blocks first (COW). */
    void write(Inode inode, long offset, Data data);

    /** Changes i_size; shrinking frees the blocks past the new end. */
    void setSize(Inode inode, long newSize);

    /** fallocate(2) after the VFS checks: allocate, punch, zero, collapse or insert. */
    void fallocate(Inode inode, int mode, long offset, long length);

    /** FICLONE: {@code dst} becomes a reflinked copy of {@code src}. */
    void cloneFrom(Inode dst, Inode src);

    Fiemap fiemap(Inode inode, long start, long length);

    /** SEEK_DATA: the first data offset at or after {@code offset}, or -1. */
    long seekData(Inode inode, long offset);

    /** SEEK_HOLE: the first hole offset at or after {@code offset} (i_size counts as a hole). */
    long seekHole(Inode inode, long offset);

    /** st_blocks in 512-byte units. */
    long blocks512(Inode inode);

    /** The inode's last link and last open are gone: free its blocks. */
    void evict(Inode inode);
}
