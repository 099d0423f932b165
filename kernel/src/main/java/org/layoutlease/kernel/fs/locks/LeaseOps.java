package org.layoutlease.kernel.fs.locks;

import java.util.List;
import org.layoutlease.kernel.Wait;
import org.layoutlease.kernel.fs.File;
import org.layoutlease.kernel.fs.Inode;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.uapi.SysResult;

/** What the VFS asks of the lease code (the fs/locks.c entry points it calls). */
public interface LeaseOps {

    /** The inline break_lease() fast path: does this inode have any lease at all? */
    boolean hasLeases(Inode inode);

    /**
     * break_lease(inode, mode) for an open, truncate(2) or execve: starts the break and returns
     * the wait loop of __break_lease (Wait.NONE when nothing conflicts). {@code openFlags} gives
     * the access mode and O_NONBLOCK.
     */
    Wait breakLease(Task breaker, Inode inode, int openFlags);

    /** locks_remove_file(): the last reference to {@code f} is gone. */
    void fileReleased(File f);

    /** fcntl(F_SETLEASE). */
    SysResult setLease(Task t, int fd, File f, long arg);

    /** fcntl(F_GETLEASE). */
    SysResult getLease(Task t, File f);

    /** The /proc/locks lines (without trailing newline). */
    List<String> procLocks();

    /** Leases still present (invariant {@code leak}, checked once every process is gone). */
    default List<String> leaks() {
        return List.of();
    }

    /** The {@code lock:} lines of /proc/{pid}/fdinfo/{fd} for this open file (the text after "lock:\t"). */
    List<String> fdinfoLocks(File f);

    /**
     * Read-only, for the interleaving explorer's state hash: feeds every lease's complete state
     * (type, flags, owner, deadlines, notification state, fasync fd, its file and the breakers
     * blocked behind it) to {@code sink}, newest first. {@code fileId} names a struct file.
     */
    default void digest(java.util.function.LongConsumer sink, java.util.function.ToLongFunction<File> fileId) {
    }

    /**
     * Read-only, for the interleaving explorer: the earliest break or downgrade deadline later
     * than {@code nowNanos} (expiry is lazy, so no timer marks it), or -1 when there is none.
     */
    default long nextDeadlineAfter(long nowNanos) {
        return -1;
    }
}
