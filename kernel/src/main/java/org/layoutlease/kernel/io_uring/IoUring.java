package org.layoutlease.kernel.io_uring;

import static org.layoutlease.kernel.uapi.Uapi.*;

import org.layoutlease.kernel.Kernel;
import org.layoutlease.kernel.fs.Devices;
import org.layoutlease.kernel.fs.File;
import org.layoutlease.kernel.fs.Inode;
import org.layoutlease.kernel.fs.FdTable;
import org.layoutlease.kernel.mm.Gup;
import org.layoutlease.kernel.mm.PinnedPages;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.SysErr;
import org.layoutlease.kernel.uapi.SysResult;

/**
 * io_uring (io_uring/io_uring.c, rsrc.c) as a long-term pinner that is not RDMA: registered
 * ("fixed") buffers are pinned with FOLL_WRITE|FOLL_LONGTERM and no vaddr_pin token, so v2
 * refuses them on FS-DAX even under an exclusive lease (SYSTEM.md §2.8, §4 scenario 31). The
 * ring's open file owns the pins; its last fput releases them.
 */
public final class IoUring {
    /** IORING_MAX_ENTRIES. */
    public static final int MAX_ENTRIES = 32768;

    /** The ring behind one io_uring file. */
    private static final class Ring {
        PinnedPages buffers;
    }

    private final Kernel k;
    private final Gup gup;
    private final Devices.Driver fops = new Devices.Driver() {
        @Override
        public void release(Kernel kernel, File f) {
            if (f.privateData instanceof Ring r && r.buffers != null) {
                gup.unpin(r.buffers);
                r.buffers = null;
            }
        }

        @Override
        public boolean seekable() {
            return false;
        }
    };

    public IoUring(Kernel k, Gup gup) {
        this.k = k;
        this.gup = gup;
    }

    /** io_uring_setup(entries): a new ring on an anonymous inode. */
    public SysResult setup(Task t, int entries) {
        if (entries <= 0 || entries > MAX_ENTRIES) {
            throw SysErr.of(Errno.EINVAL);
        }
        FdTable ft = t.group().files;
        int fd = ft.reserve(0, false);
        Inode anon = new Inode(k.sub().pipeIno(), k.vfs.rootMount(), S_IFREG | 0600, 0, 0);
        File f = k.newFile(anon, "anon_inode:[io_uring]", O_RDWR | O_LARGEFILE, File.FMODE_READ | File.FMODE_WRITE,
            fops, t.tgid());
        f.privateData = new Ring();
        ft.install(fd, f);
        return SysResult.ok(fd);
    }

    /** io_uring_register(fd, IORING_(UN)REGISTER_BUFFERS, addr, len): one buffer, pinned long-term. */
    public SysResult register(Task t, int fd, int opcode, long addr, long len) {
        File f = t.group().files.get(fd);
        if (!(f.privateData instanceof Ring r)) {
            throw SysErr.of(Errno.EOPNOTSUPP);
        }
        switch (opcode) {
            case IORING_REGISTER_BUFFERS -> {
                if (r.buffers != null) {
                    throw SysErr.of(Errno.EBUSY);
                }
                r.buffers = gup.pin(t.group(), addr, len, Gup.FOLL_WRITE | Gup.FOLL_LONGTERM, null,
                    t.group().name() + "'s io_uring buffers");
            }
            case IORING_UNREGISTER_BUFFERS -> {
                if (r.buffers == null) {
                    throw SysErr.of(Errno.ENXIO);
                }
                gup.unpin(r.buffers);
                r.buffers = null;
            }
            default -> throw SysErr.of(Errno.EINVAL);
        }
        return SysResult.ok(0);
    }
}
