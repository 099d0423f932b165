package org.layoutlease.kernel.fs;

import org.layoutlease.kernel.Kernel;
import org.layoutlease.kernel.lib.Data;
import org.layoutlease.kernel.sched.Task;

/** Character-device drivers: the file operations behind a device node, plus an open hook. */
public final class Devices {

    /** A driver's file operations and its f_op->open. */
    public interface Driver extends FileOperations {
        /** Called after the VFS has created the struct file (sets private data). */
        default void open(Kernel k, Task t, File f) {
        }
    }

    /** /dev/null: reads see end of file, writes vanish (drivers/char/mem.c). */
    public static final Driver NULL = new Driver() {
        @Override
        public Data read(Kernel k, Task t, File f, long offset, long len) {
            return Data.zeros(0);
        }

        @Override
        public long write(Kernel k, Task t, File f, long offset, Data data) {
            return data.length();
        }
    };

    private final Kernel kernel;

    public Devices(Kernel kernel) {
        this.kernel = kernel;
    }

    /** The VFS opened {@code f}; run its driver's open hook if it is a device. */
    public void opened(Task t, File f) {
        if (f.inode().isCharDevice() && f.fops instanceof Driver d) {
            d.open(kernel, t, f);
        }
    }
}
