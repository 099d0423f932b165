package org.layoutlease.kernel.fs;

import java.util.LinkedHashMap;
import java.util.Map;
import org.layoutlease.kernel.uapi.Uapi;

/**
 * An inode (struct inode). Open counts follow Linux: {@code readCount} counts read-only struct
 * files ({@code i_readcount}); {@code writeCount} counts writable ones and goes negative while
 * the file is being executed ({@code i_writecount}, deny_write_access).
 */
public final class Inode {
    /** i_ino; an int, which keeps an Inode at 80 bytes (the constructor refuses larger numbers). */
    private final int ino;
    private final Mount mount;
    public int mode;
    public int uid;
    public int gid;
    public int nlink = 1;
    public long size;
    public int readCount;
    public int writeCount;
    /** Directory entries, for directories only: looked up by hash, iterated in name order. */
    public final DirEntries children;
    /** The file_lock_context (i_flctx): leases live here; null until the first lease. */
    public org.layoutlease.kernel.fs.locks.FileLockContext lockContext;
    /** Filesystem-private data: the extent map of a regular file, a pipe, a device. */
    public Object fsPrivate;
    /**
     * Extended attributes in the order they were first set. Read-only and shared while empty
     * (almost every inode has none); {@link #xattrsForUpdate} gives the inode its own map.
     */
    public Map<String, byte[]> xattrs = Map.of();
    /** Open operations for device nodes and special files; regular files use their filesystem's. */
    public FileOperations fops;
    /** For procfs files: renders the content at read time. */
    public java.util.function.Supplier<String> procContent;
    /** An extra open check (the ptrace-read check of /proc/{pid}/file_pins); throws SysErr. */
    public java.util.function.Consumer<org.layoutlease.kernel.sched.Cred> openCheck;

    public Inode(long ino, Mount mount, int mode, int uid, int gid) {
        if (ino < 0 || ino > Integer.MAX_VALUE) {
            throw new IllegalStateException("inode number " + ino + " beyond the model's limit of 2^31 - 1");
        }
        this.ino = (int) ino;
        this.mount = mount;
        this.mode = mode;
        this.uid = uid;
        this.gid = gid;
        this.children = isDirectory() ? new DirEntries() : null;
    }

    /** The inode's own, writable xattr map, allocated on the first set. */
    public Map<String, byte[]> xattrsForUpdate() {
        if (!(xattrs instanceof LinkedHashMap)) {
            assert xattrs.isEmpty() : "a shared xattr map with entries";
            xattrs = new LinkedHashMap<>();
        }
        return xattrs;
    }

    public long ino() {
        return ino;
    }

    public Mount mount() {
        return mount;
    }

    public int type() {
        return mode & Uapi.S_IFMT;
    }

    public boolean isRegular() {
        return type() == Uapi.S_IFREG;
    }

    public boolean isDirectory() {
        return type() == Uapi.S_IFDIR;
    }

    public boolean isFifo() {
        return type() == Uapi.S_IFIFO;
    }

    public boolean isCharDevice() {
        return type() == Uapi.S_IFCHR;
    }

    public int permissionBits() {
        return mode & 07777;
    }

    @Override
    public String toString() {
        return "inode " + mount.devString() + ":" + ino;
    }
}
