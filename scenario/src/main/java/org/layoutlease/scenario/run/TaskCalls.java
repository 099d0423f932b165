package org.layoutlease.scenario.run;

import java.util.List;
import org.layoutlease.kernel.Subsystems;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.sched.ThreadGroup;
import org.layoutlease.kernel.uapi.SysResult;
import org.layoutlease.kernel.uapi.Uapi;
import org.layoutlease.scenario.syntax.Expr;
import org.layoutlease.scenario.syntax.Line;
import org.layoutlease.scenario.syntax.Result;

/** §4.3: processes, credentials and signals. */
final class TaskCalls {
    private TaskCalls() {
    }

    private static Subsystems sub(Env env) {
        return env.kernel.sub();
    }

    static void register(CallTable t) {
        t.add("fork", (env, task, step, a) -> sub(env).process.fork(task, newName(env, step)));
        t.add("thread", (env, task, step, a) -> sub(env).process.thread(task, newName(env, step)));
        t.add("exit_group", (env, task, step, a) -> sub(env).process.exitGroup(task, env.i32(a.get(0))));
        t.add("kill", (env, task, step, a) -> sub(env).signal.kill(task, env.i32(a.get(0)), env.i32(a.get(1))));
        t.add("tgkill", (env, task, step, a) -> sub(env).signal.tgkill(task, env.i32(a.get(0)), env.i32(a.get(1)),
            env.i32(a.get(2))));
        t.add("getpid", (env, task, step, a) -> SysResult.ok(task.tgid()));
        t.add("gettid", (env, task, step, a) -> SysResult.ok(task.tid()));
        t.add("setuid", (env, task, step, a) -> sub(env).process.setuid(task, env.i32(a.get(0))));
        t.add("seteuid", (env, task, step, a) -> sub(env).process.seteuid(task, env.i32(a.get(0))));
        t.add("setfsuid", (env, task, step, a) -> sub(env).process.setfsuid(task, env.i32(a.get(0))));
        t.add("setpgid", (env, task, step, a) -> sub(env).process.setpgid(task, env.i32(a.get(0)), env.i32(a.get(1))));
        t.add("getpgid", (env, task, step, a) -> sub(env).process.getpgid(task, env.i32(a.get(0))));
        t.add("rt_sigaction", TaskCalls::sigaction);
        t.add("rt_sigprocmask", (env, task, step, a) -> sub(env).signal.rtSigprocmask(task, env.i32(a.get(0)),
            env.sigset(a.get(1))));
        t.add("rt_sigtimedwait", (env, task, step, a) -> sub(env).signal.rtSigtimedwait(task, env.sigset(a.get(0)),
            a.size() > 1 ? env.num(a.get(1)) * 1_000_000_000L : -1));
        t.add("scm_rights", TaskCalls::scmRights);
    }

    /** fork() and thread() are written {@code = C}: the result names the new task. */
    private static String newName(Env env, Line.Step step) {
        if (step.result() instanceof Result.ValueResult v && v.value() instanceof Expr.Name n
            && env.task(n.name()) == null && !env.isPeer(n.name())) {
            return n.name();
        }
        throw env.error(step.callPos(), step.call() + "() must be written with a new name as its result, e.g. "
            + step.call() + "() = C");
    }

    private static SysResult sigaction(Env env, Task task, Line.Step step, List<Expr> a) {
        long handler = env.num(a.get(1));
        long flags = a.size() > 2 ? env.num(a.get(2)) : 0;
        return sub(env).signal.rtSigaction(task, env.i32(a.get(0)), handler, flags);
    }

    private static SysResult scmRights(Env env, Task task, Line.Step step, List<Expr> a) {
        if (!(a.get(1) instanceof Expr.Name n) || env.task(n.name()) == null) {
            throw env.error(a.get(1).pos(), "scm_rights needs the receiving process's name");
        }
        ThreadGroup receiver = env.task(n.name()).group();
        return sub(env).scm.pass(task, env.i32(a.get(0)), receiver);
    }

    static final long SIG_HANDLER = Uapi.SIG_HANDLER;
}
