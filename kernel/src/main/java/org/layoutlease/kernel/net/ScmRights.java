package org.layoutlease.kernel.net;

import org.layoutlease.kernel.Kernel;
import org.layoutlease.kernel.fs.FdTable;
import org.layoutlease.kernel.fs.File;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.sched.ThreadGroup;
import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.SysErr;
import org.layoutlease.kernel.uapi.SysResult;

/**
 * Descriptor passing over a unix socket (net/core/scm.c): the receiver gets a new descriptor
 * for the same struct file, so leases and RDMA contexts travel with it.
 */
public final class ScmRights {
    private final Kernel kernel;

    public ScmRights(Kernel kernel) {
        this.kernel = kernel;
    }

    /** Passes {@code fd} of the caller to process {@code receiver}; returns the receiver's new fd. */
    public SysResult pass(Task sender, int fd, ThreadGroup receiver) {
        File f = sender.group().files.get(fd);
        if (receiver == null || !receiver.isAlive()) {
            throw SysErr.of(Errno.ESRCH);
        }
        FdTable ft = receiver.files;
        int nfd = ft.reserve(0, false);
        ft.install(nfd, f.get());
        return SysResult.ok(nfd);
    }
}
