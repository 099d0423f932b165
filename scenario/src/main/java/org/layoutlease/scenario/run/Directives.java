package org.layoutlease.scenario.run;

import java.util.List;
import org.layoutlease.kernel.Kernel;
import org.layoutlease.kernel.fs.FsType;
import org.layoutlease.kernel.fs.Inode;
import org.layoutlease.kernel.fs.Vfs;
import org.layoutlease.kernel.proc.ProcFs;
import org.layoutlease.kernel.sched.Cred;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.sched.ThreadGroup;
import org.layoutlease.kernel.uapi.Capabilities;
import org.layoutlease.kernel.uapi.SysErr;
import org.layoutlease.kernel.uapi.Uapi;
import org.layoutlease.scenario.syntax.Directive;
import org.layoutlease.scenario.syntax.ScenarioError;

/** What each directive does to the machine (§2). */
public final class Directives {
    private Directives() {
    }

    /** Applies a setup, time or sysctl directive ({@code cat} prints nothing here). */
    public static void apply(Env env, Directive d) {
        apply(env, d, null);
    }

    static void apply(Env env, Directive d, Runner runner) {
        Kernel k = env.kernel;
        switch (d) {
            case Directive.PolicyDirective p -> {
            }
            case Directive.SysctlDirective s -> k.sysctl.set(s.key(), s.value());
            case Directive.MountDirective m -> mount(env, m);
            case Directive.RdmaDeviceDirective r -> k.sub().addRdmaDevice(r.name(), r.odp());
            case Directive.DaxDeviceDirective x -> guarded(env, d, () -> k.sub().addDaxDevice(x.path(), x.sizeBytes()));
            case Directive.ProcessDirective p -> process(env, p);
            case Directive.PeerDirective p -> env.peers.add(p.name());
            case Directive.FileDirective f -> guarded(env, d, () -> file(env, f));
            case Directive.AdvanceDirective a -> k.advance(a.nanos());
            case Directive.CatDirective c -> {
            }
            case Directive.StrictDirective s -> {
            }
        }
    }

    private static void guarded(Env env, Directive d, Runnable r) {
        try {
            r.run();
        } catch (SysErr e) {
            throw new ScenarioError(env.file, d.lineNo(), 1, firstWord(d) + " failed: " + e.errno().name()
                + " (" + e.errno().message() + ")");
        }
    }

    private static String firstWord(Directive d) {
        String raw = d.raw().strip();
        int sp = raw.indexOf(' ');
        return sp < 0 ? raw : raw.substring(0, sp);
    }

    private static void mount(Env env, Directive.MountDirective m) {
        FsType type = FsType.byLabel(m.fsType());
        if (type == FsType.TMPFS && m.dax()) {
            throw new ScenarioError(env.file, m.lineNo(), 1, "tmpfs has no DAX mode; mount xfs or ext4 with dax");
        }
        guarded(env, m, () -> env.kernel.sub().mount(type, m.path(), m.dax(), m.sizeBytes(), m.blockSize()));
    }

    private static void process(Env env, Directive.ProcessDirective p) {
        int uid = p.uid() == null ? 0 : p.uid();
        int gid = p.gid() == null ? 0 : p.gid();
        long caps = uid == 0 ? Capabilities.ALL : Capabilities.NONE;
        if (p.caps() != null) {
            caps = parseCaps(env, p, p.caps());
        }
        ThreadGroup g = env.kernel.createProcess(p.name(), new Cred(uid, gid, caps));
        env.tasks.put(p.name(), g.leader());
    }

    private static long parseCaps(Env env, Directive.ProcessDirective p, List<String> items) {
        long caps = 0;
        for (String item : items) {
            switch (item) {
                case "all" -> caps = Capabilities.ALL;
                case "none" -> caps = 0;
                default -> {
                    boolean drop = item.startsWith("-");
                    int cap = Capabilities.byName(drop ? item.substring(1) : item);
                    if (cap < 0) {
                        throw new ScenarioError(env.file, p.lineNo(), 1, "unknown capability " + item);
                    }
                    caps = drop ? caps & ~Capabilities.bit(cap) : caps | Capabilities.bit(cap);
                }
            }
        }
        return caps;
    }

    private static void file(Env env, Directive.FileDirective f) {
        Kernel k = env.kernel;
        String path = Vfs.canonical(env.substitute(f.path(), new org.layoutlease.scenario.syntax.SourcePos(f.lineNo(), 1)));
        int slash = path.lastIndexOf('/');
        Inode dir = k.vfs.ensureDirectory(slash == 0 ? "/" : path.substring(0, slash));
        int mode = f.mode() == null ? 0644 : f.mode();
        Inode i = Vfs.create(dir, path.substring(slash + 1), Uapi.S_IFREG | mode,
            f.uid() == null ? 0 : f.uid(), f.gid() == null ? 0 : f.gid());
        k.sub().store(i).initFile(i, f.sizeBytes(), f.sparse());
    }

    /** The lines `cat` prints: the file's content, or `cat: PATH: ENAME` when it cannot be read. */
    static List<String> catLines(Env env, Directive.CatDirective c) {
        String path = env.substitute(c.path(), new org.layoutlease.scenario.syntax.SourcePos(c.lineNo(), 1));
        Task reader = null;
        Cred cred = new Cred(0, 0, Capabilities.ALL);
        if (c.asName() != null) {
            reader = env.task(c.asName());
            if (reader == null) {
                throw new ScenarioError(env.file, c.lineNo(), 1, "no process named " + c.asName());
            }
            cred = reader.group().cred;
        }
        try {
            return ProcFs.lines(env.kernel.sub().fs.readWhole(cred, reader, path));
        } catch (SysErr e) {
            return List.of("cat: " + path + ": " + e.errno().name());
        }
    }
}
