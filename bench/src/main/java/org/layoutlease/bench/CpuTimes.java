package org.layoutlease.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The JMH benchmarks' operations timed in thread CPU time instead of wall-clock time. On a
 * machine shared with other work, JMH's wall-clock figures include the time the benchmark
 * thread waits for a CPU; the thread's CPU time does not, so it shows what an operation costs
 * the simulator itself. Same setup code, same operations, same keys as the JMH results.
 *
 * <p>Each operation runs in rounds of about {@code ROUND_NANOS} of CPU time; after warm-up
 * rounds, prints {@code key median_us min_us max_us} over the measured rounds (tab-separated).
 * Usage: {@code CpuTimes [--quick]}.
 */
public final class CpuTimes {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static int warmupRounds = 5;
    private static int rounds = 9;
    private static final long ROUND_NANOS = 200_000_000L;

    private CpuTimes() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("--quick")) {
            warmupRounds = 3;
            rounds = 5;
        }
        LeaseOpsBench ops = new LeaseOpsBench();
        ops.setup();
        time("LeaseOpsBench.setUnlockPair", 1, ops::setUnlockPair);
        time("LeaseOpsBench.getLeaseNone", 1, ops::getLeaseNone);
        time("LeaseOpsBench.getLeaseHeld", 1, ops::getLeaseHeld);
        time("LeaseOpsBench.openCloseUnleased", 1, ops::openCloseUnleased);

        BreakRoundTripBench rt = new BreakRoundTripBench();
        rt.setup();
        time("BreakRoundTripBench.roundTrip", 1, rt::roundTrip);

        for (String shape : new String[] {"processes", "fds"}) {
            for (int n : PerfReport.FANOUT) {
                FanOutBench f = new FanOutBench();
                f.holders = n;
                f.shape = shape;
                f.setup();
                time("FanOutBench.breakAll:holders=" + n + ":shape=" + shape, 1, f::breakAll);
            }
        }

        NoLeaseCheckBench check = new NoLeaseCheckBench();
        check.setup();
        time("NoLeaseCheckBench.hasLeases", 1, () -> check.hasLeases() ? 1 : 0);
        time("NoLeaseCheckBench.breakLeaseUnleased", 1, () -> check.breakLeaseUnleased() == null ? 0 : 1);

        MixedWorkloadBench mixed = new MixedWorkloadBench();
        mixed.setup();
        time("MixedWorkloadBench.cycle", MixedWorkloadBench.CALLS, mixed::cycle);

        for (int n : PerfReport.SCALE) {
            ScalingBench s = new ScalingBench();
            s.files = n;
            s.access = "spread";
            s.setup();
            for (String access : new String[] {"spread", "hot"}) {
                if (access.equals("hot")) {
                    s.useWorkingSet(ScalingBench.WORKING_SET);
                }
                String suffix = ":access=" + access + ":files=" + n;
                time("ScalingBench.leasePair" + suffix, 1, s::leasePair);
                time("ScalingBench.getLease" + suffix, 1, s::getLease);
                time("ScalingBench.openClose" + suffix, 1, s::openClose);
            }
        }
    }

    /** Runs {@code op} (which does {@code calls} operations) in rounds; prints µs per operation. */
    static void time(String key, int calls, LongSupplier op) {
        long sink = 0;
        int batch = 1;
        // Size a batch to about 1 ms of CPU so the clock reads do not count.
        while (true) {
            long c0 = MX.getCurrentThreadCpuTime();
            for (int i = 0; i < batch; i++) {
                sink += op.getAsLong();
            }
            if (MX.getCurrentThreadCpuTime() - c0 > 1_000_000 || batch >= 1 << 24) {
                break;
            }
            batch *= 2;
        }
        List<Double> perOp = new ArrayList<>();
        for (int r = 0; r < warmupRounds + rounds; r++) {
            long ops = 0;
            long c0 = MX.getCurrentThreadCpuTime();
            long c1 = c0;
            while (c1 - c0 < ROUND_NANOS) {
                for (int i = 0; i < batch; i++) {
                    sink += op.getAsLong();
                }
                ops += batch;
                c1 = MX.getCurrentThreadCpuTime();
            }
            if (r >= warmupRounds) {
                perOp.add((c1 - c0) / 1e3 / ops / calls);
            }
        }
        double[] v = perOp.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        System.out.println(String.format(Locale.ROOT, "%s\t%.5f\t%.5f\t%.5f", key, median, v[0], v[v.length - 1]));
        if (sink == 42) {
            System.err.print("");
        }
    }
}
