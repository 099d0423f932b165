package org.layoutlease.kernel.fs;

import static org.layoutlease.kernel.uapi.Uapi.*;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.layoutlease.kernel.Kernel;
import org.layoutlease.kernel.Wait;
import org.layoutlease.kernel.lib.Data;
import org.layoutlease.kernel.mm.Gup;
import org.layoutlease.kernel.mm.MmCalls;
import org.layoutlease.kernel.mm.MmStruct;
import org.layoutlease.kernel.mm.PinnedPages;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.sched.ThreadGroup;
import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.SysErr;
import org.layoutlease.kernel.uapi.SysResult;

/**
 * Linux AIO (fs/aio.c) as the short-term pinner: an O_DIRECT request pins its user buffer
 * (FOLL_PIN without FOLL_LONGTERM) from io_submit until io_getevents reaps it, so a truncate of
 * the file the buffer maps waits for it (dax_layout_busy_page). The data moves at submission;
 * without O_DIRECT the request completes inside io_submit and holds nothing. Requests belong
 * to the address space (mm->ioctx_table) and are reaped at exit.
 */
public final class Aio {
    /** aio-max-nr. */
    public static final int MAX_REQUESTS = 65536;

    /** One submitted iocb: its result and, while in flight, its pinned buffer. */
    public static final class Request {
        final int id;
        final long result;
        PinnedPages buffer;

        Request(int id, long result, PinnedPages buffer) {
            this.id = id;
            this.result = result;
            this.buffer = buffer;
        }

        public int id() {
            return id;
        }
    }

    private final Kernel k;
    private final Gup gup;
    private final Map<MmStruct, TreeMap<Integer, Request>> contexts = new LinkedHashMap<>();
    private int nextId = 1;

    public Aio(Kernel k, Gup gup) {
        this.k = k;
        this.gup = gup;
    }

    /** io_submit() of one IOCB_CMD_PREAD/PWRITE: the request id, with the request as output. */
    public SysResult submit(Task t, int fd, int cmd, long addr, long len, long offset) {
        File f = t.group().files.get(fd);
        if ((cmd != IOCB_CMD_PREAD && cmd != IOCB_CMD_PWRITE) || len <= 0 || offset < 0 || f.isPath()) {
            throw SysErr.of(Errno.EINVAL);
        }
        boolean read = cmd == IOCB_CMD_PREAD;
        if (read ? !f.canRead() : !f.canWrite()) {
            throw SysErr.of(Errno.EBADF);
        }
        TreeMap<Integer, Request> ctx = contexts.computeIfAbsent(t.group().mm, m -> new TreeMap<>());
        if (ctx.size() >= MAX_REQUESTS) {
            throw SysErr.of(Errno.EAGAIN);
        }
        Wait w = !read && f.inode().isRegular() ? k.sub().layout().beforeWrite(t, f.inode(), offset, len) : Wait.NONE;
        return k.waitThen(t, "io_submit", w, () -> {
            Request r = transfer(t, f, read, addr, len, offset);
            ctx.put(r.id, r);
            return SysResult.ok(r.id, r);
        }, () -> { });
    }

    /** Pins the buffer and moves the data; an O_DIRECT request keeps its pin until reaped. */
    private Request transfer(Task t, File f, boolean read, long addr, long len, long offset) {
        ThreadGroup g = t.group();
        PinnedPages buf = gup.pin(g, addr, len, read ? Gup.FOLL_WRITE : 0, null, g.name() + "'s direct I/O");
        long at = addr % MmCalls.PAGE_SIZE;
        long n;
        try {
            if (read) {
                Data d = f.fops.read(k, t, f, offset, len);
                buf.write(at, d);
                n = d.length();
            } else {
                n = f.fops.write(k, t, f, offset, buf.read(at, len));
            }
        } catch (SysErr e) {
            gup.unpin(buf);
            throw e;
        }
        boolean direct = (f.flags & O_DIRECT) != 0;
        if (!direct) {
            gup.unpin(buf);
            buf = null;
        }
        return new Request(nextId++, n, buf);
    }

    /** io_getevents() for one request: its result; its pages are unpinned. */
    public SysResult getevents(Task t, Request known, int id) {
        TreeMap<Integer, Request> ctx = contexts.get(t.group().mm);
        Request r = ctx == null ? null : ctx.remove(known != null ? known.id : id);
        if (r == null) {
            throw SysErr.of(Errno.EINVAL);
        }
        release(r);
        return SysResult.ok(r.result);
    }

    private void release(Request r) {
        if (r.buffer != null) {
            gup.unpin(r.buffer);
            r.buffer = null;
        }
    }

    /** exit_aio(): the address space goes; requests in flight complete and unpin. */
    public void exit(MmStruct mm) {
        TreeMap<Integer, Request> ctx = contexts.remove(mm);
        if (ctx != null) {
            ctx.values().forEach(this::release);
        }
    }
}
