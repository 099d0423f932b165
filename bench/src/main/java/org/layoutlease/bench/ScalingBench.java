package org.layoutlease.bench;

import static org.layoutlease.kernel.uapi.Uapi.*;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.layoutlease.kernel.sched.Task;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-operation cost as the number of leased files grows from 10 to 1,000,000 (each file open
 * in a holder process and read-leased; {@link LeasedFiles}).
 *
 * <p>{@code access=hot}: calls cycle over a working set of {@value #WORKING_SET} files picked at
 * random among the N, so the figure isolates how the kernel's data structures scale with the
 * leases of other files (the flat-scaling target). {@code access=spread}: calls walk a random
 * permutation of all N files, so at large N each call also pays the cache misses of a cold
 * file, inode and lease (about 600 MB of heap at N = 1,000,000), as a real workload spread over
 * that many files would on any kernel.
 *
 * <p>Operations: the F_SETLEASE pair (anchor 1.11 µs; here F_UNLCK then F_RDLCK so that N
 * leases stay); F_GETLEASE of a held lease (anchor 0.17 µs); open(O_RDONLY) + close() of a
 * read-leased file by another process (anchor 1.31 + 0.54 µs).
 * <p>Target: flat scaling, per-op cost at 1,000,000 files within 2x of the cost at 10
 * ({@code access=hot}; {@code spread} is reported beside it). Sample-time mode, {@link #BATCH}
 * calls per sample; JMH's figures are per batch and the report divides by the batch size.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class ScalingBench {
    static final int WORKING_SET = 8;
    static final int BATCH = 10;

    @Param({"10", "1000", "100000", "1000000"})
    public int files;

    @Param({"hot", "spread"})
    public String access = "spread";

    LeasedFiles world;
    Task reader;
    int[] order;
    String[] paths;
    int next;

    @Setup
    public void setup() {
        Sim sim = new Sim();
        world = LeasedFiles.build(sim, files, true);
        reader = sim.process("reader");
        order = new int[files];
        paths = new String[files];
        for (int i = 0; i < files; i++) {
            order[i] = i;
            paths[i] = LeasedFiles.path(i);
        }
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = files - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        if (access.equals("hot")) {
            useWorkingSet(WORKING_SET);
        }
    }

    /** Restricts the calls to the first {@code k} files of the permutation. */
    public void useWorkingSet(int k) {
        order = java.util.Arrays.copyOf(order, Math.min(k, files));
        next = 0;
    }

    private int nextFile() {
        int i = order[next];
        next = next + 1 == order.length ? 0 : next + 1;
        return i;
    }

    @Benchmark
    public long leasePairs() {
        long s = 0;
        for (int i = 0; i < BATCH; i++) {
            s += leasePair();
        }
        return s;
    }

    @Benchmark
    public long getLeases() {
        long s = 0;
        for (int i = 0; i < BATCH; i++) {
            s += getLease();
        }
        return s;
    }

    @Benchmark
    public long openCloses() {
        long s = 0;
        for (int i = 0; i < BATCH; i++) {
            s += openClose();
        }
        return s;
    }

    /** F_SETLEASE F_UNLCK then F_RDLCK on the next file; returns 0. */
    public long leasePair() {
        int i = nextFile();
        Task h = world.holder(i);
        int fd = world.fd(i);
        return Sim.ok(world.sim.setLease(h, fd, F_UNLCK)) + Sim.ok(world.sim.setLease(h, fd, F_RDLCK));
    }

    /** F_GETLEASE on the next file; returns F_RDLCK. */
    public long getLease() {
        int i = nextFile();
        return Sim.ok(world.sim.getLease(world.holder(i), world.fd(i)));
    }

    /** open(O_RDONLY) + close() of the next file by the reader; returns the fd (3). */
    public long openClose() {
        int i = nextFile();
        int fd = (int) Sim.ok(world.sim.open(reader, paths[i], O_RDONLY));
        return Sim.ok(world.sim.close(reader, fd)) + fd;
    }
}
