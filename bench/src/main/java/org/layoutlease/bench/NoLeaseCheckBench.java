package org.layoutlease.bench;

import static org.layoutlease.kernel.uapi.Uapi.*;

import java.util.concurrent.TimeUnit;
import org.layoutlease.kernel.Wait;
import org.layoutlease.kernel.fs.Inode;
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
 * The "no leases on this inode" fast path that every open and truncate pays (break_lease()'s
 * lockless check of i_flctx): the exact expression FsCalls evaluates,
 * {@code k.sub().leases().hasLeases(inode)}, and the full {@code breakLease} entry on an
 * unleased inode. Inodes cycle through 4096 files, half of which never had a lease (no lock
 * context) and half of which had one that is gone (an empty context), so the load is not one
 * cached line.
 *
 * <p>Anchor: none in LINUX-LEASES.md (the kernel's check is a few instructions inside the
 * 1.19 µs open). Target: under 10 ns per check. Sample-time mode, {@link #BATCH} checks per
 * sample (one check is far below the timer's resolution); JMH's figures are per batch and the
 * report divides by the batch size.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NoLeaseCheckBench {
    static final int FILES = 4096;
    static final int BATCH = 1000;
    Sim sim;
    Task task;
    Inode[] inodes;
    int next;

    @Setup
    public void setup() {
        sim = new Sim();
        task = sim.process("t");
        inodes = new Inode[FILES];
        for (int i = 0; i < FILES; i++) {
            String path = "/mnt/n/f" + i;
            inodes[i] = sim.file(path, 0);
            if (i % 2 == 1) {
                int fd = (int) Sim.ok(sim.open(task, path, O_RDONLY));
                Sim.ok(sim.setLease(task, fd, F_RDLCK));
                Sim.ok(sim.close(task, fd));
            }
        }
    }

    private Inode nextInode() {
        return inodes[next++ & (FILES - 1)];
    }

    /** The check itself, as open() and truncate() evaluate it. */
    public boolean hasLeasesOnce() {
        return sim.k.sub().leases().hasLeases(nextInode());
    }

    /** break_lease() called on an unleased inode: the check plus the call that returns NONE. */
    public Wait breakLeaseUnleasedOnce() {
        return sim.k.sub().leases().breakLease(task, nextInode(), O_WRONLY);
    }

    @Benchmark
    public int hasLeases() {
        int n = 0;
        for (int i = 0; i < BATCH; i++) {
            n += hasLeasesOnce() ? 1 : 0;
        }
        return n;
    }

    @Benchmark
    public int breakLeaseUnleased() {
        int n = 0;
        for (int i = 0; i < BATCH; i++) {
            n += breakLeaseUnleasedOnce() == Wait.NONE ? 1 : 0;
        }
        return n;
    }
}
