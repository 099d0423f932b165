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
    /**
     * The path it was opened by; or, while {@link #dirPart} is set, only its last component (the
     * directory entry's own name string). A kernel runs on one thread, so path() may rebuild it.
     */
    private String path;
    /** The path before its last slash, a string shared with the directory's other open files; or null. */
    private String dirPart;
    /** f_flags as F_GETFL reports them (O_LARGEFILE included, creation flags removed). */
    public int flags;
    public long pos;
    /**
     * The reference count above {@link #MODE_BITS} bits of f_mode: one int for both keeps a
     * File at 64 bytes, which counts with a million open files.
     */
    private int refsAndMode;
    private static final int MODE_BITS = 3;
    private static final int ONE_REF = 1 << MODE_BITS;
    /** Replaced, never mutated: files with the same owner share one (see {@link FOwner}). */
    public FOwner owner = FOwner.NONE;
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
        assert (fmode & ~(ONE_REF - 1)) == 0 : "f_mode " + fmode;
        this.refsAndMode = ONE_REF | fmode;
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
        if (dirPart != null) {
            // Built on first use (/proc, lease texts, the explorer's hash) and kept from then on.
            path = dirPart + "/" + path;
            dirPart = null;
        }
        return path;
    }

    /** Holds the path as two shared strings instead of its own; see Vfs.sharePath. */
    void sharePath(String dir, String name) {
        assert dirPart == null && path.length() == dir.length() + 1 + name.length() && path.startsWith(dir)
            && path.charAt(dir.length()) == '/' && path.endsWith(name) : path + " is not " + dir + "/" + name;
        dirPart = dir;
        path = name;
    }

    public int fmode() {
        return refsAndMode & (ONE_REF - 1);
    }

    public boolean canRead() {
        return (fmode() & FMODE_READ) != 0;
    }

    public boolean canWrite() {
        return (fmode() & FMODE_WRITE) != 0;
    }

    public boolean isPath() {
        return (fmode() & FMODE_PATH) != 0;
    }

    public boolean isAsync() {
        return (flags & Uapi.O_ASYNC) != 0;
    }

    public int refCount() {
        return refsAndMode >>> MODE_BITS;
    }

    /** get_file(). */
    public File get() {
        assert refCount() > 0 : "get_file on a released file";
        assert refsAndMode + ONE_REF > 0 : "reference count overflow";
        refsAndMode += ONE_REF;
        return this;
    }

    /** Drops one reference; true when it was the last. Only {@code Kernel.fput} calls this. */
    public boolean put() {
        assert refCount() > 0 : "fput on a released file";
        refsAndMode -= ONE_REF;
        return refCount() == 0;
    }

    @Override
    public String toString() {
        return "file#" + id + "(" + path() + ")";
    }
}
