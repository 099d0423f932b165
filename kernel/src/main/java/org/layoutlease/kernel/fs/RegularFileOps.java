package org.layoutlease.kernel.fs;

import org.layoutlease.kernel.Kernel;
import org.layoutlease.kernel.Subsystems;
import org.layoutlease.kernel.lib.Data;
import org.layoutlease.kernel.sched.Task;

/** The file operations of a regular file: reads and writes through its filesystem's store. */
public final class RegularFileOps implements FileOperations {
    private final Subsystems sub;

    public RegularFileOps(Subsystems sub) {
        this.sub = sub;
    }

    @Override
    public Data read(Kernel k, Task t, File f, long offset, long len) {
        Inode i = f.inode();
        if (i.procContent != null) {
            Data all = Data.latin1(i.procContent.get());
            long n = Math.max(0, Math.min(len, all.length() - offset));
            return all.slice(Math.min(offset, all.length()), n);
        }
        return sub.store(i).read(i, offset, len);
    }

    @Override
    public long write(Kernel k, Task t, File f, long offset, Data data) {
        Inode i = f.inode();
        if (i.procContent != null) {
            throw org.layoutlease.kernel.uapi.SysErr.of(org.layoutlease.kernel.uapi.Errno.EINVAL);
        }
        sub.store(i).write(i, offset, data);
        return data.length();
    }
}
