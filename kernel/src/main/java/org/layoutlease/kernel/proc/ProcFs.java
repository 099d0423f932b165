package org.layoutlease.kernel.proc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.layoutlease.kernel.Kernel;
import org.layoutlease.kernel.fs.File;
import org.layoutlease.kernel.fs.Inode;
import org.layoutlease.kernel.fs.Mount;
import org.layoutlease.kernel.fs.Vfs;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.sched.ThreadGroup;
import org.layoutlease.kernel.uapi.Uapi;

/**
 * procfs: files rendered from kernel state when read. Per-process directories appear and vanish
 * with their tasks; other subsystems register renderers ({@link #registerPidFile}).
 */
public final class ProcFs {

    /** Renders a per-process file for a task; null means the file does not exist for it. */
    public interface PidFile {
        Inode make(ProcFs fs, Task task);
    }

    private final Kernel kernel;
    private final Mount mount;
    private final Map<String, PidFile> pidFiles = new java.util.LinkedHashMap<>();
    private final Map<String, Inode> cache = new HashMap<>();

    public ProcFs(Kernel kernel, Mount mount) {
        this.kernel = kernel;
        this.mount = mount;
        mount.root.children.dynamicLookup = this::lookupPid;
        Inode sys = Vfs.create(mount.root, "sys", Uapi.S_IFDIR | 0555, 0, 0);
        Inode fs = Vfs.create(sys, "fs", Uapi.S_IFDIR | 0555, 0, 0);
        sysctlFile(fs, "lease-break-time", "fs.lease-break-time");
        sysctlFile(fs, "leases-enable", "fs.leases-enable");
        registerPidFile("status", (p, t) -> p.file(t, "status", 0444, () -> status(t)));
        registerPidFile("fdinfo", (p, t) -> p.fdinfoDir(t));
    }

    public Mount mount() {
        return mount;
    }

    /** Adds a top-level file such as /proc/locks. */
    public Inode addFile(String name, java.util.function.Supplier<String> content) {
        Inode i = Vfs.create(mount.root, name, Uapi.S_IFREG | 0444, 0, 0);
        i.procContent = content;
        return i;
    }

    /** Registers /proc/{pid}/{name}. */
    public void registerPidFile(String name, PidFile maker) {
        pidFiles.put(name, maker);
    }

    private void sysctlFile(Inode dir, String name, String key) {
        Inode i = Vfs.create(dir, name, Uapi.S_IFREG | 0644, 0, 0);
        i.procContent = () -> kernel.sysctl.get(key) + "\n";
    }

    private Inode lookupPid(String name) {
        int pid;
        try {
            pid = Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return null;
        }
        Task t = kernel.task(pid);
        if (t == null) {
            return null;
        }
        return cached("pid/" + pid, () -> {
            Inode dir = new Inode(procIno(), mount, Uapi.S_IFDIR | 0555, t.group().cred.euid, t.group().cred.egid);
            dir.children.dynamicLookup = n -> {
                PidFile f = pidFiles.get(n);
                return f == null || kernel.task(pid) == null ? null : cached("pid/" + pid + "/" + n, () -> f.make(this, t));
            };
            return dir;
        });
    }

    /** A regular procfs file owned by the task's effective ids. */
    public Inode file(Task t, String name, int perm, java.util.function.Supplier<String> content) {
        Inode i = new Inode(procIno(), mount, Uapi.S_IFREG | perm, t.group().cred.euid, t.group().cred.egid);
        i.procContent = content;
        return i;
    }

    private Inode fdinfoDir(Task t) {
        Inode dir = new Inode(procIno(), mount, Uapi.S_IFDIR | 0500, t.group().cred.euid, t.group().cred.egid);
        dir.children.dynamicLookup = n -> {
            int fd;
            try {
                fd = Integer.parseInt(n);
            } catch (NumberFormatException e) {
                return null;
            }
            File f = t.group().isAlive() ? t.group().files.getOrNull(fd) : null;
            return f == null ? null : file(t, n, 0444, () -> fdinfo(t.group(), fd, f));
        };
        return dir;
    }

    private Inode cached(String key, java.util.function.Supplier<Inode> make) {
        return cache.computeIfAbsent(key, x -> make.get());
    }

    /** The task's /proc entries vanish when it is reaped. */
    public void forget(int pid) {
        cache.keySet().removeIf(key -> key.equals("pid/" + pid) || key.startsWith("pid/" + pid + "/"));
    }

    private long procIno() {
        return mount.allocateIno();
    }

    private String status(Task t) {
        ThreadGroup g = t.group();
        var c = g.cred;
        return "Name:\t" + t.name() + "\n"
            + "Tgid:\t" + g.tgid() + "\n"
            + "Pid:\t" + t.tid() + "\n"
            + "Uid:\t" + c.uid + "\t" + c.euid + "\t" + c.suid + "\t" + c.fsuid + "\n"
            + "Gid:\t" + c.gid + "\t" + c.egid + "\t" + c.sgid + "\t" + c.fsgid + "\n";
    }

    /** /proc/{pid}/fdinfo/{fd}: pos, flags (octal), mnt_id, ino, then this open file's locks. */
    private String fdinfo(ThreadGroup g, int fd, File f) {
        StringBuilder sb = new StringBuilder();
        sb.append("pos:\t").append(f.pos).append('\n');
        boolean cloexec = g.isAlive() && g.files.getOrNull(fd) == f && g.files.isCloexec(fd);
        sb.append("flags:\t0").append(Integer.toOctalString(f.flags | (cloexec ? Uapi.O_CLOEXEC : 0))).append('\n');
        sb.append("mnt_id:\t").append(f.inode().mount().mountId()).append('\n');
        sb.append("ino:\t").append(f.inode().ino()).append('\n');
        for (String lock : kernel.sub().leases().fdinfoLocks(f)) {
            sb.append("lock:\t").append(lock).append('\n');
        }
        return sb.toString();
    }

    /** Splits rendered content into lines for `cat` (a trailing newline ends the last line). */
    public static List<String> lines(String content) {
        List<String> out = new ArrayList<>(List.of(content.split("\n", -1)));
        if (!out.isEmpty() && out.getLast().isEmpty()) {
            out.removeLast();
        }
        return out;
    }
}
