package org.layoutlease.kernel.fs.locks;

import java.util.List;
import org.layoutlease.kernel.Kernel;
import org.layoutlease.kernel.NotImplemented;
import org.layoutlease.kernel.Wait;
import org.layoutlease.kernel.fs.File;
import org.layoutlease.kernel.fs.Inode;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.uapi.SysResult;

/** File leases (fs/locks.c). Placeholder until the lease model lands. */
public final class Leases implements LeaseOps {
    private final Kernel kernel;

    public Leases(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public boolean hasLeases(Inode inode) {
        return false;
    }

    @Override
    public Wait breakLease(Task breaker, Inode inode, int openFlags) {
        return Wait.NONE;
    }

    @Override
    public void fileReleased(File f) {
    }

    @Override
    public SysResult setLease(Task t, int fd, File f, long arg) {
        throw new NotImplemented("fcntl(F_SETLEASE)");
    }

    @Override
    public SysResult getLease(Task t, File f) {
        throw new NotImplemented("fcntl(F_GETLEASE)");
    }

    @Override
    public List<String> procLocks() {
        return List.of();
    }

    @Override
    public List<String> fdinfoLocks(File f) {
        return List.of();
    }
}
