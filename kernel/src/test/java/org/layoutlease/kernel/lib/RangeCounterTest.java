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

    /**
     * The batch update against one update per range: random batches (unsorted, overlapping,
     * touching, or extent-like: sorted and disjoint) of increments and decrements leave both
     * counters with the same canonical runs as the array, and a refused batch is refused by both.
     */
    @Test
    void batchAgreesWithOneUpdatePerRange() {
        RandomCases.run("RangeCounter batch vs per range", random -> {
            RangeCounter batched = new RangeCounter();
            RangeCounter single = new RangeCounter();
            long[] model = new long[SPACE];
            for (int step = 0; step < 30; step++) {
                RangeList batch = random.nextBoolean() ? extentLike(random) : anyRanges(random);
                long delta = random.nextInt(4) == 0 ? -1 : 1 + random.nextInt(2);
                long[] next = model.clone();
                for (int i = 0; i < batch.size(); i++) {
                    for (long p = batch.start(i); p < batch.end(i); p++) {
                        next[(int) p] += delta;
                    }
                }
                boolean allowed = java.util.Arrays.stream(next).allMatch(v -> v >= 0);
                if (!allowed) {
                    assertThatThrownBy(() -> batched.adjustAll(batch, delta)).isInstanceOf(IllegalStateException.class);
                    return;
                }
                for (int i = 0; i < batch.size(); i++) {
                    single.adjust(batch.start(i), batch.end(i), delta);
                }
                batched.adjustAll(batch, delta);
                model = next;
                assertThat(batched.toString()).isEqualTo(single.toString());
                check(batched, model, random.nextInt(SPACE));
            }
        });
    }

    /** Sorted, disjoint ranges, sometimes touching: the extents of a file. */
    private static RangeList extentLike(java.util.Random random) {
        RangeList l = new RangeList(2);
        int pos = random.nextInt(8);
        while (pos < SPACE - 1 && random.nextInt(6) > 0) {
            int end = pos + 1 + random.nextInt(Math.min(8, SPACE - pos));
            l.add(pos, end);
            pos = end + random.nextInt(3);
        }
        if (l.isEmpty()) {
            l.add(0, 1 + random.nextInt(SPACE));
        }
        return l;
    }

    /** Ranges in any order, overlapping or not: one pin mapping a file twice. */
    private static RangeList anyRanges(java.util.Random random) {
        RangeList l = new RangeList(1);
        for (int n = 1 + random.nextInt(6); n > 0; n--) {
            int a = random.nextInt(SPACE);
            l.add(a, a + 1 + random.nextInt(Math.min(16, SPACE - a)));
        }
        return l;
    }

    @Test
    void normalizingCountsOverlapsAndJoinsTouchingRuns() {
        RangeList l = new RangeList(1);
        l.add(10, 20);
        l.add(0, 5);
        l.add(5, 10);
        l.add(15, 25);
        l.normalize();
        assertThat(l).hasToString("[[0, 15) [15, 20)x2 [20, 25)]");
        RangeCounter c = new RangeCounter();
        c.adjustAll(l, 3);
        assertThat(c).hasToString("{[0, 15)x3 [15, 20)x6 [20, 25)x3}");
    }
}
