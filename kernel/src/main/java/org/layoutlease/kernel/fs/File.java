package org.layoutlease.kernel.fs;

import org.layoutlease.kernel.uapi.Uapi;

/**
 * An open file description (struct file). Descriptors, dup'd descriptors, fork children,
 * SCM_RIGHTS receivers, memory mappings and file pins all hold references; the last
 * {@code fput} releases it, which is where leases end (locks_remove_file).
 */
public final class File {
    public static final int FMODE_READ = 1;
    public static final int FMODE_WRITE = 2;
    public static final int FMODE_PATH = 4;

    private final long id;
    private final Inode inode;
    /** The path it was opened by; null while {@link #dirPart} and {@link #namePart} hold it. */
    private String path;
    /** The path before its last slash, a string shared with the directory's other open files. */
    private String dirPart;
    /** The last component, the directory entry's own name string. */
    private String namePart;
    /** f_flags as F_GETFL reports them (O_LARGEFILE included, creation flags removed). */
    public int flags;
    private final int fmode;
    public long pos;
    private int refCount = 1;
    public final FOwner owner = new FOwner();
    public final FileOperations fops;
    /** Subsystem data: a pipe end, a socket, an RDMA context. */
    public Object privateData;
    /** The tgid that opened it: the process whose fd numbers fasync entries name. */
    public final int openerTgid;

    public File(long id, Inode inode, String path, int flags, int fmode, FileOperations fops, int openerTgid) {
        this.id = id;
        this.inode = inode;
        this.path = path;
        this.flags = flags;
        this.fmode = fmode;
        this.fops = fops;
        this.openerTgid = openerTgid;
    }

    public long id() {
        return id;
    }

    public Inode inode() {
        return inode;
    }

    public String path() {
        String p = path;
        if (p == null) {
            // Built on first use (/proc, lease texts, the explorer's hash) and kept from then on.
            p = dirPart + "/" + namePart;
            path = p;
        }
        return p;
    }

    /** Holds the path as two shared strings instead of its own; see Vfs.sharePath. */
    void sharePath(String dir, String name) {
        assert path != null && path.length() == dir.length() + 1 + name.length() && path.startsWith(dir)
            && path.charAt(dir.length()) == '/' && path.endsWith(name) : path + " is not " + dir + "/" + name;
        dirPart = dir;
        namePart = name;
        path = null;
    }

    public int fmode() {
        return fmode;
    }

    public boolean canRead() {
        return (fmode & FMODE_READ) != 0;
    }

    public boolean canWrite() {
        return (fmode & FMODE_WRITE) != 0;
    }

    public boolean isPath() {
        return (fmode & FMODE_PATH) != 0;
    }

    public boolean isAsync() {
        return (flags & Uapi.O_ASYNC) != 0;
    }

    public int refCount() {
        return refCount;
    }

    /** get_file(). */
    public File get() {
        assert refCount > 0 : "get_file on a released file";
        refCount++;
        return this;
    }

    /** Drops one reference; true when it was the last. Only {@code Kernel.fput} calls this. */
    public boolean put() {
        assert refCount > 0 : "fput on a released file";
        return --refCount == 0;
    }

    @Override
    public String toString() {
        return "file#" + id + "(" + path() + ")";
    }
}
