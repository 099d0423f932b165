package org.layoutlease.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layoutlease.kernel.uapi.Uapi.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.layoutlease.kernel.fs.locks.Leases;

/**
 * Smoke test of the benchmark setup code: every benchmark builds its world and each benchmark
 * method does what its javadoc says, repeatably. No timing is asserted; JMH runs only through
 * scripts/bench.
 */
class BenchSetupTest {
    private static final int REPEAT = 5;

    @Test
    void leaseOps() {
        LeaseOpsBench b = new LeaseOpsBench();
        b.setup();
        for (int i = 0; i < REPEAT; i++) {
            assertThat(b.setUnlockPairOnce()).isZero();
            assertThat(b.getLeaseNoneOnce()).isEqualTo(F_UNLCK);
            assertThat(b.getLeaseHeldOnce()).isEqualTo(F_RDLCK);
            assertThat(b.openCloseUnleasedOnce()).isEqualTo(5);
            assertThat(b.setUnlockPair()).isZero();
            assertThat(b.getLeaseNone()).isEqualTo(LeaseOpsBench.GET_BATCH * F_UNLCK);
            assertThat(b.getLeaseHeld()).isEqualTo(LeaseOpsBench.GET_BATCH * F_RDLCK);
            assertThat(b.openCloseUnleased()).isEqualTo(LeaseOpsBench.BATCH * 5);
        }
        assertThat(leases(b.sim).leaseCount()).isEqualTo(1);
    }

    @Test
    void breakRoundTripCompletesEveryCycle() {
        BreakRoundTripBench b = new BreakRoundTripBench();
        b.setup();
        for (int i = 0; i < REPEAT; i++) {
            assertThat(b.roundTrip()).isEqualTo(3);
            assertThat(b.breaker.isBlocked()).isFalse();
            assertThat(b.holder.isBlocked()).isFalse();
        }
        assertThat(leases(b.sim).leaseCount()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"1,processes", "10,processes", "100,processes", "1,fds", "10,fds", "100,fds"})
    void fanOutBreaksEveryHolder(int holders, String shape) {
        FanOutBench b = new FanOutBench();
        b.holders = holders;
        b.shape = shape;
        b.setup();
        for (int i = 0; i < REPEAT; i++) {
            assertThat(b.breakAll()).isEqualTo(3);
            assertThat(leases(b.sim).leaseCount()).isZero();
            for (var t : b.holderTask) {
                assertThat(t.isBlocked()).isFalse();
            }
        }
    }

    @Test
    void noLeaseCheckSeesNoLeases() {
        NoLeaseCheckBench b = new NoLeaseCheckBench();
        b.setup();
        for (int i = 0; i < 2 * NoLeaseCheckBench.FILES; i++) {
            assertThat(b.hasLeasesOnce()).isFalse();
            assertThat(b.breakLeaseUnleasedOnce()).isSameAs(org.layoutlease.kernel.Wait.NONE);
        }
        assertThat(b.hasLeases()).isZero();
        assertThat(b.breakLeaseUnleased()).isEqualTo(NoLeaseCheckBench.BATCH);
    }

    @Test
    void mixedWorkloadRunsNineCallsPerCycle() {
        MixedWorkloadBench b = new MixedWorkloadBench();
        b.setup();
        for (int i = 0; i < 3 * MixedWorkloadBench.FILES; i++) {
            // F_RDLCK (0) from F_GETLEASE plus the events: SIGIO handler run and the truncate's return.
            assertThat(b.cycle()).isEqualTo(2);
        }
        assertThat(leases(b.sim).leaseCount()).isZero();
        assertThat(b.sim.inode(b.paths[0]).size).isEqualTo(4096);
    }

    @Test
    void scalingKeepsEveryLease() {
        ScalingBench b = new ScalingBench();
        b.files = 2500;
        b.setup();
        assertThat(leases(b.world.sim).leaseCount()).isEqualTo(2500);
        for (int i = 0; i < 3000; i++) {
            assertThat(b.leasePair()).isZero();
            assertThat(b.getLease()).isEqualTo(F_RDLCK);
            assertThat(b.openClose()).isEqualTo(3);
        }
        assertThat(b.leasePairs()).isZero();
        assertThat(b.getLeases()).isEqualTo(ScalingBench.BATCH * F_RDLCK);
        assertThat(b.openCloses()).isEqualTo(ScalingBench.BATCH * 3);
        b.useWorkingSet(ScalingBench.WORKING_SET);
        assertThat(b.getLease()).isEqualTo(F_RDLCK);
        assertThat(leases(b.world.sim).leaseCount()).isEqualTo(2500);
    }

    @Test
    void reportIsWrittenFromPartialResults(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("kernel.tsv"), "# kernel\tLinux test\nlease_pair\t1.2\t1.1\t1.3\t10\tnote\n"
            + "uring_register_page\tNA\tio_uring_setup: Operation not permitted\n");
        Files.writeString(dir.resolve("heap.tsv"), "leases\t1000\nleases_bytes\t128000\ntotal_bytes\t600000\n"
            + "files_open_bytes\t470000\n");
        Files.writeString(dir.resolve("startup.tsv"), "0.31\n0.29\n");
        Files.writeString(dir.resolve("jmh.json"), """
            [{"benchmark": "org.layoutlease.bench.LeaseOpsBench.setUnlockPair", "mode": "avgt",
              "primaryMetric": {"score": 2000.0, "scoreUnit": "ns/op",
                "scorePercentiles": {"0.0": 1900.0, "50.0": 2000.0, "100.0": 2300.0},
                "rawDataHistogram": [[[[1900.0, 3], [2000.0, 10]], [[2300.0, 8], [2000.0, 2]]]]}},
             {"benchmark": "org.layoutlease.bench.ExplorerBench.exploreOnce", "mode": "sample",
              "params": {"steps": "10"},
              "primaryMetric": {"score": 40000.0, "scoreUnit": "us/op",
                "scorePercentiles": {"0.0": 30000.0, "50.0": 37660.0, "100.0": 90000.0},
                "rawDataHistogram": [[[[37660.0, 5], [90000.0, 1]], [[37000.0, 3], [30000.0, 1]]]]}}]
            """);
        Path md = dir.resolve("performance.md");
        Path svg = dir.resolve("chart.svg");
        PerfReport.main(new String[] {dir.toString(), md.toString(), svg.toString()});
        String text = Files.readString(md);
        assertThat(text).contains("| F_SETLEASE RD + F_UNLCK pair | 0.215 [0.200–0.230] | 1.20 [1.10–1.30] | 5.6×");
        assertThat(text).contains("not measurable here (io_uring_setup: Operation not permitted)");
        // 1,883 states per exploration (ExplorerBench.states(10)) in the median 37.33 ms.
        assertThat(text).contains("| explorer ≥ 100,000 states/s on the design lab's 3-process programs | 50,442 states/s")
            .contains("explorer rate: 50,442 states/s against 100,000 (2.0× short)");
        assertThat(Files.readString(svg)).startsWith("<svg").contains("</svg>");
    }

    @Test
    void memoryRegistrationPinsEveryExtent() {
        PinWorld w = new PinWorld(64L << 20, 8, 1L << 30);
        assertThat(w.extentCount()).isEqualTo(8);
        for (int i = 0; i < REPEAT; i++) {
            var mr = w.register(64L << 20);
            assertThat(w.sim.k.sub().pins.liveCount()).isEqualTo(1);
            w.deregister(mr);
            assertThat(w.sim.k.sub().pins.liveCount()).isZero();
        }
    }

    @Test
    void busyDecisionSeesThePins() {
        BusyDecisionBench b = new BusyDecisionBench();
        b.pins = 100;
        b.setup();
        assertThat(b.lastPage()).isEqualTo(org.layoutlease.kernel.mm.PinTable.Busy.IDLE);
        assertThat(b.wholeFile()).isEqualTo(org.layoutlease.kernel.mm.PinTable.Busy.SHORT_TERM);
    }

    @Test
    void explorerCountsTheStatesOfOneExploration() {
        // (n+1)^3 distinct states for three commuting programs; every executed move counts.
        assertThat(ExplorerBench.states(4)).isEqualTo(169);
        assertThat(ExplorerBench.states(10)).isEqualTo(1883);
    }

    @Test
    void leaseHeapRunsOnASmallWorld() {
        LeaseHeap.main(new String[] {"50"});
    }

    private static Leases leases(Sim sim) {
        return (Leases) sim.k.sub().leases();
    }
}
