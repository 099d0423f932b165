package org.layoutlease.kernel.fs;

import org.layoutlease.kernel.Kernel;
import org.layoutlease.kernel.lib.Data;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.SysErr;
import org.layoutlease.kernel.uapi.SysResult;

/** A file's operations (struct file_operations). Defaults are the VFS's answers for "not supported". */
public interface FileOperations {

    /** Reads up to {@code len} bytes at {@code offset}; may block by returning null after sleeping. */
    default Data read(Kernel k, Task t, File f, long offset, long len) {
        throw SysErr.of(Errno.EINVAL);
    }

    /** Writes {@code data} at {@code offset}; returns the count written. */
    default long write(Kernel k, Task t, File f, long offset, Data data) {
        throw SysErr.of(Errno.EINVAL);
    }

    default SysResult ioctl(Kernel k, Task t, File f, long cmd, Object arg) {
        return SysResult.err(Errno.ENOTTY);
    }

    /** The last reference to the struct file is gone (f_op->release). */
    default void release(Kernel k, File f) {
    }

    /** Whether lseek works on this file (pipes and sockets: ESPIPE). */
    default boolean seekable() {
        return true;
    }
}
