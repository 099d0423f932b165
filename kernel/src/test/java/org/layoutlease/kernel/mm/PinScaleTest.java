package org.layoutlease.kernel.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layoutlease.kernel.uapi.Uapi.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.layoutlease.kernel.fs.FsType;
import org.layoutlease.kernel.fs.Inode;
import org.layoutlease.kernel.fs.block.BlockFileStore;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.uapi.SysResult;

/** The busy-page question of a layout change stays cheap with many pins (DESIGN.md performance anchors). */
class PinScaleTest {
    private static final int PINS = 10_000;
    private static final long PAGE = 4096;

    @Test
    void aTruncateDecisionAgainstTenThousandPinnedRangesIsLogarithmic() {
        PinFixture f = new PinFixture("rfc-v2", FsType.XFS, true);
        Task a = f.process("A", 1000);
        Inode inode = f.file("F", 2 * PINS * PAGE, 1000);
        int fd = f.open(a, "/mnt/pmem/F");
        long buf = f.mmapShared(a, fd, 2 * PINS * PAGE);
        List<PinnedPages> pins = new ArrayList<>();
        f.ok(a, () -> {
            for (int i = 0; i < PINS; i++) {
                // Every other page: 10,000 separate pinned ranges.
                pins.add(f.k.sub().gup.pin(a.group(), buf + 2 * i * PAGE, PAGE, Gup.FOLL_WRITE, null, "io"));
            }
            return SysResult.ok(0);
        });
        BlockFileStore store = (BlockFileStore) f.k.sub().store(inode);
        PinTable table = f.k.sub().pins;
        long last = 2 * PINS * PAGE;
        assertThat(table.busy(store, inode, last - PAGE, last)).isEqualTo(PinTable.Busy.IDLE);
        assertThat(table.busy(store, inode, last - 2 * PAGE, last)).isEqualTo(PinTable.Busy.SHORT_TERM);
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 200; round++) {
            long t0 = System.nanoTime();
            for (int q = 0; q < 100; q++) {
                table.busy(store, inode, last - PAGE, last);
                table.busy(store, inode, 0, last);
            }
            best = Math.min(best, System.nanoTime() - t0);
        }
        assertThat(best / 200).as("ns per decision, best round").isLessThan(20_000L);
        f.ok(a, () -> {
            pins.forEach(table::unpin);
            return SysResult.ok(0);
        });
        assertThat(table.busy(store, inode, 0, last)).isEqualTo(PinTable.Busy.IDLE);
        assertThat(f.k.sub().mm.mappings().isMapped(inode)).isTrue();
        assertThat(MAP_SHARED).isEqualTo(1);
    }
}
