package org.layoutlease.kernel.net;

import org.layoutlease.kernel.Kernel;
import org.layoutlease.kernel.fs.File;
import org.layoutlease.kernel.fs.FileOperations;
import org.layoutlease.kernel.fs.Pipe;
import org.layoutlease.kernel.lib.Data;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.SysErr;

/** One end of a connected AF_UNIX stream socket pair (net/unix/af_unix.c): a byte queue each way. */
public final class UnixStream implements FileOperations {
    private final Pipe rx = new Pipe();
    private UnixStream peer;
    private boolean closed;

    /** Two connected ends. */
    public static UnixStream[] pair() {
        UnixStream a = new UnixStream();
        UnixStream b = new UnixStream();
        a.peer = b;
        b.peer = a;
        a.rx.readers = b.rx.readers = 1;
        a.rx.writers = b.rx.writers = 1;
        return new UnixStream[] {a, b};
    }

    @Override
    public Data read(Kernel k, Task t, File f, long offset, long len) {
        long n = Math.min(len, rx.buffer.length());
        if (n == 0) {
            if (peer.closed) {
                return Data.EMPTY;
            }
            throw SysErr.of(Errno.EAGAIN);
        }
        Data out = rx.buffer.slice(0, n);
        rx.buffer = rx.buffer.slice(n, rx.buffer.length() - n);
        return out;
    }

    @Override
    public long write(Kernel k, Task t, File f, long offset, Data data) {
        if (peer.closed) {
            throw SysErr.of(Errno.EPIPE);
        }
        peer.rx.buffer = peer.rx.buffer.concat(data);
        return data.length();
    }

    @Override
    public void release(Kernel k, File f) {
        closed = true;
    }

    @Override
    public boolean seekable() {
        return false;
    }
}
