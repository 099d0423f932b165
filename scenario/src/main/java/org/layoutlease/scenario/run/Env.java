package org.layoutlease.scenario.run;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.layoutlease.kernel.Kernel;
import org.layoutlease.kernel.fs.Inode;
import org.layoutlease.kernel.lib.Data;
import org.layoutlease.kernel.sched.Cred;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.uapi.Signals;
import org.layoutlease.kernel.uapi.SysErr;
import org.layoutlease.kernel.uapi.Uapi;
import org.layoutlease.scenario.syntax.Expr;
import org.layoutlease.scenario.syntax.ScenarioError;
import org.layoutlease.scenario.syntax.SourcePos;

/**
 * The run-time environment of one scenario: the kernel, the names of processes and peers, and
 * the variables bound so far. It turns argument expressions into the values calls need.
 */
public final class Env {
    public final Kernel kernel;
    public final String file;
    /** Every process and thread name ever introduced; {A} keeps its pid after A exits. */
    final Map<String, Task> tasks = new LinkedHashMap<>();
    final Set<String> peers = new java.util.LinkedHashSet<>();
    final Map<String, Long> vars = new HashMap<>();
    /** Kernel objects a variable stands for (an MR or PD handle), when the call returned one. */
    final Map<String, Object> handles = new HashMap<>();

    public Env(Kernel kernel, String file) {
        this.kernel = kernel;
        this.file = file;
    }

    /**
     * String and data arguments that need no substitution, by expression identity: they do not
     * depend on the machine, so the machines of one exploration share them (null: not shared).
     */
    private Map<Expr, Object> literals;

    /** Shares {@code cache} (an identity map, used from one thread) for the literal arguments of calls. */
    public void shareLiterals(Map<Expr, Object> cache) {
        this.literals = cache;
    }

    /** Names a task (a declared process, or the new task of fork() = C / thread() = T). */
    public void bindTask(String name, Task task) {
        tasks.put(name, task);
    }

    /** Binds {@code $name} as a successful {@code = $name} result does, with its kernel object if any. */
    public void bindVar(String name, long value, Object handle) {
        vars.put(name, value);
        if (handle != null) {
            handles.put(name, handle);
        }
    }

    /** Whether {@code $name} has been bound. */
    public boolean isBound(String name) {
        return vars.containsKey(name);
    }

    public ScenarioError error(SourcePos pos, String message) {
        return new ScenarioError(file, pos.line(), pos.col(), message);
    }

    /** The task a name stands for, alive or not; null if the name is unknown. */
    public Task task(String name) {
        return tasks.get(name);
    }

    public boolean isPeer(String name) {
        return peers.contains(name);
    }

    /** The kernel object bound with a variable, or null. */
    public Object handle(Expr e) {
        return e instanceof Expr.Var v ? handles.get(v.name()) : null;
    }

    /** An integer argument: literals, constants, flags, variables, process names (their pid), sums. */
    public long num(Expr e) {
        return switch (e) {
            case Expr.IntLit i -> i.value();
            case Expr.Name n -> nameValue(n);
            case Expr.Var v -> {
                Long value = vars.get(v.name());
                if (value == null) {
                    throw error(v.pos(), "$" + v.name() + " is not bound");
                }
                yield value;
            }
            case Expr.Flags f -> {
                long acc = 0;
                for (Expr p : f.parts()) {
                    acc |= num(p);
                }
                yield acc;
            }
            case Expr.BinOp b -> b.op() == '+' ? num(b.left()) + num(b.right()) : num(b.left()) - num(b.right());
            default -> throw error(e.pos(), "expected a number, found " + e.text());
        };
    }

    public int i32(Expr e) {
        return (int) num(e);
    }

    private long nameValue(Expr.Name n) {
        Task t = tasks.get(n.name());
        if (t != null) {
            return t.tid();
        }
        Long v = Uapi.valueOf(n.name());
        if (v == null) {
            throw error(n.pos(), "unknown constant or process '" + n.name() + "'");
        }
        return v;
    }

    /** A string argument (a path), with {A}, {ino:PATH}, {dev:PATH} and {mnt:PATH} substituted. */
    public String str(Expr e) {
        if (e instanceof Expr.StrLit s) {
            if (literals != null && literals.get(s) instanceof String known) {
                return known;
            }
            String raw = new String(s.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            if (raw.indexOf('{') >= 0) {
                return substitute(raw, s.pos());
            }
            if (literals != null) {
                literals.put(s, raw);
            }
            return raw;
        }
        throw error(e.pos(), "expected a string, found " + e.text());
    }

    /** A data argument: a string or a run-length literal. */
    public Data data(Expr e) {
        if (literals != null && literals.get(e) instanceof Data known) {
            return known;
        }
        Data d = literalData(e);
        if (literals != null) {
            literals.put(e, d);
        }
        return d;
    }

    private Data literalData(Expr e) {
        return switch (e) {
            case Expr.StrLit s -> Data.of(s.bytes());
            case Expr.DataLit d -> {
                Data.Builder b = new Data.Builder();
                for (Expr.DataRun r : d.runs()) {
                    b.append(Data.repeat(r.unit(), r.repeat()));
                }
                yield b.build();
            }
            default -> throw error(e.pos(), "expected data (\"...\" or \"x\"*N), found " + e.text());
        };
    }

    /** A signal set written as an array of signal names: [SIGIO, SIGRTMIN+1]. */
    public long sigset(Expr e) {
        if (!(e instanceof Expr.ArrayLit a)) {
            throw error(e.pos(), "expected a signal set like [SIGIO], found " + e.text());
        }
        long mask = 0;
        for (Expr item : a.items()) {
            long sig = num(item);
            if (!Signals.isValid((int) sig)) {
                throw error(item.pos(), "not a signal: " + item.text());
            }
            mask |= 1L << (sig - 1);
        }
        return mask;
    }

    /** Replaces {A}, {ino:PATH}, {dev:PATH} and {mnt:PATH} in scenario text. */
    public String substitute(String s, SourcePos pos) {
        if (s.indexOf('{') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int open = s.indexOf('{', i);
            int close = open < 0 ? -1 : s.indexOf('}', open);
            if (open < 0 || close < 0) {
                out.append(s, i, s.length());
                break;
            }
            out.append(s, i, open);
            String key = s.substring(open + 1, close);
            String value = placeholder(key);
            out.append(value != null ? value : s.substring(open, close + 1));
            i = close + 1;
        }
        return out.toString();
    }

    private String placeholder(String key) {
        Task t = tasks.get(key);
        if (t != null) {
            return Integer.toString(t.tid());
        }
        int colon = key.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String kind = key.substring(0, colon);
        String path = key.substring(colon + 1);
        Inode inode;
        try {
            inode = kernel.vfs.lookup(new Cred(0, 0, -1L), path);
        } catch (SysErr e) {
            return null;
        }
        return switch (kind) {
            case "ino" -> Long.toString(inode.ino());
            case "dev" -> inode.mount().devString();
            case "mnt" -> Integer.toString(inode.mount().mountId());
            default -> null;
        };
    }
}
