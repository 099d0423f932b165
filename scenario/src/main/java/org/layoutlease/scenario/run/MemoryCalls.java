package org.layoutlease.scenario.run;

import java.util.List;
import org.layoutlease.kernel.Subsystems;
import org.layoutlease.kernel.fs.Aio;
import org.layoutlease.kernel.fs.File;
import org.layoutlease.kernel.rdma.IbMr;
import org.layoutlease.kernel.rdma.IbPd;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.SysErr;
import org.layoutlease.kernel.uapi.SysResult;
import org.layoutlease.scenario.syntax.Expr;
import org.layoutlease.scenario.syntax.Line;

/**
 * §4.4 and §4.5: memory, RDMA and other pinning users. PD, MR and AIO handles are small
 * integers; the object a variable was bound to (the call's output) carries its identity, since
 * two uverbs files both have a PD 1. A plain number is looked up among the caller's own
 * uverbs files (or AIO requests).
 */
final class MemoryCalls {
    private MemoryCalls() {
    }

    private static Subsystems sub(Env env) {
        return env.kernel.sub();
    }

    static void register(CallTable t) {
        t.add("mmap", (env, task, step, a) -> sub(env).mm.mmap(task, env.num(a.get(0)), env.num(a.get(1)),
            env.i32(a.get(2)), env.i32(a.get(3)), env.i32(a.get(4)), env.num(a.get(5))));
        t.add("munmap", (env, task, step, a) -> sub(env).mm.munmap(task, env.num(a.get(0)), env.num(a.get(1))));
        t.add("poke", (env, task, step, a) -> sub(env).mm.poke(task, env.num(a.get(0)), env.num(a.get(1)),
            env.i32(a.get(2))));
        t.add("peek", (env, task, step, a) -> sub(env).mm.peek(task, env.num(a.get(0)), env.num(a.get(1))));
        t.add("ibv_alloc_pd", (env, task, step, a) -> sub(env).rdma.allocPd(task, env.i32(a.get(0))));
        t.add("ibv_dealloc_pd", (env, task, step, a) -> sub(env).rdma.deallocPd(task, pd(env, task, a.get(0))));
        t.add("ibv_reg_mr", (env, task, step, a) -> sub(env).rdma.regMr(task, pd(env, task, a.get(0)),
            env.num(a.get(1)), env.num(a.get(2)), env.i32(a.get(3))));
        t.add("ibv_dereg_mr", (env, task, step, a) -> sub(env).rdma.deregMr(task, mr(env, task, a.get(0))));
        t.add("io_uring_setup", (env, task, step, a) -> sub(env).ioUring.setup(task, env.i32(a.get(0))));
        t.add("io_uring_register", (env, task, step, a) -> sub(env).ioUring.register(task, env.i32(a.get(0)),
            env.i32(a.get(1)), env.num(a.get(2)), env.num(a.get(3))));
        t.add("io_submit", (env, task, step, a) -> sub(env).aio.submit(task, env.i32(a.get(0)), env.i32(a.get(1)),
            env.num(a.get(2)), env.num(a.get(3)), env.num(a.get(4))));
        t.add("io_getevents", MemoryCalls::getevents);
        t.addPeerCall("rdma_write", (env, task, step, a) -> sub(env).rdma.remoteWrite(step.proc(),
            mr(env, task, a.get(0)), env.num(a.get(1)), env.num(a.get(2)), env.i32(a.get(3))));
        t.addPeerCall("rdma_read", (env, task, step, a) -> sub(env).rdma.remoteRead(step.proc(),
            mr(env, task, a.get(0)), env.num(a.get(1)), env.num(a.get(2))));
    }

    private static SysResult getevents(Env env, Task task, Line.Step step, List<Expr> a) {
        Aio.Request r = env.handle(a.get(0)) instanceof Aio.Request req ? req : null;
        return sub(env).aio.getevents(task, r, r == null ? env.i32(a.get(0)) : r.id());
    }

    /** The PD an argument names: its bound object, or by handle among the caller's uverbs files. */
    private static IbPd pd(Env env, Task task, Expr e) {
        if (env.handle(e) instanceof IbPd pd) {
            return pd;
        }
        int handle = env.i32(e);
        for (File f : uverbsFiles(task)) {
            IbPd pd = sub(env).rdma.pdByHandle(f, handle);
            if (pd != null) {
                return pd;
            }
        }
        throw SysErr.of(Errno.EINVAL);
    }

    /** The MR an argument names: its bound object, or by handle among the caller's uverbs files. */
    private static IbMr mr(Env env, Task task, Expr e) {
        if (env.handle(e) instanceof IbMr mr) {
            return mr;
        }
        int handle = env.i32(e);
        for (File f : uverbsFiles(task)) {
            IbMr mr = sub(env).rdma.mrByHandle(f, handle);
            if (mr != null) {
                return mr;
            }
        }
        // A peer holds only keys: an rkey that names nothing is a remote access error.
        throw SysErr.of(task == null ? Errno.EACCES : Errno.EINVAL);
    }

    private static List<File> uverbsFiles(Task task) {
        if (task == null) {
            return List.of();
        }
        var ft = task.group().files;
        return ft.openFds().stream().map(ft::getOrNull).filter(f -> f != null).toList();
    }
}
