package org.layoutlease.kernel.fs;

import static org.layoutlease.kernel.uapi.Uapi.*;

import java.util.List;
import org.layoutlease.kernel.Kernel;
import org.layoutlease.kernel.Wait;
import org.layoutlease.kernel.fs.locks.LeaseOps;
import org.layoutlease.kernel.lib.Data;
import org.layoutlease.kernel.sched.Cred;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.sched.ThreadGroup;
import org.layoutlease.kernel.uapi.Capabilities;
import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.Fiemap;
import org.layoutlease.kernel.uapi.Stat;
import org.layoutlease.kernel.uapi.SysErr;
import org.layoutlease.kernel.uapi.SysResult;

/**
 * File and descriptor system calls (fs/open.c, fs/read_write.c, fs/namei.c, fs/stat.c and
 * friends). Every call that can block is written as a wait loop ({@link Wait}) followed by the
 * action, so a lease break or a busy page suspends it exactly where Linux sleeps.
 */
public final class FsCalls {
    /** Every process's umask: the model has no umask(2), so it is Linux's usual 022. */
    public static final int UMASK = 022;
    /** s_maxbytes of the modelled filesystems. */
    public static final long MAX_FILE_SIZE = 1L << 50;

    private final Kernel k;
    private final Devices devices;

    public FsCalls(Kernel k, Devices devices) {
        this.k = k;
        this.devices = devices;
    }

    private LeaseOps leases() {
        return k.sub().leases();
    }

    private LayoutBreaker layout() {
        return k.sub().layout();
    }

    private static Cred cred(Task t) {
        return t.group().cred;
    }

    /** /proc/self names the caller's /proc/{tgid}. */
    public static String resolveSelf(Task t, String path) {
        if (path.equals("/proc/self") || path.startsWith("/proc/self/")) {
            return "/proc/" + t.tgid() + path.substring("/proc/self".length());
        }
        return path;
    }

    // ------------------------------------------------------------------ open

    public SysResult open(Task t, String path, int flags, int mode) {
        ThreadGroup g = t.group();
        int fd = g.files.reserve(0, (flags & O_CLOEXEC) != 0);
        File f;
        try {
            f = openFile(t, resolveSelf(t, path), flags, mode);
        } catch (SysErr e) {
            g.files.unreserve(fd);
            throw e;
        }
        Wait wait = openWait(t, f, flags);
        if (wait == Wait.NONE) {
            // What waitThen does when there is nothing to wait for, without building its closures.
            g.files.install(fd, f);
            return SysResult.ok(fd);
        }
        Runnable undo = () -> {
            g.files.unreserve(fd);
            k.fput(f);
        };
        return k.waitThen(t, "open", wait, () -> {
            g.files.install(fd, f);
            return SysResult.ok(fd);
        }, undo);
    }

    /** The waits of an open after do_dentry_open: break_lease, FIFO partner, then O_TRUNC's truncate. */
    private Wait openWait(Task t, File f, int flags) {
        Inode inode = f.inode();
        if (f.isPath()) {
            return Wait.NONE;
        }
        Wait w = leases().hasLeases(inode) ? leases().breakLease(t, inode, flags) : Wait.NONE;
        if (inode.isFifo()) {
            w = Wait.sequence(w, fifoPartnerWait(f, flags));
        }
        if ((flags & O_TRUNC) != 0 && inode.isRegular()) {
            w = Wait.sequence(w, lazy(() -> truncateWait(t, inode, 0)));
            w = Wait.sequence(w, timedOut -> {
                setSize(inode, 0);
                return Wait.DONE;
            });
        }
        return w;
    }

    private static Wait lazy(java.util.function.Supplier<Wait> make) {
        return new Wait() {
            private Wait inner;

            @Override
            public Step step(boolean timedOut) {
                if (inner == null) {
                    inner = make.get();
                }
                return inner.step(timedOut);
            }

            @Override
            public void cancel() {
                if (inner != null) {
                    inner.cancel();
                }
            }
        };
    }

    private Wait fifoPartnerWait(File f, int flags) {
        Pipe p = (Pipe) f.inode().fsPrivate;
        return timedOut -> {
            boolean needWriter = f.canRead() && !f.canWrite();
            boolean needReader = f.canWrite() && !f.canRead();
            if ((needWriter && p.writers == 0) || (needReader && p.readers == 0)) {
                if ((flags & O_NONBLOCK) != 0) {
                    return needReader ? new Wait.Fail(Errno.ENXIO) : Wait.DONE;
                }
                return new Wait.Sleep(p.wait, -1);
            }
            return Wait.DONE;
        };
    }

    /** Path walk, creation, permission checks and do_dentry_open's counting. */
    File openFile(Task t, String path, int flags, int mode) {
        Cred c = cred(t);
        int acc = flags & O_ACCMODE;
        if ((flags & O_PATH) != 0) {
            Inode inode = k.vfs.lookup(c, path);
            if ((flags & O_DIRECTORY) != 0 && !inode.isDirectory()) {
                throw SysErr.of(Errno.ENOTDIR);
            }
            int kept = flags & (O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            return k.newFile(inode, Vfs.canonical(path), kept & ~O_CLOEXEC, File.FMODE_PATH,
                new FileOperations() { }, t.tgid());
        }
        if (acc == O_ACCMODE || (flags & (O_CREAT | O_DIRECTORY)) == (O_CREAT | O_DIRECTORY)) {
            throw SysErr.of(Errno.EINVAL);
        }
        Vfs.Entry found = lookupForOpen(t, path, flags, mode);
        Inode inode = found.inode();
        if ((flags & O_DIRECTORY) != 0 && !inode.isDirectory()) {
            throw SysErr.of(Errno.ENOTDIR);
        }
        if (inode.isDirectory() && (acc != O_RDONLY || (flags & (O_TRUNC | O_CREAT)) != 0)) {
            throw SysErr.of(Errno.EISDIR);
        }
        int may = (acc == O_RDONLY ? Vfs.MAY_READ : 0) | (acc == O_WRONLY ? Vfs.MAY_WRITE : 0)
            | (acc == O_RDWR ? Vfs.MAY_READ | Vfs.MAY_WRITE : 0) | ((flags & O_TRUNC) != 0 ? Vfs.MAY_WRITE : 0);
        Vfs.permission(c, inode, may);
        if (inode.openCheck != null) {
            inode.openCheck.accept(c);
        }
        int fmode = (acc == O_RDONLY ? File.FMODE_READ : 0) | (acc == O_WRONLY ? File.FMODE_WRITE : 0)
            | (acc == O_RDWR ? File.FMODE_READ | File.FMODE_WRITE : 0);
        if (inode.isRegular() && (fmode & File.FMODE_WRITE) != 0 && inode.writeCount < 0) {
            throw SysErr.of(Errno.ETXTBSY);
        }
        int fileFlags = (flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC)) | O_LARGEFILE;
        FileOperations fops = fopsFor(inode);
        String canonical = Vfs.canonical(path);
        File f = k.newFile(inode, canonical, fileFlags, fmode, fops, t.tgid());
        Vfs.sharePath(f, canonical, found);
        countOpen(f);
        devices.opened(t, f);
        return f;
    }

    private Vfs.Entry lookupForOpen(Task t, String path, int flags, int mode) {
        Cred c = cred(t);
        if ((flags & O_CREAT) == 0) {
            return k.vfs.lookupEntry(c, path);
        }
        Vfs.Parent p = k.vfs.parent(c, path);
        if (p.name() == null) {
            throw SysErr.of(Errno.EISDIR);
        }
        Inode existing = Vfs.child(p.dir(), p.name());
        if (existing != null) {
            if ((flags & O_EXCL) != 0) {
                throw SysErr.of(Errno.EEXIST);
            }
            return k.vfs.lookupEntry(c, path);
        }
        Vfs.permission(c, p.dir(), Vfs.MAY_WRITE | Vfs.MAY_EXEC);
        Inode i = Vfs.create(p.dir(), p.name(), S_IFREG | (mode & 07777 & ~UMASK), c.fsuid, c.fsgid);
        k.sub().store(i).initFile(i, 0, true);
        return new Vfs.Entry(i, p.dir(), p.name());
    }

    private FileOperations fopsFor(Inode inode) {
        if (inode.fops != null) {
            return inode.fops;
        }
        if (inode.isFifo()) {
            return new Pipe.Ops((Pipe) inode.fsPrivate);
        }
        if (inode.isRegular()) {
            return k.sub().regularOps();
        }
        return new FileOperations() { };
    }

    /** do_dentry_open's i_readcount/i_writecount accounting, and FIFO ends. */
    private void countOpen(File f) {
        Inode i = f.inode();
        if (i.isFifo()) {
            Pipe p = (Pipe) i.fsPrivate;
            p.readers += f.canRead() ? 1 : 0;
            p.writers += f.canWrite() ? 1 : 0;
            k.scheduler.wakeAll(p.wait);
            return;
        }
        if (!i.isRegular()) {
            return;
        }
        if (f.canWrite()) {
            i.writeCount++;
        } else if (f.canRead()) {
            i.readCount++;
        }
    }

    /** Undoes {@link #countOpen} when the last reference goes. */
    public static void countRelease(File f) {
        Inode i = f.inode();
        if (!i.isRegular() || f.isPath()) {
            return;
        }
        if (f.canWrite()) {
            i.writeCount--;
        } else if (f.canRead()) {
            i.readCount--;
        }
    }

    public SysResult creat(Task t, String path, int mode) {
        return open(t, path, O_CREAT | O_WRONLY | O_TRUNC, mode);
    }

    public SysResult openat(Task t, int dirfd, String path, int flags, int mode) {
        if (!path.startsWith("/") && dirfd != AT_FDCWD) {
            throw SysErr.of(Errno.EBADF);
        }
        return open(t, path.startsWith("/") ? path : "/" + path, flags, mode);
    }

    // ------------------------------------------------------------------ descriptors

    public SysResult close(Task t, int fd) {
        File f = t.group().files.get(fd);
        if (lastCloseMustWait(t, f)) {
            // Dave Chinner's blocking close (SYSTEM.md §3 item 14): interruptible; the descriptor
            // stays open until the wait ends, so an EINTR leaves it (and its lease) in place.
            Wait w = timedOut -> leaseBacksPins(f) ? new Wait.Sleep(k.sub().pins.unpinned, -1) : Wait.DONE;
            return k.waitThen(t, "close", w, () -> {
                k.fput(t.group().files.remove(fd));
                return SysResult.ok(0);
            }, () -> { });
        }
        k.fput(t.group().files.remove(fd));
        return SysResult.ok(0);
    }

    /**
     * The policy's blocking last close: this descriptor holds the last reference to an open file
     * whose layout lease backs pins, and no fatal signal is pending (exit never gets here: it
     * releases descriptors directly).
     */
    private boolean lastCloseMustWait(Task t, File f) {
        if (!k.policy().lastCloseWaitsForPins() || f.refCount() != 1 || !leaseBacksPins(f)) {
            return false;
        }
        long fatal = org.layoutlease.kernel.signal.SigPending.bit(org.layoutlease.kernel.uapi.Signals.SIGKILL);
        return (t.pending.mask() & fatal) == 0 && (t.group().sharedPending.mask() & fatal) == 0;
    }

    private boolean leaseBacksPins(File f) {
        var filePins = k.sub().pins.filePins();
        return filePins != null && filePins.backsPins(f);
    }

    public SysResult dup(Task t, int fd) {
        FdTable ft = t.group().files;
        File f = ft.get(fd);
        int nfd = ft.reserve(0, false);
        ft.install(nfd, f.get());
        return SysResult.ok(nfd);
    }

    public SysResult dup3(Task t, int oldfd, int newfd, int flags, boolean isDup2) {
        FdTable ft = t.group().files;
        if (isDup2 && oldfd == newfd) {
            ft.get(oldfd);
            return SysResult.ok(newfd);
        }
        // ksys_dup3(): flags, then oldfd == newfd, then newfd's range, then oldfd itself.
        if ((flags & ~O_CLOEXEC) != 0 || oldfd == newfd) {
            throw SysErr.of(Errno.EINVAL);
        }
        if (newfd < 0 || newfd >= FdTable.MAX_FDS) {
            throw SysErr.of(Errno.EBADF);
        }
        File f = ft.get(oldfd);
        File old = ft.replace(newfd, f.get(), (flags & O_CLOEXEC) != 0);
        if (old != null) {
            k.fput(old);
        }
        return SysResult.ok(newfd);
    }

    // ------------------------------------------------------------------ read and write

    public SysResult read(Task t, int fd, long count, long offset, boolean positional) {
        File f = t.group().files.get(fd);
        if (f.isPath() || !f.canRead()) {
            throw SysErr.of(Errno.EBADF);
        }
        if (f.inode().isDirectory()) {
            throw SysErr.of(Errno.EISDIR);
        }
        if (count < 0 || (positional && offset < 0)) {
            throw SysErr.of(Errno.EINVAL);
        }
        if (positional && !f.fops.seekable()) {
            throw SysErr.of(Errno.ESPIPE);
        }
        long at = positional ? offset : f.pos;
        Data d = f.fops.read(k, t, f, at, count);
        if (!positional && f.fops.seekable()) {
            f.pos = at + d.length();
        }
        return SysResult.ok(d.length(), d);
    }

    public SysResult write(Task t, int fd, Data data, long count, long offset, boolean positional) {
        File f = t.group().files.get(fd);
        if (f.isPath() || !f.canWrite()) {
            throw SysErr.of(Errno.EBADF);
        }
        if (count < 0 || (positional && offset < 0)) {
            throw SysErr.of(Errno.EINVAL);
        }
        if (positional && !f.fops.seekable()) {
            throw SysErr.of(Errno.ESPIPE);
        }
        Data payload = data.length() > count ? data.slice(0, count) : data;
        Inode inode = f.inode();
        if (!inode.isRegular()) {
            long n = f.fops.write(k, t, f, positional ? offset : f.pos, payload);
            return SysResult.ok(n);
        }
        // O_APPEND wins even over pwrite's offset (a documented Linux bug, pwrite(2) BUGS).
        long at = (f.flags & O_APPEND) != 0 ? inode.size : positional ? offset : f.pos;
        if (at + payload.length() > MAX_FILE_SIZE) {
            throw SysErr.of(Errno.EFBIG);
        }
        Wait w = payload.length() == 0 ? Wait.NONE : layout().beforeWrite(t, inode, at, payload.length());
        return k.waitThen(t, positional ? "pwrite64" : "write", w, () -> {
            long n = f.fops.write(k, t, f, at, payload);
            if (!positional) {
                f.pos = at + n;
            }
            return SysResult.ok(n);
        }, () -> { });
    }

    public SysResult lseek(Task t, int fd, long offset, int whence) {
        File f = t.group().files.get(fd);
        if (f.isPath()) {
            throw SysErr.of(Errno.EBADF);
        }
        if (!f.fops.seekable()) {
            throw SysErr.of(Errno.ESPIPE);
        }
        Inode i = f.inode();
        long pos = switch (whence) {
            case SEEK_SET -> offset;
            case SEEK_CUR -> f.pos + offset;
            case SEEK_END -> i.size + offset;
            case SEEK_DATA, SEEK_HOLE -> seekDataHole(i, offset, whence);
            default -> throw SysErr.of(Errno.EINVAL);
        };
        if (pos < 0) {
            throw SysErr.of(Errno.EINVAL);
        }
        f.pos = pos;
        return SysResult.ok(pos);
    }

    private long seekDataHole(Inode i, long offset, int whence) {
        if (offset < 0 || offset >= i.size) {
            throw SysErr.of(Errno.ENXIO);
        }
        if (!i.isRegular()) {
            return whence == SEEK_DATA ? offset : i.size;
        }
        FileStore s = k.sub().store(i);
        long r = whence == SEEK_DATA ? s.seekData(i, offset) : s.seekHole(i, offset);
        if (r < 0) {
            throw SysErr.of(Errno.ENXIO);
        }
        return Math.min(r, i.size);
    }

    public SysResult fsync(Task t, int fd) {
        File f = t.group().files.get(fd);
        if (f.isPath()) {
            throw SysErr.of(Errno.EBADF);
        }
        if (!f.inode().isRegular() && !f.inode().isDirectory()) {
            throw SysErr.of(Errno.EINVAL);
        }
        return SysResult.ok(0);
    }

    // ------------------------------------------------------------------ stat

    public SysResult stat(Task t, String path) {
        return SysResult.ok(0, statOf(k.vfs.lookup(cred(t), resolveSelf(t, path))));
    }

    public SysResult fstat(Task t, int fd) {
        return SysResult.ok(0, statOf(t.group().files.get(fd).inode()));
    }

    private Stat statOf(Inode i) {
        Mount m = i.mount();
        long blocks = i.isRegular() && i.mount().storage != null ? k.sub().store(i).blocks512(i) : 0;
        return new Stat(((long) m.devMajor() << 8) | m.devMinor(), i.ino(), i.mode, i.nlink, i.uid, i.gid,
            i.isRegular() ? i.size : (i.isDirectory() ? 4096 : 0), blocks);
    }

    // ------------------------------------------------------------------ size and layout changes

    /** truncate(2): breaks leases (vfs_truncate), then the filesystem's layout breaks. */
    public SysResult truncate(Task t, String path, long length) {
        Cred c = cred(t);
        Inode i = k.vfs.lookup(c, resolveSelf(t, path));
        if (i.isDirectory()) {
            throw SysErr.of(Errno.EISDIR);
        }
        if (!i.isRegular()) {
            throw SysErr.of(Errno.EINVAL);
        }
        Vfs.permission(c, i, Vfs.MAY_WRITE);
        if (length < 0) {
            throw SysErr.of(Errno.EINVAL);
        }
        if (i.writeCount < 0) {
            throw SysErr.of(Errno.ETXTBSY);
        }
        // vfs_truncate() takes write access (i_writecount) before break_lease, so a holder's
        // downgrade during this break sees a writer and fails, as on Linux.
        i.writeCount++;
        Runnable putWrite = () -> i.writeCount--;
        Wait w = leases().hasLeases(i) ? leases().breakLease(t, i, O_WRONLY) : Wait.NONE;
        w = Wait.sequence(w, lazy(() -> truncateWait(t, i, length)));
        return k.waitThen(t, "truncate", w, () -> {
            setSize(i, length);
            putWrite.run();
            return SysResult.ok(0);
        }, putWrite);
    }

    /** ftruncate(2): no lease break (do_ftruncate does not call break_lease). */
    public SysResult ftruncate(Task t, int fd, long length) {
        if (length < 0) {
            throw SysErr.of(Errno.EINVAL);
        }
        File f = t.group().files.get(fd);
        if (f.isPath()) {
            throw SysErr.of(Errno.EBADF);
        }
        if (!f.inode().isRegular() || !f.canWrite() || length < 0) {
            throw SysErr.of(Errno.EINVAL);
        }
        Inode i = f.inode();
        return k.waitThen(t, "ftruncate", truncateWait(t, i, length), () -> {
            setSize(i, length);
            return SysResult.ok(0);
        }, () -> { });
    }

    private Wait truncateWait(Task t, Inode i, long length) {
        return length == i.size ? Wait.NONE : layout().beforeSetSize(t, i, i.size, length);
    }

    private void setSize(Inode i, long length) {
        k.sub().store(i).setSize(i, length);
        i.size = length;
    }

    public SysResult fallocate(Task t, int fd, int mode, long offset, long length) {
        File f = t.group().files.get(fd);
        checkFallocate(f, mode, offset, length);
        Inode i = f.inode();
        Wait w = layout().beforeFallocate(t, i, mode, offset, length);
        return k.waitThen(t, "fallocate", w, () -> {
            k.sub().store(i).fallocate(i, mode, offset, length);
            return SysResult.ok(0);
        }, () -> { });
    }

    /** vfs_fallocate()'s argument rules, then the filesystem's own. */
    private void checkFallocate(File f, int mode, long offset, long length) {
        if (f.isPath()) {
            throw SysErr.of(Errno.EBADF);
        }
        if (offset < 0 || length <= 0) {
            throw SysErr.of(Errno.EINVAL);
        }
        checkFallocateMode(mode);
        if (!f.canWrite()) {
            throw SysErr.of(Errno.EBADF);
        }
        Inode i = f.inode();
        if (i.isFifo()) {
            throw SysErr.of(Errno.ESPIPE);
        }
        if (i.isDirectory()) {
            throw SysErr.of(Errno.EISDIR);
        }
        if (!i.isRegular()) {
            throw SysErr.of(Errno.ENODEV);
        }
        if (offset + length > MAX_FILE_SIZE || offset + length < 0) {
            throw SysErr.of(Errno.EFBIG);
        }
        checkFsFallocate(i, mode, offset, length);
    }

    /** The operation modes of vfs_fallocate() (Linux 6.11+ switch on FALLOC_FL_MODE_MASK). */
    private static void checkFallocateMode(int mode) {
        int modeMask = FALLOC_FL_PUNCH_HOLE | FALLOC_FL_COLLAPSE_RANGE | FALLOC_FL_ZERO_RANGE
            | FALLOC_FL_INSERT_RANGE | FALLOC_FL_UNSHARE_RANGE;
        if ((mode & ~(modeMask | FALLOC_FL_KEEP_SIZE)) != 0) {
            throw SysErr.of(Errno.EOPNOTSUPP);
        }
        switch (mode & modeMask) {
            case 0, FALLOC_FL_UNSHARE_RANGE, FALLOC_FL_ZERO_RANGE -> {
            }
            case FALLOC_FL_PUNCH_HOLE -> {
                if ((mode & FALLOC_FL_KEEP_SIZE) == 0) {
                    throw SysErr.of(Errno.EOPNOTSUPP);
                }
            }
            case FALLOC_FL_COLLAPSE_RANGE, FALLOC_FL_INSERT_RANGE -> {
                if ((mode & FALLOC_FL_KEEP_SIZE) != 0) {
                    throw SysErr.of(Errno.EOPNOTSUPP);
                }
            }
            default -> throw SysErr.of(Errno.EOPNOTSUPP);
        }
    }

    /** Each filesystem's own fallocate rules (shmem_fallocate, ext4_fallocate, xfs_file_fallocate). */
    private static void checkFsFallocate(Inode i, int mode, long offset, long length) {
        FsType type = i.mount().type();
        int shifting = FALLOC_FL_COLLAPSE_RANGE | FALLOC_FL_INSERT_RANGE;
        if (type == FsType.TMPFS || type == FsType.PROC) {
            if ((mode & ~(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE)) != 0) {
                throw SysErr.of(Errno.EOPNOTSUPP);
            }
            return;
        }
        if (type == FsType.EXT4 && (mode & FALLOC_FL_UNSHARE_RANGE) != 0) {
            throw SysErr.of(Errno.EOPNOTSUPP);
        }
        if ((mode & shifting) != 0) {
            long bs = i.mount().blockSize();
            if (offset % bs != 0 || length % bs != 0) {
                throw SysErr.of(Errno.EINVAL);
            }
            if ((mode & FALLOC_FL_COLLAPSE_RANGE) != 0 && offset + length >= i.size) {
                throw SysErr.of(Errno.EINVAL);
            }
            if ((mode & FALLOC_FL_INSERT_RANGE) != 0 && offset >= i.size) {
                throw SysErr.of(Errno.EINVAL);
            }
        }
    }

    // ------------------------------------------------------------------ ioctl

    public SysResult ioctl(Task t, int fd, long cmd, long arg) {
        File f = t.group().files.get(fd);
        if (f.isPath()) {
            throw SysErr.of(Errno.EBADF);
        }
        if (cmd == FICLONE) {
            return ficlone(t, f, (int) arg);
        }
        if (cmd == FS_IOC_FIEMAP) {
            Inode i = f.inode();
            if (!i.isRegular() || i.mount().type() == FsType.TMPFS || i.mount().type() == FsType.PROC) {
                throw SysErr.of(Errno.EOPNOTSUPP);
            }
            Fiemap m = k.sub().store(i).fiemap(i, 0, Long.MAX_VALUE);
            return SysResult.ok(0, m);
        }
        return f.fops.ioctl(k, t, f, cmd, arg);
    }

    private SysResult ficlone(Task t, File dst, int srcFd) {
        File src = t.group().files.get(srcFd);
        if (src.isPath() || !src.canRead() || !dst.canWrite() || (dst.flags & O_APPEND) != 0) {
            throw SysErr.of(Errno.EBADF);
        }
        if (src.inode().mount() != dst.inode().mount()) {
            throw SysErr.of(Errno.EXDEV);
        }
        if (!src.inode().isRegular() || !dst.inode().isRegular()) {
            throw SysErr.of(Errno.EINVAL);
        }
        if (dst.inode().mount().type() != FsType.XFS) {
            throw SysErr.of(Errno.EOPNOTSUPP);
        }
        if (src.inode() == dst.inode()) {
            throw SysErr.of(Errno.EINVAL);
        }
        Inode d = dst.inode();
        Inode s = src.inode();
        return k.waitThen(t, "ioctl", layout().beforeClone(t, d, s), () -> {
            k.sub().store(d).cloneFrom(d, s);
            d.size = s.size;
            return SysResult.ok(0);
        }, () -> { });
    }

    // ------------------------------------------------------------------ namespace

    public SysResult unlink(Task t, String path) {
        Cred c = cred(t);
        Vfs.Parent p = k.vfs.parent(c, path);
        Inode victim = childOrEnoent(p);
        if (victim.isDirectory()) {
            throw SysErr.of(Errno.EISDIR);
        }
        checkDeletable(c, p.dir(), victim);
        p.dir().children.remove(p.name());
        victim.nlink--;
        k.sub().maybeEvict(victim);
        return SysResult.ok(0);
    }

    private static Inode childOrEnoent(Vfs.Parent p) {
        if (p.name() == null) {
            throw SysErr.of(Errno.EBUSY);
        }
        Inode i = p.dir().children.get(p.name());
        if (i == null) {
            throw SysErr.of(Errno.ENOENT);
        }
        return i;
    }

    /** may_delete(): write+search on the directory, and the sticky-bit owner rule. */
    private static void checkDeletable(Cred c, Inode dir, Inode victim) {
        Vfs.permission(c, dir, Vfs.MAY_WRITE | Vfs.MAY_EXEC);
        if ((dir.mode & S_ISVTX) != 0 && c.fsuid != victim.uid && c.fsuid != dir.uid
            && !c.capable(Capabilities.CAP_FOWNER)) {
            throw SysErr.of(Errno.EPERM);
        }
    }

    public SysResult rename(Task t, String from, String to) {
        Cred c = cred(t);
        Vfs.Parent pf = k.vfs.parent(c, from);
        Vfs.Parent pt = k.vfs.parent(c, to);
        Inode moving = childOrEnoent(pf);
        if (pf.dir().mount() != pt.dir().mount()) {
            throw SysErr.of(Errno.EXDEV);
        }
        checkDeletable(c, pf.dir(), moving);
        Vfs.permission(c, pt.dir(), Vfs.MAY_WRITE | Vfs.MAY_EXEC);
        Inode target = pt.dir().children.get(pt.name());
        if (target == moving) {
            return SysResult.ok(0);
        }
        if (target != null) {
            if (target.isDirectory() && !moving.isDirectory()) {
                throw SysErr.of(Errno.EISDIR);
            }
            if (!target.isDirectory() && moving.isDirectory()) {
                throw SysErr.of(Errno.ENOTDIR);
            }
            if (target.isDirectory() && !target.children.isEmpty()) {
                throw SysErr.of(Errno.ENOTEMPTY);
            }
            checkDeletable(c, pt.dir(), target);
        }
        pf.dir().children.remove(pf.name());
        pt.dir().children.put(pt.name(), moving);
        if (target != null) {
            target.nlink = 0;
            k.sub().maybeEvict(target);
        }
        return SysResult.ok(0);
    }

    public SysResult link(Task t, String from, String to) {
        Cred c = cred(t);
        Inode src = k.vfs.lookup(c, from);
        Vfs.Parent pt = k.vfs.parent(c, to);
        if (src.isDirectory()) {
            throw SysErr.of(Errno.EPERM);
        }
        if (pt.name() == null || pt.dir().children.containsKey(pt.name())) {
            throw SysErr.of(Errno.EEXIST);
        }
        if (src.mount() != pt.dir().mount()) {
            throw SysErr.of(Errno.EXDEV);
        }
        Vfs.permission(c, pt.dir(), Vfs.MAY_WRITE | Vfs.MAY_EXEC);
        pt.dir().children.put(pt.name(), src);
        src.nlink++;
        return SysResult.ok(0);
    }

    public SysResult mkdir(Task t, String path, int mode) {
        Cred c = cred(t);
        Vfs.Parent p = k.vfs.parent(c, path);
        if (p.name() == null || p.dir().children.containsKey(p.name())) {
            throw SysErr.of(Errno.EEXIST);
        }
        Vfs.permission(c, p.dir(), Vfs.MAY_WRITE | Vfs.MAY_EXEC);
        Vfs.create(p.dir(), p.name(), S_IFDIR | (mode & 07777 & ~UMASK), c.fsuid, c.fsgid);
        return SysResult.ok(0);
    }

    public SysResult mknod(Task t, String path, int mode) {
        Cred c = cred(t);
        int type = mode & S_IFMT;
        if (type == 0) {
            type = S_IFREG;
        }
        if (type == S_IFCHR || type == S_IFBLK) {
            if (!c.capable(Capabilities.CAP_MKNOD)) {
                throw SysErr.of(Errno.EPERM);
            }
        } else if (type != S_IFREG && type != S_IFIFO && type != S_IFSOCK) {
            throw SysErr.of(Errno.EINVAL);
        }
        Vfs.Parent p = k.vfs.parent(c, path);
        if (p.name() == null || p.dir().children.containsKey(p.name())) {
            throw SysErr.of(Errno.EEXIST);
        }
        Vfs.permission(c, p.dir(), Vfs.MAY_WRITE | Vfs.MAY_EXEC);
        Inode i = Vfs.create(p.dir(), p.name(), type | (mode & 07777 & ~UMASK), c.fsuid, c.fsgid);
        if (type == S_IFIFO) {
            i.fsPrivate = new Pipe();
        } else if (type == S_IFREG) {
            k.sub().store(i).initFile(i, 0, true);
        } else if (type == S_IFCHR) {
            i.fops = new FileOperations() { };
        }
        return SysResult.ok(0);
    }

    public SysResult chmod(Task t, String path, int mode) {
        Cred c = cred(t);
        Inode i = k.vfs.lookup(c, resolveSelf(t, path));
        if (!Vfs.ownerOrCapable(c, i)) {
            throw SysErr.of(Errno.EPERM);
        }
        i.mode = (i.mode & S_IFMT) | (mode & 07777);
        return SysResult.ok(0);
    }

    public SysResult chown(Task t, String path, int uid, int gid) {
        Cred c = cred(t);
        Inode i = k.vfs.lookup(c, resolveSelf(t, path));
        boolean chown = c.capable(Capabilities.CAP_CHOWN);
        if (uid != -1 && uid != i.uid && !chown) {
            throw SysErr.of(Errno.EPERM);
        }
        if (gid != -1 && gid != i.gid && !chown && !(c.fsuid == i.uid && (gid == c.fsgid || gid == c.egid))) {
            throw SysErr.of(Errno.EPERM);
        }
        if (uid != -1) {
            i.uid = uid;
        }
        if (gid != -1) {
            i.gid = gid;
        }
        return SysResult.ok(0);
    }

    public SysResult utimensat(Task t, String path) {
        Cred c = cred(t);
        Inode i = k.vfs.lookup(c, resolveSelf(t, path));
        if (!Vfs.ownerOrCapable(c, i) && !Vfs.allowed(c, i, Vfs.MAY_WRITE)) {
            throw SysErr.of(Errno.EACCES);
        }
        return SysResult.ok(0);
    }

    public SysResult setxattr(Task t, String path, String name, byte[] value, int flags) {
        Cred c = cred(t);
        Inode i = k.vfs.lookup(c, resolveSelf(t, path));
        if (name.startsWith("user.")) {
            if (!i.isRegular() && !i.isDirectory()) {
                throw SysErr.of(Errno.EPERM);
            }
            Vfs.permission(c, i, Vfs.MAY_WRITE);
        } else if (name.startsWith("trusted.") || name.startsWith("security.")) {
            if (!c.capable(Capabilities.CAP_SYS_ADMIN)) {
                throw SysErr.of(Errno.EPERM);
            }
        } else {
            throw SysErr.of(Errno.EOPNOTSUPP);
        }
        boolean exists = i.xattrs.containsKey(name);
        if ((flags & XATTR_CREATE) != 0 && exists) {
            throw SysErr.of(Errno.EEXIST);
        }
        if ((flags & XATTR_REPLACE) != 0 && !exists) {
            throw SysErr.of(Errno.ENODATA);
        }
        i.xattrsForUpdate().put(name, value.clone());
        return SysResult.ok(0);
    }

    /**
     * Reads a whole file for the {@code cat} directive: an observation, so it takes no
     * descriptor, counts no open and breaks no lease. {@code self} resolves /proc/self.
     */
    public String readWhole(Cred c, Task self, String path) {
        String p = path;
        if (self != null) {
            p = resolveSelf(self, path);
        }
        Inode i = k.vfs.lookup(c, p);
        if (i.isDirectory()) {
            throw SysErr.of(Errno.EISDIR);
        }
        Vfs.permission(c, i, Vfs.MAY_READ);
        if (i.openCheck != null) {
            i.openCheck.accept(c);
        }
        if (i.procContent != null) {
            return i.procContent.get();
        }
        if (!i.isRegular()) {
            return "";
        }
        Data d = k.sub().store(i).read(i, 0, i.size);
        return new String(d.toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    // ------------------------------------------------------------------ pipes and sockets

    public SysResult pipe2(Task t, int flags) {
        if ((flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT)) != 0) {
            throw SysErr.of(Errno.EINVAL);
        }
        Pipe p = new Pipe();
        Inode i = new Inode(k.sub().pipeIno(), k.vfs.rootMount(), S_IFIFO | 0600, cred(t).fsuid, cred(t).fsgid);
        i.fsPrivate = p;
        File r = k.newFile(i, "pipe:[" + i.ino() + "]", O_RDONLY | (flags & O_NONBLOCK), File.FMODE_READ, new Pipe.Ops(p), t.tgid());
        File w = k.newFile(i, "pipe:[" + i.ino() + "]", O_WRONLY | (flags & O_NONBLOCK), File.FMODE_WRITE, new Pipe.Ops(p), t.tgid());
        p.readers = 1;
        p.writers = 1;
        int[] fds = installPair(t, r, w, (flags & O_CLOEXEC) != 0);
        return SysResult.ok(0, fds);
    }

    public SysResult socketpair(Task t, int domain, int type, int protocol) {
        if (domain != AF_UNIX) {
            throw SysErr.of(Errno.EOPNOTSUPP);
        }
        if ((type & ~SOCK_CLOEXEC & ~O_NONBLOCK) != SOCK_STREAM || protocol != 0) {
            throw SysErr.of(Errno.EINVAL);
        }
        var ends = org.layoutlease.kernel.net.UnixStream.pair();
        int[] fds = installPair(t, socketFile(t, ends[0]), socketFile(t, ends[1]), (type & SOCK_CLOEXEC) != 0);
        return SysResult.ok(0, fds);
    }

    private File socketFile(Task t, FileOperations ops) {
        Inode i = new Inode(k.sub().pipeIno(), k.vfs.rootMount(), S_IFSOCK | 0777, cred(t).fsuid, cred(t).fsgid);
        return k.newFile(i, "socket:[" + i.ino() + "]", O_RDWR, File.FMODE_READ | File.FMODE_WRITE, ops, t.tgid());
    }

    private static int[] installPair(Task t, File a, File b, boolean cloexec) {
        FdTable ft = t.group().files;
        int fa = ft.reserve(0, cloexec);
        int fb;
        try {
            fb = ft.reserve(0, cloexec);
        } catch (SysErr e) {
            ft.unreserve(fa);
            throw e;
        }
        ft.install(fa, a);
        ft.install(fb, b);
        return new int[] {fa, fb};
    }

    /** Files of a process that the exec must close (O_CLOEXEC). */
    public static List<Integer> cloexecFds(FdTable ft) {
        return ft.openFds().stream().filter(ft::isCloexec).toList();
    }
}
