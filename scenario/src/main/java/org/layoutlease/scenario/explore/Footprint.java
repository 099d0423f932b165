package org.layoutlease.scenario.explore;

import java.util.Arrays;
import org.layoutlease.kernel.Kernel;
import org.layoutlease.kernel.fs.File;
import org.layoutlease.kernel.fs.Inode;
import org.layoutlease.kernel.fs.Mount;
import org.layoutlease.kernel.fs.block.BlockFileStore;
import org.layoutlease.kernel.fs.block.Extent;
import org.layoutlease.kernel.fs.block.ExtentMap;
import org.layoutlease.kernel.sched.Cred;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.uapi.Uapi;
import org.layoutlease.scenario.run.Env;
import org.layoutlease.scenario.syntax.Expr;
import org.layoutlease.scenario.syntax.Line;

/**
 * What a move reads and writes in the current state, for the partial-order reduction: two
 * moves of different processes commute when neither writes an object the other touches.
 *
 * <p>Objects are coarse on purpose, so that "commutes" is safe: an inode (its data, open
 * counts, leases, FIFO ends and every open file of it, whose offsets a read moves), a mount's
 * namespace (lookups read it; create, unlink and rename write it), a mount's blocks (first-fit
 * allocation makes every allocating or freeing call order-dependent) and a process (its fd
 * table, signal state and threads). Everything not listed as a file call, and every move of
 * the world program or the timer, is <em>global</em>: dependent on every other move. A call
 * that could wake a blocked task also takes on that task's footprint ({@link #close}), since
 * the woken call finishes inside the waker's move. A call on a leased inode is global (a break
 * may signal, and so end, the holder), and so is a write to a FIFO or pipe (SIGPIPE may end the
 * caller, whose exit closes everything it holds).
 */
final class Footprint {
    /** Dependent on everything. */
    static final Footprint GLOBAL = new Footprint(true, new long[0], new long[0]);

    private static final long INODE = 1L << 60;
    private static final long NAMESPACE = 2L << 60;
    private static final long BLOCKS = 3L << 60;
    private static final long PROCESS = 4L << 60;
    private static final Cred ROOT = new Cred(0, 0, -1L);

    private final boolean global;
    private long[] reads;
    private long[] writes;

    private Footprint(boolean global, long[] reads, long[] writes) {
        this.global = global;
        this.reads = reads;
        this.writes = writes;
    }

    boolean isGlobal() {
        return global;
    }

    /** Whether running the two moves in either order could differ. */
    boolean conflicts(Footprint o) {
        if (global || o.global) {
            return true;
        }
        return meets(writes, o.writes) || meets(writes, o.reads) || meets(reads, o.writes);
    }

    private static boolean meets(long[] a, long[] b) {
        for (long x : a) {
            for (long y : b) {
                if (x == y) {
                    return true;
                }
            }
        }
        return false;
    }

    /** This footprint grown by {@code o}'s objects. */
    Footprint union(Footprint o) {
        if (global || o.global) {
            return GLOBAL;
        }
        return new Footprint(false, concat(reads, o.reads), concat(writes, o.writes));
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    // ---------------------------------------------------------------- computing footprints

    /**
     * The footprints of every move in {@code mask} at the machine's current state, each closed
     * over the blocked calls it could wake.
     */
    static Footprint[] of(Machine m, long mask) {
        int n = m.plan().moveCount();
        Footprint[] out = new Footprint[n];
        Footprint[] blocked = blockedFootprints(m);
        for (int move = 0; move < n; move++) {
            if ((mask & (1L << move)) != 0) {
                out[move] = close(of(m, move), blocked);
            }
        }
        return out;
    }

    /** Grows {@code f} by every blocked call it conflicts with, until nothing more is added. */
    static Footprint close(Footprint f, Footprint[] blocked) {
        if (f.global || blocked.length == 0) {
            return f;
        }
        boolean[] taken = new boolean[blocked.length];
        boolean grew = true;
        while (grew && !f.global) {
            grew = false;
            for (int i = 0; i < blocked.length; i++) {
                if (!taken[i] && f.conflicts(blocked[i])) {
                    taken[i] = true;
                    f = f.union(blocked[i]);
                    grew = true;
                }
            }
        }
        return f;
    }

    private static Footprint[] blockedFootprints(Machine m) {
        var pending = m.pendingCalls();
        Footprint[] out = new Footprint[pending.size()];
        for (int i = 0; i < out.length; i++) {
            Machine.BlockedCall b = pending.get(i);
            out[i] = call(m, b.task(), b.call().step());
        }
        return out;
    }

    private static Footprint of(Machine m, int move) {
        if (move == m.plan().timerMove() || !(m.nextOp(move) instanceof Plan.Call c)) {
            return GLOBAL;
        }
        return call(m, m.programTask(move), c.step());
    }

    /** The footprint of {@code step} made by {@code t} (null for a peer) in the current state. */
    private static Footprint call(Machine m, Task t, Line.Step s) {
        if (t == null) {
            return GLOBAL;
        }
        Builder b = new Builder(m.kernel(), m.env(), m.plan());
        b.write(PROCESS | t.tgid());
        try {
            return b.step(t, s) ? b.build() : GLOBAL;
        } catch (RuntimeException e) {
            // An argument that does not evaluate here (the call will fail): be conservative.
            return GLOBAL;
        }
    }

    private static final class Builder {
        private final Kernel k;
        private final Env env;
        private final Plan plan;
        private long[] reads = new long[4];
        private long[] writes = new long[4];
        private int nr;
        private int nw;
        private String lastPath;
        private String lastCanonical;

        Builder(Kernel k, Env env, Plan plan) {
            this.k = k;
            this.env = env;
            this.plan = plan;
        }

        void read(long o) {
            if (nr == reads.length) {
                reads = Arrays.copyOf(reads, nr * 2);
            }
            reads[nr++] = o;
        }

        void write(long o) {
            if (nw == writes.length) {
                writes = Arrays.copyOf(writes, nw * 2);
            }
            writes[nw++] = o;
        }

        Footprint build() {
            return new Footprint(false, Arrays.copyOf(reads, nr), Arrays.copyOf(writes, nw));
        }

        /** Adds the objects of a call; false when the call is global. */
        boolean step(Task t, Line.Step s) {
            var a = s.args();
            return switch (s.call()) {
                case "getpid", "gettid" -> true;
                case "open" -> open(env.str(a.get(0)), env.i32(a.get(1)), false);
                case "openat" -> env.i32(a.get(0)) == Uapi.AT_FDCWD && open(env.str(a.get(1)), env.i32(a.get(2)), false);
                case "creat" -> open(env.str(a.get(0)), 0, true);
                case "stat" -> path(env.str(a.get(0)), false, false);
                case "truncate" -> path(env.str(a.get(0)), true, true);
                case "chmod", "chown", "utimensat", "setxattr" -> path(env.str(a.get(s.call().equals("utimensat") ? 1 : 0)),
                    true, false);
                case "unlink", "mkdir", "mknod", "mkfifo" -> namespace(env.str(a.get(0)));
                case "rename", "link" -> namespace(env.str(a.get(0))) && namespace(env.str(a.get(1)));
                case "read", "lseek" -> fd(t, a.get(0), true, false);
                case "pread64", "fstat", "fsync" -> fd(t, a.get(0), false, false);
                case "write" -> write(t, a, false);
                case "pwrite64" -> write(t, a, true);
                case "ftruncate", "fallocate" -> fd(t, a.get(0), true, true);
                case "fcntl", "dup" -> fd(t, a.get(0), true, false);
                case "close" -> closeFd(t, a.get(0));
                case "ioctl" -> env.num(a.get(1)) != Uapi.FICLONE && fd(t, a.get(0), false, false);
                default -> false;
            };
        }

        private boolean open(String path, int flags, boolean creat) {
            if (isProc(path)) {
                return false;
            }
            boolean changes = creat || (flags & (Uapi.O_CREAT | Uapi.O_TRUNC)) != 0;
            return path(path, true, changes) && (!changes || namespace(path));
        }

        /** A path-based call on an existing (or missing) file: reads the namespace, touches the inode. */
        private boolean path(String path, boolean writesInode, boolean allocates) {
            if (isProc(path)) {
                return false;
            }
            Mount m = mountOf(path);
            read(NAMESPACE | m.mountId());
            Inode i = k.vfs.lookupOrNull(ROOT, canonical(path));
            if (i != null) {
                if (!i.isRegular() && !i.isFifo() && !i.isDirectory() || mayNotify(i)) {
                    return false;
                }
                long key = inodeKey(i);
                if (writesInode) {
                    write(key);
                } else {
                    read(key);
                }
            }
            if (allocates) {
                write(BLOCKS | m.mountId());
            }
            return true;
        }

        /** Creating, removing or renaming a name: the namespace, the blocks and the inode change. */
        private boolean namespace(String path) {
            if (isProc(path)) {
                return false;
            }
            Mount m = mountOf(path);
            write(NAMESPACE | m.mountId());
            write(BLOCKS | m.mountId());
            return path(path, true, false);
        }

        /**
         * A call on an open file: its inode, and the mount's blocks when it may allocate or
         * free. Reading a file's own blocks needs nothing else: other files' allocations
         * cannot change blocks this file holds.
         */
        private boolean fd(Task t, Expr fdArg, boolean writesInode, boolean allocates) {
            File f = t.group().files.getOrNull(env.i32(fdArg));
            if (f == null) {
                return true;
            }
            Inode i = f.inode();
            if (!i.isRegular() && !i.isFifo() || mayNotify(i) || (allocates && i.isFifo())) {
                return false;
            }
            if (writesInode) {
                write(inodeKey(i));
            } else {
                read(inodeKey(i));
            }
            if (allocates) {
                write(BLOCKS | i.mount().mountId());
            }
            return true;
        }

        /** write/pwrite64: allocates only where the range is not already mapped to unshared blocks. */
        private boolean write(Task t, java.util.List<Expr> a, boolean positional) {
            File f = t.group().files.getOrNull(env.i32(a.get(0)));
            if (f == null || !f.inode().isRegular()) {
                return fd(t, a.get(0), true, true);
            }
            Inode i = f.inode();
            long count = a.size() > 2 ? env.num(a.get(2)) : env.data(a.get(1)).length();
            long at = (f.flags & Uapi.O_APPEND) != 0 ? i.size : positional ? env.num(a.get(3)) : f.pos;
            return fd(t, a.get(0), true, !mappedUnshared(i, at, count));
        }

        private static boolean mappedUnshared(Inode i, long at, long count) {
            if (count <= 0) {
                return true;
            }
            if (at < 0 || !(i.mount().storage instanceof BlockFileStore store) || !(i.fsPrivate instanceof ExtentMap map)) {
                return false;
            }
            long bs = store.blockSize();
            long first = at / bs;
            long last = (at + count - 1) / bs;
            if (map.nextHole(first) <= last) {
                return false;
            }
            for (Extent e : map.extentsIn(first, last - first + 1)) {
                if (store.refcounts().anyShared(e.phys())) {
                    return false;
                }
            }
            return true;
        }

        /** The last close of a file ends its leases; of an unlinked file, it frees the blocks. */
        private boolean closeFd(Task t, Expr fdArg) {
            File f = t.group().files.getOrNull(env.i32(fdArg));
            return fd(t, fdArg, true, f != null && f.inode().nlink == 0);
        }

        /**
         * A leased inode: a break signals the holder, whose default SIGIO action ends it, and
         * its exit touches everything it holds. Such calls are global.
         */
        private boolean mayNotify(Inode i) {
            return k.sub().leases().hasLeases(i);
        }

        /** The canonical form of {@code path}; a call passes the same string to each check, so the last one is kept. */
        private String canonical(String path) {
            if (path != lastPath) {
                lastPath = path;
                lastCanonical = plan.canonical(path);
            }
            return lastCanonical;
        }

        private boolean isProc(String path) {
            String c = canonical(path);
            return c.equals("/proc") || c.startsWith("/proc/") || c.startsWith("/dev/");
        }

        private Mount mountOf(String path) {
            String c = canonical(path);
            Mount best = k.vfs.rootMount();
            for (Mount m : k.vfs.mounts()) {
                String mp = m.mountPoint();
                if (under(c, mp) && mp.length() > best.mountPoint().length()) {
                    best = m;
                }
            }
            return best;
        }

        /** Whether canonical path {@code c} is mount point {@code mp} or lies below it. */
        private static boolean under(String c, String mp) {
            int n = mp.length();
            return c.startsWith(mp) && (c.length() == n || mp.charAt(n - 1) == '/' || c.charAt(n) == '/');
        }

        private static long inodeKey(Inode i) {
            return INODE | ((long) i.mount().mountId() << 40) | i.ino();
        }
    }
}
