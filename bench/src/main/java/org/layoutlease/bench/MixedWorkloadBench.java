package org.layoutlease.bench;

import static org.layoutlease.kernel.uapi.Uapi.*;

import java.util.concurrent.TimeUnit;
import org.layoutlease.kernel.sched.Task;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A mixed workload of simulated system calls on 64 files, single thread, reported in calls per
 * second. Each invocation is nine calls on the next file: the holder opens it, takes a read
 * lease and reads it back; a second process opens and closes it (no conflict); the second
 * process truncates it, which breaks the lease and blocks; the holder's SIGIO handler runs and
 * it unlocks, which completes the truncate; the holder closes; the second process truncates the
 * now unleased file (fast path). Events are drained once per invocation, as the runner does.
 *
 * <p>Mix: 2 opens, 2 closes, 3 lease calls (set, get, unlock), 1 break (blocking truncate),
 * 1 plain truncate. Anchor: none directly; the kernel's own calls cost 0.12–7 µs each.
 * <p>Target: at least 2,000,000 simulated system calls per second. Sample-time mode: each
 * sample is one invocation (nine calls), reported per call; the report turns the median into
 * calls per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MixedWorkloadBench {
    static final int FILES = 64;
    static final int CALLS = 9;
    Sim sim;
    Task holder;
    Task other;
    String[] paths;
    int next;

    @Setup
    public void setup() {
        sim = new Sim();
        holder = sim.process("holder");
        other = sim.process("other");
        Sim.ok(sim.handleSigio(holder));
        paths = new String[FILES];
        for (int i = 0; i < FILES; i++) {
            paths[i] = "/mnt/m/f" + i;
            sim.file(paths[i], 4096);
        }
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public long cycle() {
        String p = paths[next++ & (FILES - 1)];
        int fd = (int) Sim.ok(sim.open(holder, p, O_RDONLY));
        Sim.ok(sim.setLease(holder, fd, F_RDLCK));
        long type = Sim.ok(sim.getLease(holder, fd));
        int fd2 = (int) Sim.ok(sim.open(other, p, O_RDONLY));
        Sim.ok(sim.close(other, fd2));
        Sim.blocked(sim.truncate(other, p, 0));
        Sim.ok(sim.setLease(holder, fd, F_UNLCK));
        Sim.ok(sim.close(holder, fd));
        Sim.ok(sim.truncate(other, p, 4096));
        return type + sim.drain().size();
    }
}
