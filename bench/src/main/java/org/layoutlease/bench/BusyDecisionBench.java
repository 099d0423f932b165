package org.layoutlease.bench;

import java.util.concurrent.TimeUnit;
import org.layoutlease.kernel.fs.block.BlockFileStore;
import org.layoutlease.kernel.mm.Gup;
import org.layoutlease.kernel.mm.PinTable;
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
 * The busy-page decision of a layout change (dax_layout_busy_page: is any page of the range
 * pinned, and how) against N separately pinned ranges: every other page of a mapped FS-DAX file
 * pinned on its own (short-term pins, as kernel/mm PinScaleTest makes them). {@code lastPage}: the range is the last page, which no pin covers (k = 0);
 * {@code wholeFile}: the range covers every pin (k = N).
 *
 * <p>Anchor: none (Linux walks the page cache of the range). Target: O(log n + k), so the
 * one-page decision stays nearly flat from 100 to 10,000 pins.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BusyDecisionBench {
    @Param({"100", "1000", "10000"})
    public int pins;

    PinWorld world;
    PinTable table;
    BlockFileStore store;
    long end;

    @Setup
    public void setup() {
        long size = 2L * pins * PinWorld.PAGE;
        world = new PinWorld(size, 1, 4 * PinWorld.GIB);
        table = world.sim.k.sub().pins;
        store = (BlockFileStore) world.sim.k.sub().store(world.inode);
        end = size;
        Sim.ok(world.sim.k.syscall(world.task, () -> {
            for (int i = 0; i < pins; i++) {
                world.sim.k.sub().gup.pin(world.task.group(), world.buf + 2 * i * PinWorld.PAGE, PinWorld.PAGE,
                    Gup.FOLL_WRITE, null, "bench");
            }
            return org.layoutlease.kernel.uapi.SysResult.ok(0);
        }));
    }

    @Benchmark
    public PinTable.Busy lastPage() {
        return table.busy(store, world.inode, end - PinWorld.PAGE, end);
    }

    @Benchmark
    public PinTable.Busy wholeFile() {
        return table.busy(store, world.inode, 0, end);
    }
}
