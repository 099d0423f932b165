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

    private final File[] files = new File[MAX_FDS];
    private final boolean[] reserved = new boolean[MAX_FDS];
    private final boolean[] cloexec = new boolean[MAX_FDS];
    private int shareCount = 1;
    /** One past the highest slot ever filled: scans stop there (no open fd lies beyond it). */
    private int highWater;

    /** The lowest free descriptor at or above {@code min}, reserved for the caller; EMFILE if none. */
    public int reserve(int min, boolean closeOnExec) {
        for (int fd = Math.max(min, 0); fd < MAX_FDS; fd++) {
            if (files[fd] == RESERVED && !reserved[fd]) {
                reserved[fd] = true;
                cloexec[fd] = closeOnExec;
                return fd;
            }
        }
        throw SysErr.of(Errno.EMFILE);
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
        File f = fd >= 0 && fd < MAX_FDS ? files[fd] : null;
        if (f == null) {
            throw SysErr.of(Errno.EBADF);
        }
        return f;
    }

    public File getOrNull(int fd) {
        return fd >= 0 && fd < MAX_FDS ? files[fd] : null;
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
        for (int fd = 0; fd < MAX_FDS; fd++) {
            if (files[fd] != null) {
                out.add(fd);
            }
        }
        return out;
    }

    /** The lowest descriptor of this table that refers to {@code f}, or -1. */
    public int fdOf(File f) {
        for (int fd = 0; fd < MAX_FDS; fd++) {
            if (files[fd] == f) {
                return fd;
            }
        }
        return -1;
    }

    /** A copy for fork: same struct files, each with one more reference. */
    public FdTable copyForFork() {
        FdTable t = new FdTable();
        for (int fd = 0; fd < MAX_FDS; fd++) {
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
