package org.layoutlease.kernel;

import java.util.IdentityHashMap;
import java.util.Map;
import org.layoutlease.kernel.fs.Aio;
import org.layoutlease.kernel.fs.Devices;
import org.layoutlease.kernel.fs.Fasync;
import org.layoutlease.kernel.fs.Fcntl;
import org.layoutlease.kernel.fs.File;
import org.layoutlease.kernel.fs.FileOperations;
import org.layoutlease.kernel.fs.FileStore;
import org.layoutlease.kernel.fs.FsCalls;
import org.layoutlease.kernel.fs.FsType;
import org.layoutlease.kernel.fs.Inode;
import org.layoutlease.kernel.fs.LayoutBreaker;
import org.layoutlease.kernel.fs.LayoutByFsType;
import org.layoutlease.kernel.fs.Mount;
import org.layoutlease.kernel.fs.RegularFileOps;
import org.layoutlease.kernel.fs.Vfs;
import org.layoutlease.kernel.fs.block.BlockFileStore;
import org.layoutlease.kernel.fs.dax.DaxLayout;
import org.layoutlease.kernel.fs.dax.DeviceDax;
import org.layoutlease.kernel.fs.ext4.Ext4Layout;
import org.layoutlease.kernel.fs.locks.LayoutLeases;
import org.layoutlease.kernel.fs.locks.LeaseOps;
import org.layoutlease.kernel.fs.locks.Leases;
import org.layoutlease.kernel.fs.xfs.XfsLayout;
import org.layoutlease.kernel.io_uring.IoUring;
import org.layoutlease.kernel.mm.FilePins;
import org.layoutlease.kernel.mm.Gup;
import org.layoutlease.kernel.mm.MmCalls;
import org.layoutlease.kernel.mm.PinTable;
import org.layoutlease.kernel.mm.Vma;
import org.layoutlease.kernel.proc.ProcFs;
import org.layoutlease.kernel.proc.PtraceAccess;
import org.layoutlease.kernel.rdma.IbDevice;
import org.layoutlease.kernel.rdma.RdmaCalls;
import org.layoutlease.kernel.rdma.Uverbs;
import org.layoutlease.kernel.sched.ProcessCalls;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.sched.ThreadGroup;
import org.layoutlease.kernel.signal.SignalCalls;
import org.layoutlease.kernel.uapi.Uapi;

/**
 * The kernel's subsystems and the hooks between them: what happens on the last fput, on exit,
 * on fork, on mmap. Each subsystem owns its state; this class only wires them together.
 */
public final class Subsystems {
    /** Root and /proc devices: below the 0:(30+N) range the mount directives use. */
    public static final int ROOT_DEV_MINOR = 28;
    public static final int PROC_DEV_MINOR = 29;
    public static final int FIRST_OTHER_DEV_MINOR = 30;
    public static final int DAX_MAJOR = 259;
    /** Every mount's root directory is inode 2 (as on ext4); created objects count from 12. */
    public static final long ROOT_INO = 2;
    public static final long FIRST_INO = 12;

    private final Kernel k;
    public final Devices devices;
    public final FsCalls fs;
    public final Fcntl fcntl;
    public final Fasync fasync;
    public final ProcessCalls process;
    public final SignalCalls signal;
    public final MmCalls mm;
    public final org.layoutlease.kernel.fs.Exec exec;
    public final org.layoutlease.kernel.net.ScmRights scm;
    /** Every page pin and the pin invariants; file pins only where the policy tracks them. */
    public final PinTable pins;
    public final Gup gup;
    public final RdmaCalls rdma;
    public final IoUring ioUring;
    public final Aio aio;
    private final DaxLayout dax;
    /** Replaces the lease code's layout side (unit tests of the pin code); null: the lease code's. */
    private LayoutLeases layoutOverride;
    /** What the filesystems and GUP ask: always whatever {@link #layoutLeases()} is now. */
    private final LayoutLeases currentLayoutLeases = new LayoutLeases() {
        @Override
        public boolean hasLayoutLease(Inode inode) {
            return layoutLeases().hasLayoutLease(inode);
        }

        @Override
        public File exclusiveLayoutLeaseFile(Inode inode, int tgid) {
            return layoutLeases().exclusiveLayoutLeaseFile(inode, tgid);
        }

        @Override
        public Wait breakLayout(Task breaker, Inode inode, boolean nonblock) {
            return layoutLeases().breakLayout(breaker, inode, nonblock);
        }

        @Override
        public Wait breakLayout(Task breaker, Inode inode, boolean nonblock, boolean touchesLongtermPins) {
            return layoutLeases().breakLayout(breaker, inode, nonblock, touchesLongtermPins);
        }
    };
    private ProcFs procfs;
    private LeaseOps leases;
    private LayoutBreaker layout = LayoutBreaker.NONE;
    private final Map<Mount, FileStore> stores = new IdentityHashMap<>();
    private final RegularFileOps regularOps;
    private int daxMounts;
    private int otherMounts;
    private int nextMountId = Vfs.ROOT_MOUNT_ID;
    private long nextAnonIno = 1_000_000;

    Subsystems(Kernel k) {
        this.k = k;
        this.devices = new Devices(k);
        this.fs = new FsCalls(k, devices);
        this.fcntl = new Fcntl(k);
        this.fasync = new Fasync(k);
        this.process = new ProcessCalls(k);
        this.signal = new SignalCalls(k);
        this.mm = new MmCalls(k);
        this.exec = new org.layoutlease.kernel.fs.Exec(k);
        this.scm = new org.layoutlease.kernel.net.ScmRights(k);
        this.regularOps = new RegularFileOps(this);
        this.leases = new Leases(k);
        this.pins = new PinTable(k, k.policy().tracksFilePins() ? new FilePins(k) : null);
        this.gup = new Gup(k, mm, pins);
        this.rdma = new RdmaCalls(k, gup);
        this.ioUring = new IoUring(k, gup);
        this.aio = new Aio(k, gup);
        this.dax = new DaxLayout(k, pins);
        installLayoutBreakers();
    }

    /** Each filesystem's layout-break points, over the current layout leases. */
    private void installLayoutBreakers() {
        this.layout = new LayoutByFsType(new XfsLayout(currentLayoutLeases, dax, k.policy()),
            new Ext4Layout(currentLayoutLeases, dax, mm.mappings(), k.policy()));
    }

    /** The machine at power-on: a tmpfs root with /dev/null, /proc and /mnt. */
    void boot() {
        Mount root = newMount(FsType.TMPFS, "/", false, 0, ROOT_DEV_MINOR, 1L << 40, 4096);
        k.vfs.setRoot(root);
        // The root is empty: each directory is created as mkdir -p (ensureDirectory) would.
        Inode dev = bootDirectory(root, "dev");
        dev.mode = Uapi.S_IFDIR | 0755;
        Inode devNull = Vfs.create(dev, "null", Uapi.S_IFCHR | 0666, 0, 0);
        devNull.fops = Devices.NULL;
        Inode procDir = bootDirectory(root, "proc");
        procDir.mode = Uapi.S_IFDIR | 0555;
        Mount proc = newMount(FsType.PROC, "/proc", false, 0, PROC_DEV_MINOR, 0, 4096);
        k.vfs.mount(procDir, proc);
        procfs = new ProcFs(k, proc);
        procfs.addFile("locks", () -> joinLines(leases.procLocks()));
        if (pins.filePins() != null) {
            procfs.registerPidFile("file_pins", this::filePinsFile);
            if (k.policy().globalLayoutPinsTable()) {
                Inode fsDir = Vfs.create(proc.root, "fs", Uapi.S_IFDIR | 0555, 0, 0);
                Inode table = Vfs.create(fsDir, "layout_pins", Uapi.S_IFREG | 0444, 0, 0);
                table.procContent = () -> joinLines(layoutPinsLines());
            }
        }
        // /mnt is where scenarios put files and mount points: world-writable and sticky like /tmp,
        // the same mode the language gives mount points it creates.
        bootDirectory(root, "mnt");
    }

    /** A root-owned 1777 directory in the root mount's root, which must not have it yet. */
    private static Inode bootDirectory(Mount root, String name) {
        assert root.root.children.get(name) == null : name;
        return Vfs.create(root.root, name, Uapi.S_IFDIR | 01777, 0, 0);
    }

    /**
     * /proc/fs/layout_pins (docs/design-layoutlease.md rule 8): one line per (pinned file, pin
     * owner), with every live process holding a descriptor to the owner, ascending pid, lowest fd.
     */
    private java.util.List<String> layoutPinsLines() {
        java.util.List<String> out = new java.util.ArrayList<>();
        java.util.List<ThreadGroup> groups = new java.util.ArrayList<>(k.liveGroups());
        groups.sort(java.util.Comparator.comparingInt(ThreadGroup::tgid));
        for (FilePins.OwnerPin p : pins.filePins().ownerPins()) {
            Inode i = p.dataFile().inode();
            java.util.List<String> holders = new java.util.ArrayList<>();
            for (ThreadGroup g : groups) {
                int fd = g.files.fdOf(p.owner());
                if (fd >= 0) {
                    holders.add(g.tgid() + ":" + fd);
                }
            }
            out.add(i.mount().devString() + ":" + i.ino() + " " + p.dataFile().path() + " pages=" + p.pages()
                + " owner=" + p.owner().path() + " holders=" + String.join(",", holders));
        }
        return out;
    }

    private static String joinLines(java.util.List<String> lines) {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        return sb.toString();
    }

    private Mount newMount(FsType type, String path, boolean dax, int major, int minor, long size, int block) {
        Mount m = new Mount(nextMountId++, type, path, dax, major, minor, size, block, FIRST_INO);
        m.root = new Inode(ROOT_INO, m, Uapi.S_IFDIR | 01777, 0, 0);
        if (type != FsType.PROC) {
            BlockFileStore store = new BlockFileStore(m, k);
            store.listener = (inode, change) -> pins.layoutChanged(store, inode, change);
            m.storage = store;
            stores.put(m, store);
        }
        return m;
    }

    /** The `mount` directive. */
    public Mount mount(FsType type, String path, boolean dax, long size, int block) {
        boolean isDax = dax && type != FsType.TMPFS;
        int major = isDax ? DAX_MAJOR : 0;
        int minor = isDax ? daxMounts++ : FIRST_OTHER_DEV_MINOR + otherMounts++;
        Inode where = k.vfs.mountpointInode(path);
        Mount m = newMount(type, Vfs.canonical(path), isDax, major, minor, size, block);
        k.vfs.mount(where, m);
        return m;
    }

    private int rdmaDevices;

    /** `device rdma NAME [odp]`: /dev/infiniband/uverbsN, N in declaration order. */
    public Inode addRdmaDevice(String name, boolean odp) {
        Inode dir = k.vfs.ensureDirectory("/dev/infiniband");
        dir.mode = Uapi.S_IFDIR | 0755;
        Inode node = Vfs.create(dir, "uverbs" + rdmaDevices++, Uapi.S_IFCHR | 0666, 0, 0);
        node.fops = rdmaDriver(name, odp);
        return node;
    }

    /** The uverbs driver for a device. */
    private Devices.Driver rdmaDriver(String name, boolean odp) {
        return new Uverbs(new IbDevice(name, rdmaDevices - 1, odp), rdma);
    }

    /** `device dax PATH [size=N]`: a device-DAX character device, root-only. */
    public Inode addDaxDevice(String path, long sizeBytes) {
        String canon = Vfs.canonical(path);
        int slash = canon.lastIndexOf('/');
        Inode dir = k.vfs.ensureDirectory(slash == 0 ? "/" : canon.substring(0, slash));
        Inode node = Vfs.create(dir, canon.substring(slash + 1), Uapi.S_IFCHR | 0600, 0, 0);
        node.fops = new DeviceDax(canon, sizeBytes);
        return node;
    }

    /** What remains at the end with every process gone: leases, pins, file references (invariant leak). */
    public java.util.List<String> leaks() {
        java.util.List<String> out = new java.util.ArrayList<>(pins.remaining());
        out.addAll(leases.leaks());
        return out;
    }

    /** The kernel is quiescent after a step or a timer: check the state invariants. */
    void quiesced() {
        pins.checkLeaseCoverage(layoutLeases());
    }

    /** /proc/{pid}/file_pins (v2 patch 18): mode 0444, opening needs ptrace-read access. */
    private Inode filePinsFile(ProcFs p, Task t) {
        ThreadGroup g = t.group();
        Inode i = p.file(t, "file_pins", 0444, () -> joinLines(pins.filePins().render(g)));
        i.openCheck = reader -> PtraceAccess.checkRead(reader, g.cred);
        return i;
    }

    /** Replaces the layout-lease side of the lease code (null restores it): for unit tests of pins. */
    public void setLayoutLeases(LayoutLeases l) {
        this.layoutOverride = l;
    }

    public ProcFs procfs() {
        return procfs;
    }

    public LeaseOps leases() {
        return leases;
    }

    public void setLeases(LeaseOps ops) {
        this.leases = ops;
    }

    /** The layout-lease side of the lease code, or {@link LayoutLeases#NONE} if it has none. */
    public LayoutLeases layoutLeases() {
        if (layoutOverride != null) {
            return layoutOverride;
        }
        return leases instanceof LayoutLeases l ? l : LayoutLeases.NONE;
    }

    public LayoutBreaker layout() {
        return layout;
    }

    public void setLayout(LayoutBreaker breaker) {
        this.layout = breaker;
    }

    public Kernel kernel() {
        return k;
    }

    public FileStore store(Inode i) {
        FileStore s = stores.get(i.mount());
        if (s == null) {
            throw new IllegalStateException("no data store on " + i.mount().mountPoint());
        }
        return s;
    }

    public FileOperations regularOps() {
        return regularOps;
    }

    public long pipeIno() {
        return nextAnonIno++;
    }

    File openDevNull(int tgid) {
        Inode devNull = k.vfs.lookup(new org.layoutlease.kernel.sched.Cred(0, 0, -1L), "/dev/null");
        return k.newFile(devNull, "/dev/null", Uapi.O_RDWR | Uapi.O_LARGEFILE,
            File.FMODE_READ | File.FMODE_WRITE, Devices.NULL, tgid);
    }

    /** __fput(): leases end first (locks_remove_file), then f_op->release, then the open counts. */
    void release(File f) {
        if (!f.isPath()) {
            leases.fileReleased(f);
        }
        f.fops.release(k, f);
        FsCalls.countRelease(f);
        maybeEvict(f.inode());
    }

    /** Frees an inode's blocks once it has no links and no open files. */
    public void maybeEvict(Inode i) {
        if (i.isRegular() && i.nlink == 0 && i.readCount == 0 && i.writeCount == 0 && i.mount().storage != null) {
            store(i).evict(i);
        }
    }

    /** Exit: the descriptor table goes (last thread), then the address space, then /proc entries. */
    void exitResources(ThreadGroup g) {
        for (int fd : g.files.openFds()) {
            k.fput(g.files.remove(fd));
        }
        if (g.exe != null) {
            g.exe.inode().writeCount++;
            k.fput(g.exe);
            g.exe = null;
        }
        mm.unmapAll(g);
        exitHooks(g);
        procfs.forget(g.tgid());
        for (Task t : g.threads()) {
            procfs.forget(t.tid());
        }
    }

    /** exit_mm(): AIO requests in flight complete and release their pins. */
    private void exitHooks(ThreadGroup g) {
        aio.exit(g.mm);
    }

    public void forked(ThreadGroup parent, ThreadGroup child) {
        // Nothing beyond what fork copies: pins are not inherited.
    }

    public void mapped(Task t, Vma v) {
    }

    public void unmapped(ThreadGroup g, Vma v, long start, long end) {
    }
}
