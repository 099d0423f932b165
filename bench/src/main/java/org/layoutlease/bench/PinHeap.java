package org.layoutlease.bench;

import java.lang.ref.Reference;
import org.layoutlease.kernel.rdma.IbMr;

/**
 * Retained heap of 1 TiB of long-term pinned FS-DAX address space: a 1 TiB file on an FS-DAX
 * mount, mapped and registered as RDMA memory regions. Prints {@code key value} lines: the heap
 * of the mapped world before the registration, and what the pins add.
 *
 * <p>Target: 1 TiB of pinned FS-DAX address space in under 64 MB of heap.
 */
public final class PinHeap {
    private PinHeap() {
    }

    public static void main(String[] args) {
        long tib = 1L << 40;
        long jvm = LeaseHeap.usedAfterGc();
        PinWorld world = new PinWorld(tib, 1, 2 * tib);
        long mapped = LeaseHeap.usedAfterGc();
        // One MR per 64 GiB: well under any per-MR limit, 16 registrations in all.
        long chunk = 64L << 30;
        IbMr[] mrs = new IbMr[(int) (tib / chunk)];
        long t0 = System.nanoTime();
        for (int i = 0; i < mrs.length; i++) {
            long off = i * chunk;
            var r = world.sim.k.syscall(world.task, () -> world.sim.k.sub().rdma.regMr(world.task, world.pd,
                world.buf + off, chunk, PinWorld.ACCESS));
            mrs[i] = (IbMr) ((org.layoutlease.kernel.uapi.SysResult.Value) r).output();
        }
        long t1 = System.nanoTime();
        long pinned = LeaseHeap.usedAfterGc();
        Reference.reachabilityFence(world);
        Reference.reachabilityFence(mrs);
        System.out.println("pinned_bytes\t" + tib);
        System.out.println("world_bytes\t" + (mapped - jvm));
        System.out.println("pins_bytes\t" + (pinned - mapped));
        System.out.println("register_seconds\t" + (t1 - t0) / 1e9);
    }
}
