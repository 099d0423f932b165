package org.layoutlease.scenario.run;

import static org.layoutlease.kernel.uapi.Uapi.*;

import java.util.List;
import org.layoutlease.kernel.Subsystems;
import org.layoutlease.kernel.lib.Data;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.uapi.SysResult;
import org.layoutlease.scenario.syntax.Expr;

/** §4.1 and §4.2: files, descriptors and fcntl. */
final class FileCalls {
    private FileCalls() {
    }

    private static Subsystems sub(Env env) {
        return env.kernel.sub();
    }

    static void register(CallTable t) {
        t.add("open", (env, task, step, a) -> sub(env).fs.open(task, env.str(a.get(0)), env.i32(a.get(1)),
            a.size() > 2 ? env.i32(a.get(2)) : 0));
        t.add("openat", (env, task, step, a) -> sub(env).fs.openat(task, env.i32(a.get(0)), env.str(a.get(1)),
            env.i32(a.get(2)), a.size() > 3 ? env.i32(a.get(3)) : 0));
        t.add("creat", (env, task, step, a) -> sub(env).fs.creat(task, env.str(a.get(0)), env.i32(a.get(1))));
        t.add("close", (env, task, step, a) -> sub(env).fs.close(task, env.i32(a.get(0))));
        t.add("dup", (env, task, step, a) -> sub(env).fs.dup(task, env.i32(a.get(0))));
        t.add("dup2", (env, task, step, a) -> sub(env).fs.dup3(task, env.i32(a.get(0)), env.i32(a.get(1)), 0, true));
        t.add("dup3", (env, task, step, a) -> sub(env).fs.dup3(task, env.i32(a.get(0)), env.i32(a.get(1)),
            env.i32(a.get(2)), false));
        t.add("read", (env, task, step, a) -> sub(env).fs.read(task, env.i32(a.get(0)), env.num(a.get(2)), 0, false));
        t.add("pread64", (env, task, step, a) -> sub(env).fs.read(task, env.i32(a.get(0)), env.num(a.get(2)),
            env.num(a.get(3)), true));
        t.add("write", (env, task, step, a) -> {
            Data d = env.data(a.get(1));
            return sub(env).fs.write(task, env.i32(a.get(0)), d, count(env, a, 2, d), 0, false);
        });
        t.add("pwrite64", (env, task, step, a) -> {
            Data d = env.data(a.get(1));
            return sub(env).fs.write(task, env.i32(a.get(0)), d, count(env, a, 2, d), env.num(a.get(3)), true);
        });
        t.add("lseek", (env, task, step, a) -> sub(env).fs.lseek(task, env.i32(a.get(0)), env.num(a.get(1)),
            env.i32(a.get(2))));
        t.add("stat", (env, task, step, a) -> sub(env).fs.stat(task, env.str(a.get(0))));
        t.add("fstat", (env, task, step, a) -> sub(env).fs.fstat(task, env.i32(a.get(0))));
        t.add("truncate", (env, task, step, a) -> sub(env).fs.truncate(task, env.str(a.get(0)), env.num(a.get(1))));
        t.add("ftruncate", (env, task, step, a) -> sub(env).fs.ftruncate(task, env.i32(a.get(0)), env.num(a.get(1))));
        t.add("fallocate", (env, task, step, a) -> sub(env).fs.fallocate(task, env.i32(a.get(0)), env.i32(a.get(1)),
            env.num(a.get(2)), env.num(a.get(3))));
        t.add("ioctl", FileCalls::ioctl);
        t.add("unlink", (env, task, step, a) -> sub(env).fs.unlink(task, env.str(a.get(0))));
        t.add("rename", (env, task, step, a) -> sub(env).fs.rename(task, env.str(a.get(0)), env.str(a.get(1))));
        t.add("link", (env, task, step, a) -> sub(env).fs.link(task, env.str(a.get(0)), env.str(a.get(1))));
        t.add("chmod", (env, task, step, a) -> sub(env).fs.chmod(task, env.str(a.get(0)), env.i32(a.get(1))));
        t.add("chown", (env, task, step, a) -> sub(env).fs.chown(task, env.str(a.get(0)), env.i32(a.get(1)),
            env.i32(a.get(2))));
        t.add("fsync", (env, task, step, a) -> sub(env).fs.fsync(task, env.i32(a.get(0))));
        t.add("execve", (env, task, step, a) -> sub(env).exec.execve(task, env.str(a.get(0))));
        t.add("mkdir", (env, task, step, a) -> sub(env).fs.mkdir(task, env.str(a.get(0)), env.i32(a.get(1))));
        t.add("mknod", (env, task, step, a) -> sub(env).fs.mknod(task, env.str(a.get(0)), env.i32(a.get(1))));
        t.add("mkfifo", (env, task, step, a) -> sub(env).fs.mknod(task, env.str(a.get(0)),
            S_IFIFO | (env.i32(a.get(1)) & 07777)));
        t.add("pipe2", (env, task, step, a) -> sub(env).fs.pipe2(task, env.i32(a.get(1))));
        t.add("socketpair", (env, task, step, a) -> sub(env).fs.socketpair(task, env.i32(a.get(0)),
            env.i32(a.get(1)), env.i32(a.get(2))));
        t.add("utimensat", (env, task, step, a) -> sub(env).fs.utimensat(task, env.str(a.get(1))));
        t.add("setxattr", (env, task, step, a) -> sub(env).fs.setxattr(task, env.str(a.get(0)), env.str(a.get(1)),
            env.data(a.get(2)).toByteArray(), a.size() > 4 ? env.i32(a.get(4)) : 0));
        t.add("fcntl", FileCalls::fcntl);
    }

    private static long count(Env env, List<Expr> a, int i, Data d) {
        return a.size() > i ? env.num(a.get(i)) : d.length();
    }

    private static SysResult ioctl(Env env, Task task, org.layoutlease.scenario.syntax.Line.Step step, List<Expr> a) {
        long cmd = env.num(a.get(1));
        long arg = cmd == FICLONE ? env.num(a.get(2)) : 0;
        return sub(env).fs.ioctl(task, env.i32(a.get(0)), cmd, arg);
    }

    private static SysResult fcntl(Env env, Task task, org.layoutlease.scenario.syntax.Line.Step step, List<Expr> a) {
        int fd = env.i32(a.get(0));
        int cmd = env.i32(a.get(1));
        if (cmd == F_SETOWN_EX) {
            Expr.StructLit s = Outputs.struct(env, a, 2);
            return sub(env).fcntl.setOwnEx(task, fd, env.i32(Outputs.field(env, s, "type")),
                env.i32(Outputs.field(env, s, "pid")));
        }
        long arg = a.size() > 2 && cmd != F_GETOWN_EX ? env.num(a.get(2)) : 0;
        return sub(env).fcntl.fcntl(task, fd, cmd, arg);
    }
}
