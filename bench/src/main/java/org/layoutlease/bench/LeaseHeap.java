package org.layoutlease.bench;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;

/**
 * Retained heap of N leases: builds the {@link LeasedFiles} world (N files, each open in a
 * holder process), measures the heap after full collections, leases every file, measures again.
 * Prints tab-separated {@code key value} lines for the report.
 *
 * <p>Target: 1,000,000 leases in under 256 MB of heap. Usage: {@code LeaseHeap [N]}.
 */
public final class LeaseHeap {
    private LeaseHeap() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long jvm = usedAfterGc();
        Sim sim = new Sim();
        long empty = usedAfterGc();
        long t0 = System.nanoTime();
        LeasedFiles world = LeasedFiles.build(sim, n, false);
        long opened = usedAfterGc();
        long t1 = System.nanoTime();
        world.leaseAll();
        long t2 = System.nanoTime();
        long leased = usedAfterGc();
        Reference.reachabilityFence(world);
        Reference.reachabilityFence(sim);
        System.out.println("leases\t" + n);
        System.out.println("kernel_empty_bytes\t" + (empty - jvm));
        System.out.println("files_open_bytes\t" + (opened - empty));
        System.out.println("leases_bytes\t" + (leased - opened));
        System.out.println("total_bytes\t" + (leased - jvm));
        System.out.println("open_seconds\t" + (t1 - t0) / 1e9);
        System.out.println("lease_seconds\t" + (t2 - t1) / 1e9);
    }

    static long usedAfterGc() {
        var mem = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, mem.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
