package org.layoutlease.scenario.explore;

import java.util.List;
import java.util.Map;
import org.layoutlease.kernel.Kernel;
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
 * <p>State that has no dedicated code here (a file's private data such as an RDMA context, an
 * address space's pins, the subsystems' own fields) is digested structurally, following fields
 * and the contents of collections ({@link OpaqueDigest}), so a subsystem that lands later is
 * covered without changes.
 *
 * <p>What it leaves out (a deliberate abstraction, documented so that nobody relies on it):
 * the virtual-time start of a blocked call (it only changes printed durations) and the internal
 * progress of a wait loop beyond the call it belongs to.
 */
final class StateHasher {
    /**
     * Two lanes: each value goes to the lane mixed least recently, so consecutive mixes do not
     * wait for each other's multiply (the hash is a long chain of them).
     */
    private long h = 0x243F6A8885A308D3L;
    private long g = 0x13198A2E03707344L;
    /** Files by canonical number; a state holds a few dozen, so a linear scan beats hashing. */
    private File[] files = new File[16];
    private int fileCount;
    /** Inodes already mixed in (hard links and unlinked open files are reached twice). */
    private Inode[] inodes = new Inode[64];
    private int inodeCount;
    private final Kernel k;
    /** The last two classes of file operations found stateless (a class-value lookup costs more). */
    private Class<?> statelessFops1;
    private Class<?> statelessFops2;
    private final OpaqueDigest opaque = new OpaqueDigest(this::knownFile);
    private final java.util.function.BiConsumer<String, Inode> entry = this::entry;
    private final java.util.function.BiConsumer<Long, Data> segment = (addr, data) -> {
        mix(addr);
        mix(data);
    };
    /** Subsystem fields hashed by their own code (mounts, leases) or holding nothing that changes. */
    private static final java.util.Set<String> SUBSYSTEMS_HASHED_ELSEWHERE = java.util.Set.of("k", "stores", "leases", "procfs");

    private StateHasher(Kernel k) {
        this.k = k;
    }

    /**
     * A file's number when the descriptor tables already reached it, else a value digest: never
     * a new number, so that the walk order of an opaque object cannot change the numbering.
     */
    private long knownFile(File f) {
        int id = fileNumber(f);
        if (id >= 0) {
            return id;
        }
        long v = f.inode().ino() * 31 + f.inode().mount().mountId();
        v = v * 31 + f.flags;
        v = v * 31 + f.fmode();
        v = v * 31 + f.refCount();
        return v * 31 + f.path().hashCode() + (1L << 40);
    }

    static long hash(Machine m) {
        StateHasher s = new StateHasher(m.kernel());
        s.machine(m);
        return fmix(Long.rotateLeft(s.h, 32) ^ s.g);
    }

    // ---------------------------------------------------------------- mixing

    private void mix(long v) {
        long lane = h;
        h = g;
        g = Long.rotateLeft((lane ^ v) * 0x9E3779B97F4A7C15L, 29) + 0x632BE59BD9B4E019L;
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
        mix(-6);
        mix(opaque.digestFields(k.sub(), SUBSYSTEMS_HASHED_ELSEWHERE));
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
        List<SigInfo> queued = p.queued();
        for (int i = 0, n = queued.size(); i < n; i++) {
            mix(queued.get(i).hashCode());
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
            // Most slots hold the shared default: no need to look into it.
            if (a != SigAction.DEFAULT && a != null && !a.isDefault()) {
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
            for (int fd = 0, end = files.highWater(); fd < end; fd++) {
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
            if (g.mm.pinState != null) {
                mix(opaque.digest(g.mm.pinState));
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

    private int fileNumber(File f) {
        for (int i = 0; i < fileCount; i++) {
            if (files[i] == f) {
                return i;
            }
        }
        return -1;
    }

    private boolean seen(Inode i) {
        for (int j = 0; j < inodeCount; j++) {
            if (inodes[j] == i) {
                return true;
            }
        }
        return false;
    }

    /** The canonical number of an open file; its state is mixed in the first time it is reached. */
    private int file(File f) {
        int id = fileNumber(f);
        if (id >= 0) {
            return id;
        }
        int n = fileCount;
        if (n == files.length) {
            files = java.util.Arrays.copyOf(files, n * 2);
        }
        files[fileCount++] = f;
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
        } else if (f.privateData != null) {
            mix(opaque.digest(f.privateData));
        }
        if (!(f.fops instanceof Pipe.Ops) && !statelessFops(f.fops.getClass())) {
            // Stateful file operations (a unix socket end) carry their state.
            mix(opaque.digest(f.fops));
        }
        if (f.inode().nlink == 0 && !seen(f.inode())) {
            inode(f.inode());
        }
        return n;
    }

    /** Whether file operations hold no state; a state's files share two or three classes of them. */
    private boolean statelessFops(Class<?> type) {
        if (type == statelessFops1 || type == statelessFops2) {
            return true;
        }
        boolean stateless = OpaqueDigest.isStateless(type);
        if (stateless) {
            statelessFops2 = statelessFops1;
            statelessFops1 = type;
        }
        return stateless;
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
            // forEach reaches the entries without the read-only view's iterator and entry wrappers.
            store.media().segmentsView().forEach(segment);
        }
        tree(m.root);
    }

    private void tree(Inode dir) {
        inode(dir);
        if (dir.children == null) {
            return;
        }
        dir.children.forEach(entry);
        mix(-5);
    }

    private void entry(String name, Inode child) {
        mix(name);
        if (child.isDirectory()) {
            tree(child);
        } else {
            inode(child);
        }
    }

    private void inode(Inode i) {
        if (seen(i)) {
            mix(i.ino());
            return;
        }
        if (inodeCount == inodes.length) {
            inodes = java.util.Arrays.copyOf(inodes, inodeCount * 2);
        }
        inodes[inodeCount++] = i;
        mix(i.ino());
        mix(i.mode);
        mix(i.uid);
        mix(i.gid);
        mix(i.nlink);
        mix(i.size);
        mix(i.readCount);
        mix(i.writeCount);
        mix(i.lockContext != null);
        if (!i.xattrs.isEmpty()) {
            for (Map.Entry<String, byte[]> x : i.xattrs.entrySet()) {
                mix(x.getKey());
                mix(java.util.Arrays.hashCode(x.getValue()));
            }
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
        } else if (i.fsPrivate != null) {
            mix(opaque.digest(i.fsPrivate));
        }
    }
}
