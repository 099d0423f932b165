package org.layoutlease.kernel.lib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Per-page pin counts as coalesced runs, checked against one counter per page. */
class RangeCounterTest {
    private static final int SPACE = 64;

    @Test
    void agreesWithACounterPerPage() {
        RandomCases.run("RangeCounter vs array", random -> {
            RangeCounter c = new RangeCounter();
            long[] model = new long[SPACE];
            for (int step = 0; step < 60; step++) {
                int a = random.nextInt(SPACE);
                int b = a + 1 + random.nextInt(SPACE - a);
                boolean up = random.nextInt(3) > 0;
                boolean allowed = true;
                for (int i = a; i < b && !up; i++) {
                    allowed &= model[i] > 0;
                }
                if (!allowed) {
                    continue;
                }
                c.adjust(a, b, up ? 1 : -1);
                for (int i = a; i < b; i++) {
                    model[i] += up ? 1 : -1;
                }
                check(c, model, random.nextInt(SPACE));
            }
        });
    }

    private static void check(RangeCounter c, long[] model, int probe) {
        long covered = 0;
        int runs = 0;
        for (int i = 0; i < SPACE; i++) {
            assertThat(c.count(i)).as("count at %d", i).isEqualTo(model[i]);
            covered += model[i] > 0 ? 1 : 0;
            if (model[i] > 0 && (i == 0 || model[i - 1] != model[i])) {
                runs++;
            }
        }
        assertThat(c.coveredLength()).isEqualTo(covered);
        assertThat(c.runCount()).as("canonical runs").isEqualTo(runs);
        for (int end = probe + 1; end <= SPACE; end++) {
            boolean any = false;
            for (int i = probe; i < end; i++) {
                any |= model[i] > 0;
            }
            assertThat(c.overlaps(probe, end)).isEqualTo(any);
            assertThat(c.intersect(probe, end).isEmpty()).isEqualTo(!any);
        }
    }

    @Test
    void aGigabyteIsOneRun() {
        RangeCounter c = new RangeCounter();
        c.increment(0, 262_144);
        c.increment(0, 262_144);
        assertThat(c.runCount()).isEqualTo(1);
        assertThat(c.count(100_000)).isEqualTo(2);
        c.decrement(0, 262_144);
        c.decrement(0, 262_144);
        assertThat(c.isEmpty()).isTrue();
    }

    @Test
    void countsNeverGoNegative() {
        RangeCounter c = new RangeCounter();
        c.increment(0, 4);
        assertThatThrownBy(() -> c.decrement(2, 6)).isInstanceOf(IllegalStateException.class);
    }
}
