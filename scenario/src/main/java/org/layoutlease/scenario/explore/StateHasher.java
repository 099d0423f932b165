package org.layoutlease.scenario.explore;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.layoutlease.kernel.Kernel;
import org.layoutlease.kernel.fs.FdTable;
import org.layoutlease.kernel.fs.File;
import org.layoutlease.kernel.fs.FsType;
import org.layoutlease.kernel.fs.Inode;
import org.layoutlease.kernel.fs.Mount;
import org.layoutlease.kernel.fs.Pipe;
import org.layoutlease.kernel.fs.block.BlockFileStore;
import org.layoutlease.kernel.fs.block.Extent;
import org.layoutlease.kernel.fs.block.ExtentMap;
import org.layoutlease.kernel.fs.block.PhysExtent;
import org.layoutlease.kernel.lib.Data;
import org.layoutlease.kernel.mm.Vma;
import org.layoutlease.kernel.sched.Cred;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.sched.ThreadGroup;
import org.layoutlease.kernel.signal.SigAction;
import org.layoutlease.kernel.signal.SigInfo;
import org.layoutlease.kernel.signal.SigPending;
import org.layoutlease.scenario.explore.Plan.Program;

/**
 * A canonical 64-bit hash of a machine's state, used to prune states the explorer has already
 * expanded. Two states hash alike when everything that can influence the future is alike:
 * how far each program got and the variables bound; the virtual clock and every sleeping call
 * (call, deadline); per process its credentials, signal state, descriptor table and mappings;
 * every open file (offset, flags, owner), numbered in the order the descriptor tables reach
 * them rather than by the kernel's internal file ids, so that two processes opening files in
 * either order reach the same state; each mount's namespace, inode attributes, extent maps,
 * free space, shared blocks and stored media; pipes; every lease with its deadlines and
 * breakers ({@code LeaseOps.digest}).
 *
 * <p>What it leaves out (a deliberate abstraction, documented so that nobody relies on it):
 * the wall-clock start of a blocked call (it only changes printed durations), the contents of
 * unix-socket buffers (private to the socket), and the internal progress of a wait loop beyond
 * the call it belongs to.
 */
final class StateHasher {
    private long h = 0x243F6A8885A308D3L;
    private final Map<File, Integer> fileIds = new IdentityHashMap<>();
    private final Map<Inode, Boolean> inodesSeen = new IdentityHashMap<>();
    private final Kernel k;

    private StateHasher(Kernel k) {
        this.k = k;
    }

    static long hash(Machine m) {
        StateHasher s = new StateHasher(m.kernel());
        s.machine(m);
        return fmix(s.h);
    }

    // ---------------------------------------------------------------- mixing

    private void mix(long v) {
        h = Long.rotateLeft((h ^ v) * 0x9E3779B97F4A7C15L, 29) + 0x632BE59BD9B4E019L;
    }

    private void mix(boolean b) {
        mix(b ? 1 : 2);
    }

    private void mix(String s) {
        mix(s == null ? -1 : s.hashCode() ^ ((long) s.length() << 32));
    }

    private void mix(Data d) {
        mix(d.length());
        mix(d.hashCode());
    }

    private static long fmix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        x ^= x >>> 33;
        return x;
    }

    // ---------------------------------------------------------------- state

    private void machine(Machine m) {
        List<Program> programs = m.plan().programs();
        for (int p = 0; p < programs.size(); p++) {
            mix(m.pc(p));
        }
        for (int v = 0; v < m.plan().vars().size(); v++) {
            mix(m.isBound(v));
            mix(m.varValue(v));
        }
        mix(k.clock.nowNanos());
        mix(k.sysctl.leaseBreakTimeSeconds);
        mix(k.sysctl.leasesEnable);
        for (Task t : k.liveTasks()) {
            task(t);
        }
        mix(-1);
        for (ThreadGroup g : k.liveGroups()) {
            group(g);
        }
        mix(-2);
        for (Mount mount : k.vfs.mounts()) {
            mount(mount);
        }
        mix(-3);
        k.sub().leases().digest(this::mix, this::file);
    }

    private void task(Task t) {
        mix(t.tid());
        mix(t.blockedSignals);
        pending(t.pending);
        mix(t.waitingForSignals);
        mix(t.isBlocked());
        if (t.isBlocked()) {
            mix(t.blockedCall());
            mix(t.waiter().getClass().getName());
            mix(t.sleepDeadlineNanos());
        }
    }

    private void pending(SigPending p) {
        mix(p.mask());
        // Real-time signals queue several instances, and every siginfo is delivered later.
        for (SigInfo si : p.queued()) {
            mix(si.hashCode());
        }
    }

    private void group(ThreadGroup g) {
        mix(g.tgid());
        cred(g.cred);
        mix(g.pgid);
        mix(g.sid);
        mix(g.parentTgid);
        mix(g.execed);
        mix(g.comm);
        for (int sig = 1; sig < g.actions.length; sig++) {
            SigAction a = g.actions[sig];
            if (a != null && !a.isDefault()) {
                mix(sig);
                mix(a.handler());
                mix(a.flags());
            }
        }
        pending(g.sharedPending);
        if (g.exe != null) {
            mix(file(g.exe));
        }
        if (g.files != null) {
            var files = g.files;
            for (int fd = 0; fd < FdTable.MAX_FDS; fd++) {
                File f = files.getOrNull(fd);
                if (f != null) {
                    mix(fd);
                    mix(files.isCloexec(fd));
                    mix(file(f));
                }
            }
        }
        mix(-4);
        if (g.mm != null) {
            mix(g.mm.peekNextAddress());
            for (Vma v : g.mm.all()) {
                mix(v.start);
                mix(v.end);
                mix(v.prot);
                mix(v.flags);
                mix(v.fileOffset);
                mix(v.file == null ? -1 : file(v.file));
            }
        }
    }

    private void cred(Cred c) {
        mix(c.uid);
        mix(c.euid);
        mix(c.suid);
        mix(c.fsuid);
        mix(c.gid);
        mix(c.egid);
        mix(c.sgid);
        mix(c.fsgid);
        mix(c.capEffective);
        mix(c.capPermitted);
    }

    /** The canonical number of an open file; its state is mixed in the first time it is reached. */
    private int file(File f) {
        Integer id = fileIds.get(f);
        if (id != null) {
            return id;
        }
        int n = fileIds.size();
        fileIds.put(f, n);
        mix(0x5EED0000L + n);
        mix(f.inode().mount().mountId());
        mix(f.inode().ino());
        mix(f.path());
        mix(f.flags);
        mix(f.fmode());
        mix(f.pos);
        mix(f.refCount());
        mix(f.owner.pid);
        mix(f.owner.type);
        mix(f.owner.signum);
        mix(f.owner.setterUid);
        mix(f.owner.setterEuid);
        mix(f.openerTgid);
        if (f.privateData instanceof Pipe p) {
            pipe(p);
        }
        if (!inodesSeen.containsKey(f.inode()) && f.inode().nlink == 0) {
            inode(f.inode());
        }
        return n;
    }

    private void pipe(Pipe p) {
        mix(p.readers);
        mix(p.writers);
        mix(p.buffer);
    }

    private void mount(Mount m) {
        mix(m.mountId());
        mix(m.mountPoint());
        mix(m.peekNextIno());
        if (m.type() == FsType.PROC) {
            return;
        }
        if (m.storage instanceof BlockFileStore store) {
            for (PhysExtent free : store.allocator().freeExtents()) {
                mix(free.start());
                mix(free.length());
            }
            for (var shared : store.refcounts().records()) {
                mix(shared.start());
                mix(shared.length());
                mix(shared.count());
            }
            for (long[] seg : store.media().segmentBounds()) {
                mix(seg[0]);
                mix(seg[1]);
                mix(store.media().read(seg[0], seg[1]));
            }
        }
        tree(m.root);
    }

    private void tree(Inode dir) {
        inode(dir);
        if (dir.children == null) {
            return;
        }
        for (Map.Entry<String, Inode> e : dir.children.entrySet()) {
            mix(e.getKey());
            Inode child = e.getValue();
            if (child.isDirectory()) {
                tree(child);
            } else {
                inode(child);
            }
        }
        mix(-5);
    }

    private void inode(Inode i) {
        if (inodesSeen.put(i, Boolean.TRUE) != null) {
            mix(i.ino());
            return;
        }
        mix(i.ino());
        mix(i.mode);
        mix(i.uid);
        mix(i.gid);
        mix(i.nlink);
        mix(i.size);
        mix(i.readCount);
        mix(i.writeCount);
        mix(i.lockContext != null);
        for (Map.Entry<String, byte[]> x : i.xattrs.entrySet()) {
            mix(x.getKey());
            mix(java.util.Arrays.hashCode(x.getValue()));
        }
        if (i.fsPrivate instanceof Pipe p) {
            pipe(p);
        } else if (i.fsPrivate instanceof ExtentMap map) {
            for (Extent e : map.mappedExtents()) {
                mix(e.logical());
                mix(e.physical());
                mix(e.length());
                mix(e.unwritten());
            }
        }
    }
}
