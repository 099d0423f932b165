package org.layoutlease.scenario.run;

import static org.layoutlease.kernel.uapi.Uapi.*;

import java.util.List;
import org.layoutlease.kernel.KernelEvent;
import org.layoutlease.kernel.lib.Data;
import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.Signals;
import org.layoutlease.kernel.uapi.SysResult;
import org.layoutlease.scenario.syntax.Expr;

/** How results, durations and events print, strace-style. */
final class Render {
    private Render() {
    }

    /** The text after {@code = } for a finished call. */
    static String result(String call, List<Expr> args, SysResult r, Env env) {
        return switch (r) {
            case SysResult.Error e -> errno(e.errno());
            case SysResult.Value v -> value(call, args, v, env);
            case SysResult.Blocked b -> "?";
        };
    }

    static String errno(Errno e) {
        return "-1 " + e.name() + " (" + e.message() + ")";
    }

    private static String value(String call, List<Expr> args, SysResult.Value v, Env env) {
        long x = v.value();
        switch (call) {
            case "mmap":
                return "0x" + Long.toHexString(x);
            case "exit_group":
                return "?";
            case "fork", "thread":
                return nameOf(env, (int) x);
            case "rt_sigtimedwait":
                return Signals.name((int) x);
            case "peek", "rdma_read":
                return v.output() instanceof Data d ? d.render() : Long.toString(x);
            case "fcntl":
                return fcntlValue(args, x, env);
            default:
                return Long.toString(x);
        }
    }

    private static String nameOf(Env env, int tid) {
        for (var e : env.tasks.entrySet()) {
            if (e.getValue().tid() == tid) {
                return e.getKey();
            }
        }
        return Integer.toString(tid);
    }

    private static String fcntlValue(List<Expr> args, long x, Env env) {
        long cmd;
        try {
            cmd = env.num(args.get(1));
        } catch (RuntimeException e) {
            return Long.toString(x);
        }
        if (cmd == F_GETLEASE) {
            return x == F_RDLCK ? "F_RDLCK" : x == F_WRLCK ? "F_WRLCK" : x == F_UNLCK ? "F_UNLCK"
                : x == F_LAYOUT ? "F_LAYOUT" : Long.toString(x);
        }
        if (cmd == F_GETFL) {
            return openFlags((int) x);
        }
        if (cmd == F_GETFD) {
            return x == FD_CLOEXEC ? "FD_CLOEXEC" : Long.toString(x);
        }
        if (cmd == F_GETSIG && x > 0) {
            return Signals.name((int) x);
        }
        return Long.toString(x);
    }

    private static final int[] FLAG_BITS = {O_CREAT, O_EXCL, O_NOCTTY, O_TRUNC, O_APPEND, O_NONBLOCK, O_DSYNC,
        O_ASYNC, O_DIRECT, O_LARGEFILE, O_DIRECTORY, O_NOFOLLOW, O_NOATIME, O_CLOEXEC, O_PATH};
    private static final String[] FLAG_NAMES = {"O_CREAT", "O_EXCL", "O_NOCTTY", "O_TRUNC", "O_APPEND", "O_NONBLOCK",
        "O_DSYNC", "O_ASYNC", "O_DIRECT", "O_LARGEFILE", "O_DIRECTORY", "O_NOFOLLOW", "O_NOATIME", "O_CLOEXEC", "O_PATH"};

    /** Open flags as strace prints them: the access mode, then each set flag. */
    static String openFlags(int flags) {
        StringBuilder sb = new StringBuilder();
        int rest = flags;
        if ((flags & O_PATH) == 0) {
            int acc = flags & O_ACCMODE;
            sb.append(acc == O_RDONLY ? "O_RDONLY" : acc == O_WRONLY ? "O_WRONLY" : acc == O_RDWR ? "O_RDWR" : "03");
            rest &= ~O_ACCMODE;
        }
        for (int i = 0; i < FLAG_BITS.length; i++) {
            if ((rest & FLAG_BITS[i]) == FLAG_BITS[i]) {
                sb.append(sb.isEmpty() ? "" : "|").append(FLAG_NAMES[i]);
                rest &= ~FLAG_BITS[i];
            }
        }
        if (rest != 0) {
            sb.append(sb.isEmpty() ? "" : "|").append("0").append(Integer.toOctalString(rest));
        }
        return sb.toString();
    }

    /** strace -T: seconds with six decimals. */
    static String duration(long nanos) {
        long micros = Math.round(nanos / 1000.0);
        return String.format("<%d.%06d>", micros / 1_000_000, micros % 1_000_000);
    }

    static String signalLine(KernelEvent.SignalDelivered s) {
        return s.task().name() + ": --- " + Signals.name(s.info().signo()) + " " + s.info().render() + " ---";
    }

    static String exitLine(KernelEvent e) {
        return switch (e) {
            case KernelEvent.Exited x -> x.task().name() + ": +++ exited with " + x.code() + " +++";
            case KernelEvent.Killed k -> k.task().name() + ": +++ killed by " + Signals.name(k.signo()) + " +++";
            default -> throw new IllegalArgumentException(e.toString());
        };
    }

    static String invariantLine(String name, String text) {
        return "!!! invariant " + name + ": " + text;
    }
}
