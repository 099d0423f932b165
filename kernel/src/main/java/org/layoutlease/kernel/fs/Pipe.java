package org.layoutlease.kernel.fs;

import org.layoutlease.kernel.Kernel;
import org.layoutlease.kernel.lib.Data;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.sched.WaitQueue;
import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.SysErr;

/**
 * A pipe or FIFO buffer (struct pipe_inode_info). Reads of an empty pipe with writers would
 * block; the model returns EAGAIN for O_NONBLOCK and otherwise reports the wait as EAGAIN-free
 * blocking only at open, which is all the scenarios need (see docs: FIFOs).
 */
public final class Pipe {
    public static final long CAPACITY = 65_536;

    public Data buffer = Data.zeros(0);
    public int readers;
    public int writers;
    public final WaitQueue wait = new WaitQueue();

    /** File operations of one end; both ends share the pipe. */
    public static final class Ops implements FileOperations {
        private final Pipe pipe;

        public Ops(Pipe pipe) {
            this.pipe = pipe;
        }

        @Override
        public Data read(Kernel k, Task t, File f, long offset, long len) {
            long n = Math.min(len, pipe.buffer.length());
            if (n == 0 && pipe.writers > 0) {
                throw SysErr.of(Errno.EAGAIN);
            }
            Data out = pipe.buffer.slice(0, n);
            pipe.buffer = pipe.buffer.slice(n, pipe.buffer.length() - n);
            k.scheduler.wakeAll(pipe.wait);
            return out;
        }

        @Override
        public long write(Kernel k, Task t, File f, long offset, Data data) {
            if (pipe.readers == 0) {
                // send_sig(SIGPIPE, current, 0): SEND_SIG_NOINFO, so si_code is SI_USER from ourselves.
                k.signals.sendToThread(t, org.layoutlease.kernel.signal.SigInfo.user(
                    org.layoutlease.kernel.uapi.Signals.SIGPIPE, org.layoutlease.kernel.uapi.Uapi.SI_USER,
                    t.tgid(), t.group().cred.uid));
                throw SysErr.of(Errno.EPIPE);
            }
            long room = CAPACITY - pipe.buffer.length();
            if (room <= 0) {
                throw SysErr.of(Errno.EAGAIN);
            }
            long n = Math.min(room, data.length());
            pipe.buffer = pipe.buffer.concat(data.slice(0, n));
            k.scheduler.wakeAll(pipe.wait);
            return n;
        }

        @Override
        public void release(Kernel k, File f) {
            if (f.canRead()) {
                pipe.readers--;
            }
            if (f.canWrite()) {
                pipe.writers--;
            }
            k.scheduler.wakeAll(pipe.wait);
        }

        @Override
        public boolean seekable() {
            return false;
        }
    }
}
