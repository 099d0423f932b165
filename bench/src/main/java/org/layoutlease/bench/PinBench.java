package org.layoutlease.bench;

import java.util.concurrent.TimeUnit;
import org.layoutlease.kernel.rdma.IbMr;
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
 * Memory registration over 1 GiB of FS-DAX: ibv_reg_mr (GUP with FOLL_LONGTERM over the whole
 * mapping, file pins, the pin table's interval counters) followed by ibv_dereg_mr, on a file of
 * one extent or of 512 extents ({@link PinWorld}).
 *
 * <p>Anchor: long-term pinning by io_uring buffer registration costs 0.06 µs per resident 4 KiB
 * page on Linux (LINUX-LEASES.md Part C), 15.7 ms for 1 GiB. Target: the registration under
 * 1 ms even with 512 extents (one invocation is registration plus deregistration).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PinBench {
    @Param({"1", "512"})
    public int extents;

    public PinWorld world;

    @Setup
    public void setup() {
        world = new PinWorld(PinWorld.GIB, extents, 4 * PinWorld.GIB);
    }

    @Benchmark
    public long registerGiB() {
        IbMr mr = world.register(PinWorld.GIB);
        world.deregister(mr);
        return mr.handle();
    }
}
