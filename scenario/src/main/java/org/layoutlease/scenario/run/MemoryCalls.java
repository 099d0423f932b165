package org.layoutlease.scenario.run;

import org.layoutlease.kernel.NotImplemented;

/** §4.4 and §4.5: memory, RDMA and other pinning users. */
final class MemoryCalls {
    private MemoryCalls() {
    }

    static void register(CallTable t) {
        t.add("mmap", (env, task, step, a) -> env.kernel.sub().mm.mmap(task, env.num(a.get(0)), env.num(a.get(1)),
            env.i32(a.get(2)), env.i32(a.get(3)), env.i32(a.get(4)), env.num(a.get(5))));
        t.add("munmap", (env, task, step, a) -> env.kernel.sub().mm.munmap(task, env.num(a.get(0)), env.num(a.get(1))));
        for (String name : new String[] {"poke", "peek", "ibv_alloc_pd", "ibv_dealloc_pd", "ibv_reg_mr", "ibv_dereg_mr",
            "io_uring_setup", "io_uring_register", "io_submit", "io_getevents"}) {
            t.add(name, (env, task, step, a) -> {
                throw new NotImplemented(name);
            });
        }
        for (String name : new String[] {"rdma_write", "rdma_read"}) {
            t.addPeerCall(name, (env, task, step, a) -> {
                throw new NotImplemented(name);
            });
        }
    }
}
