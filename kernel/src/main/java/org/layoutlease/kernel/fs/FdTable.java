package org.layoutlease.kernel.fs;

import java.util.ArrayList;
import java.util.List;
import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.SysErr;

/**
 * A descriptor table (struct files_struct). New descriptors take the lowest free number; a
 * blocked open has already reserved its number (get_unused_fd_flags), so others skip it.
 */
public final class FdTable {
    /** RLIMIT_NOFILE's usual soft limit. */
    public static final int MAX_FDS = 1024;
    private static final File RESERVED = null;

    /** Slots in use so far: the arrays grow to MAX_FDS on demand, as few processes open many files. */
    private static final int INITIAL_SLOTS = 8;

    private File[] files = new File[INITIAL_SLOTS];
    private boolean[] reserved = new boolean[INITIAL_SLOTS];
    private boolean[] cloexec = new boolean[INITIAL_SLOTS];
    private int shareCount = 1;
    /** One past the highest slot ever filled: scans stop there (no open fd lies beyond it). */
    private int highWater;

    /** The lowest free descriptor at or above {@code min}, reserved for the caller; EMFILE if none. */
    public int reserve(int min, boolean closeOnExec) {
        for (int fd = Math.max(min, 0); fd < MAX_FDS; fd++) {
            if (fd >= files.length) {
                grow(fd);
            }
            if (files[fd] == RESERVED && !reserved[fd]) {
                reserved[fd] = true;
                cloexec[fd] = closeOnExec;
                return fd;
            }
        }
        throw SysErr.of(Errno.EMFILE);
    }

    /** Makes slot {@code fd} (below MAX_FDS) exist; slots beyond the arrays are free and not close-on-exec. */
    private void grow(int fd) {
        assert fd < MAX_FDS : fd;
        int n = Math.min(MAX_FDS, Math.max(fd + 1, files.length * 2));
        files = java.util.Arrays.copyOf(files, n);
        reserved = java.util.Arrays.copyOf(reserved, n);
        cloexec = java.util.Arrays.copyOf(cloexec, n);
    }

    /** fd_install: the reserved slot now refers to {@code f} (the table takes the caller's reference). */
    public void install(int fd, File f) {
        assert reserved[fd] && files[fd] == null : "install into an unreserved slot " + fd;
        reserved[fd] = false;
        files[fd] = f;
        highWater = Math.max(highWater, fd + 1);
    }

    /** put_unused_fd: a reserved number is given back (the open failed). */
    public void unreserve(int fd) {
        assert reserved[fd];
        reserved[fd] = false;
        cloexec[fd] = false;
    }

    /** The file at {@code fd}, or EBADF. */
    public File get(int fd) {
        File f = fd >= 0 && fd < files.length ? files[fd] : null;
        if (f == null) {
            throw SysErr.of(Errno.EBADF);
        }
        return f;
    }

    public File getOrNull(int fd) {
        return fd >= 0 && fd < files.length ? files[fd] : null;
    }

    /** Removes {@code fd} and returns its file; the caller drops the table's reference. */
    public File remove(int fd) {
        File f = get(fd);
        files[fd] = null;
        cloexec[fd] = false;
        return f;
    }

    /** Puts {@code f} at exactly {@code fd} (dup2); returns the file it replaced, or null. */
    public File replace(int fd, File f, boolean closeOnExec) {
        if (fd < 0 || fd >= MAX_FDS) {
            throw SysErr.of(Errno.EBADF);
        }
        if (fd >= files.length) {
            grow(fd);
        }
        if (reserved[fd]) {
            // Linux returns EBUSY when dup2 targets a number an in-progress open reserved.
            throw SysErr.of(Errno.EBUSY);
        }
        File old = files[fd];
        files[fd] = f;
        cloexec[fd] = closeOnExec;
        highWater = Math.max(highWater, fd + 1);
        return old;
    }

    public boolean isCloexec(int fd) {
        get(fd);
        return cloexec[fd];
    }

    public void setCloexec(int fd, boolean on) {
        get(fd);
        cloexec[fd] = on;
    }

    /** Open descriptors in ascending order. */
    public List<Integer> openFds() {
        List<Integer> out = new ArrayList<>();
        for (int fd = 0; fd < highWater; fd++) {
            if (files[fd] != null) {
                out.add(fd);
            }
        }
        return out;
    }

    /** The lowest descriptor of this table that refers to {@code f}, or -1. */
    public int fdOf(File f) {
        for (int fd = 0; fd < highWater; fd++) {
            if (files[fd] == f) {
                return fd;
            }
        }
        return -1;
    }

    /** A copy for fork: same struct files, each with one more reference. */
    public FdTable copyForFork() {
        FdTable t = new FdTable();
        if (highWater > t.files.length) {
            t.grow(highWater - 1);
        }
        for (int fd = 0; fd < highWater; fd++) {
            if (files[fd] != null) {
                t.files[fd] = files[fd].get();
                t.cloexec[fd] = cloexec[fd];
            }
        }
        t.highWater = highWater;
        return t;
    }

    /** No descriptor at or above this is open (read-only: lets the explorer's state hash stop early). */
    public int highWater() {
        return highWater;
    }

    public void share() {
        shareCount++;
    }

    /** Drops a sharer (a thread); returns true when the last sharer is gone. */
    public boolean unshare() {
        return --shareCount == 0;
    }
}
