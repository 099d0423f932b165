package org.layoutlease.bench;

import java.util.concurrent.TimeUnit;
import org.layoutlease.scenario.explore.Explorer;
import org.layoutlease.scenario.explore.Plan;
import org.layoutlease.scenario.syntax.Parser;
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
 * One complete exhaustive exploration of a 3-process program with {@code steps} steps per
 * process (the design lab's size), reduction on. JMH samples the time of each exploration;
 * states per second is the exploration's state count ({@link #states(int)}, deterministic)
 * divided by that time. Sample time, like the other benchmarks, so that the report can give
 * the median of each iteration and a sample disturbed by another process stays in the tail.
 *
 * <p>Target (issue 6): at least 100,000 states per second. No real-kernel anchor exists: the
 * kernel cannot re-run a schedule.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ExplorerBench {

    @Param({"4", "10"})
    public int steps;

    private Plan plan;

    @Setup
    public void setup() {
        plan = plan(steps);
        var o = Explorer.explore(plan, Explorer.Options.exhaustive(), Explorer.Progress.NONE);
        System.out.println("# explorer: " + steps + " steps x 3 processes: " + o.stats());
    }

    static Plan plan(int steps) {
        return Plan.of(Parser.parse("bench.scn", program(steps)), null);
    }

    /** States one exploration reaches (every executed move, revisits included): the rate's numerator. */
    static long states(int steps) {
        return Explorer.explore(plan(steps), Explorer.Options.exhaustive(), Explorer.Progress.NONE).stats().states();
    }

    /** Three processes, each writing its own file and reading a shared one. */
    static String program(int steps) {
        StringBuilder sb = new StringBuilder("policy linux\n");
        for (String p : new String[] {"A", "B", "C"}) {
            sb.append("process ").append(p).append(" uid=1000\n");
            sb.append("file /mnt/").append(p).append(" size=4096 uid=1000\n");
        }
        sb.append("file /mnt/shared size=4096 uid=1000\n");
        for (String p : new String[] {"A", "B", "C"}) {
            for (int i = 0; i < steps; i++) {
                sb.append(p).append(switch (i % 4) {
                    case 0 -> ": open(\"/mnt/" + p + "\", O_RDWR)\n";
                    case 1 -> ": write(3, \"x\", 1)\n";
                    case 2 -> ": open(\"/mnt/shared\", O_RDONLY)\n";
                    default -> ": close(4)\n";
                });
            }
        }
        return sb.toString();
    }

    @Benchmark
    public Object exploreOnce() {
        return Explorer.explore(plan, Explorer.Options.exhaustive(), Explorer.Progress.NONE);
    }
}
