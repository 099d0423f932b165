package org.layoutlease.bench;

import static org.layoutlease.kernel.uapi.Uapi.*;

import java.util.concurrent.TimeUnit;
import org.layoutlease.kernel.sched.Task;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single lease system calls on one file held by one process, each through the full system-call
 * boundary (fd lookup, fcntl dispatch, settle).
 *
 * <p>Anchors (LINUX-LEASES.md Part C, Linux 6.18, medians of 5 reruns): F_SETLEASE RD + F_UNLCK
 * pair 1.11 µs; F_GETLEASE with no lease on the inode 0.12 µs, with this fd holding a lease
 * 0.17 µs; open(O_RDONLY) of an unleased file 1.19 µs plus close() 0.43 µs = 1.62 µs.
 * <p>Target: faster than the kernel per operation (kernel time / simulator time above 1).
 *
 * <p>Sample-time mode: each sample times one batch of calls ({@link #BATCH}, or {@link #GET_BATCH}
 * for F_GETLEASE), as kernel_anchors.c times batches, so that medians leave out the samples in
 * which another process had the CPU. JMH's figures are per batch; the report divides by the
 * batch size (JMH's sample histogram has 1 ns resolution per operation, too coarse for these).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LeaseOpsBench {
    static final int BATCH = 10;
    static final int GET_BATCH = 100;
    Sim sim;
    Task holder;
    int fd;
    int leasedFd;

    @Setup
    public void setup() {
        sim = new Sim();
        sim.file("/mnt/f", 16);
        sim.file("/mnt/g", 16);
        holder = sim.process("holder");
        fd = (int) Sim.ok(sim.open(holder, "/mnt/f", O_RDONLY));
        leasedFd = (int) Sim.ok(sim.open(holder, "/mnt/g", O_RDONLY));
        Sim.ok(sim.setLease(holder, leasedFd, F_RDLCK));
    }

    /** fcntl(F_SETLEASE, F_RDLCK) then fcntl(F_SETLEASE, F_UNLCK); anchor 1.11 µs. Returns 0. */
    public long setUnlockPairOnce() {
        return Sim.ok(sim.setLease(holder, fd, F_RDLCK)) + Sim.ok(sim.setLease(holder, fd, F_UNLCK));
    }

    /** fcntl(F_GETLEASE) on a file nobody leases; anchor 0.12 µs. Returns F_UNLCK. */
    public long getLeaseNoneOnce() {
        return Sim.ok(sim.getLease(holder, fd));
    }

    /** fcntl(F_GETLEASE) on an fd that holds a read lease; anchor 0.17 µs. Returns F_RDLCK. */
    public long getLeaseHeldOnce() {
        return Sim.ok(sim.getLease(holder, leasedFd));
    }

    /** open(O_RDONLY) + close() of an unleased file; anchor 1.19 + 0.43 = 1.62 µs. Returns the fd. */
    public long openCloseUnleasedOnce() {
        int f = (int) Sim.ok(sim.open(holder, "/mnt/f", O_RDONLY));
        return Sim.ok(sim.close(holder, f)) + f;
    }

    @Benchmark
    public long setUnlockPair() {
        long s = 0;
        for (int i = 0; i < BATCH; i++) {
            s += setUnlockPairOnce();
        }
        return s;
    }

    @Benchmark
    public long getLeaseNone() {
        long s = 0;
        for (int i = 0; i < GET_BATCH; i++) {
            s += getLeaseNoneOnce();
        }
        return s;
    }

    @Benchmark
    public long getLeaseHeld() {
        long s = 0;
        for (int i = 0; i < GET_BATCH; i++) {
            s += getLeaseHeldOnce();
        }
        return s;
    }

    @Benchmark
    public long openCloseUnleased() {
        long s = 0;
        for (int i = 0; i < BATCH; i++) {
            s += openCloseUnleasedOnce();
        }
        return s;
    }
}
