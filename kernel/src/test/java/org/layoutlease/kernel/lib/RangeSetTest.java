package org.layoutlease.kernel.lib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RangeSetTest {

    private static RangeSet.Range r(long start, long end) {
        return new RangeSet.Range(start, end);
    }

    @Test
    void addMergesOverlappingAndTouchingRanges() {
        RangeSet s = new RangeSet();
        assertThat(s.add(10, 20)).isEqualTo(10);
        assertThat(s.add(20, 25)).isEqualTo(5);
        assertThat(s.ranges()).containsExactly(r(10, 25));
        assertThat(s.add(0, 5)).isEqualTo(5);
        assertThat(s.add(30, 40)).isEqualTo(10);
        assertThat(s.add(3, 32)).isEqualTo(10);
        assertThat(s.ranges()).containsExactly(r(0, 40));
        assertThat(s.add(5, 6)).isZero();
        assertThat(s.totalLength()).isEqualTo(40);
    }

    @Test
    void removeSplitsAndTrims() {
        RangeSet s = new RangeSet();
        s.add(0, 100);
        assertThat(s.remove(10, 20)).isEqualTo(10);
        assertThat(s.ranges()).containsExactly(r(0, 10), r(20, 100));
        assertThat(s.remove(5, 25)).isEqualTo(10);
        assertThat(s.ranges()).containsExactly(r(0, 5), r(25, 100));
        assertThat(s.remove(200, 300)).isZero();
        assertThat(s.remove(-10, 1000)).isEqualTo(80);
        assertThat(s.isEmpty()).isTrue();
        assertThat(s.totalLength()).isZero();
    }

    @Test
    void worksWithNegativeAndExtremeValues() {
        RangeSet s = new RangeSet();
        s.add(Long.MIN_VALUE, -5);
        s.add(Long.MAX_VALUE - 10, Long.MAX_VALUE);
        assertThat(s.contains(-6)).isTrue();
        assertThat(s.contains(-5)).isFalse();
        s.remove(-100, -50);
        assertThat(s.ranges()).containsExactly(r(Long.MIN_VALUE, -100), r(-50, -5), r(Long.MAX_VALUE - 10, Long.MAX_VALUE));
    }

    @Test
    void queries() {
        RangeSet s = new RangeSet();
        s.add(10, 20);
        s.add(30, 40);
        assertThat(s.overlaps(0, 10)).isFalse();
        assertThat(s.overlaps(0, 11)).isTrue();
        assertThat(s.overlaps(20, 30)).isFalse();
        assertThat(s.overlaps(19, 31)).isTrue();
        assertThat(s.covers(12, 20)).isTrue();
        assertThat(s.covers(12, 21)).isFalse();
        assertThat(s.intersect(15, 35)).containsExactly(r(15, 20), r(30, 35));
        assertThat(s.gaps(0, 50)).containsExactly(r(0, 10), r(20, 30), r(40, 50));
        assertThat(s.overlapLength(15, 35)).isEqualTo(10);
        assertThat(s.ceiling(15)).isEqualTo(r(10, 20));
        assertThat(s.ceiling(20)).isEqualTo(r(30, 40));
        assertThat(s.ceiling(40)).isNull();
        assertThat(s.first()).isEqualTo(r(10, 20));
        assertThat(s.last()).isEqualTo(r(30, 40));
        assertThat(s.rangeCount()).isEqualTo(2);
        assertThat(s.toString()).isEqualTo("{[10, 20) [30, 40)}");
    }

    @Test
    void equalityIsBySet() {
        RangeSet a = new RangeSet();
        a.add(0, 5);
        a.add(5, 10);
        RangeSet b = new RangeSet();
        b.add(0, 10);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        RangeSet c = b.copy();
        c.remove(3, 4);
        assertThat(c).isNotEqualTo(b);
        assertThat(b.totalLength()).isEqualTo(10);
    }

    @Test
    void rejectsEmptyRanges() {
        RangeSet s = new RangeSet();
        assertThatThrownBy(() -> s.add(5, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.remove(6, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.overlaps(6, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void behavesLikeABooleanArray() {
        int size = 120;
        RandomCases.run("RangeSetTest", random -> {
            RangeSet s = new RangeSet();
            boolean[] model = new boolean[size];
            for (int op = 0; op < 60; op++) {
                int a = random.nextInt(size);
                int b = a + 1 + random.nextInt(Math.min(30, size - a));
                boolean adding = random.nextBoolean();
                long before = count(model, a, b);
                long changed = adding ? s.add(a, b) : s.remove(a, b);
                assertThat(changed).isEqualTo(adding ? (b - a) - before : before);
                for (int i = a; i < b; i++) {
                    model[i] = adding;
                }
                compare(random, s, model);
            }
        });
    }

    private static void compare(Random random, RangeSet s, boolean[] model) {
        // Plain checks on the hot path; AssertJ only builds a message when something differs.
        check(s.ranges().equals(runsOf(model, 0, model.length)), s, "ranges");
        check(s.totalLength() == count(model, 0, model.length), s, "totalLength");
        for (int i = 0; i < model.length; i++) {
            check(s.contains(i) == model[i], s, "contains");
        }
        for (int k = 0; k < 5; k++) {
            int a = random.nextInt(model.length);
            int b = a + 1 + random.nextInt(model.length - a);
            long n = count(model, a, b);
            String q = "[" + a + ", " + b + ")";
            check(s.overlaps(a, b) == (n > 0), s, "overlaps" + q);
            check(s.covers(a, b) == (n == b - a), s, "covers" + q);
            check(s.intersect(a, b).equals(runsOf(model, a, b)), s, "intersect" + q);
            check(s.overlapLength(a, b) == n, s, "overlapLength" + q);
            long gapTotal = s.gaps(a, b).stream().mapToLong(RangeSet.Range::length).sum();
            check(gapTotal == b - a - n, s, "gaps" + q);
            RangeSet.Range c = s.ceiling(a);
            RangeSet.Range expected = ceilingOf(model, a);
            check(java.util.Objects.equals(c, expected), s, "ceiling(" + a + ")");
        }
    }

    private static void check(boolean ok, RangeSet s, String what) {
        if (!ok) {
            throw new AssertionError(what + " disagrees with the model for " + s);
        }
    }

    private static RangeSet.Range ceilingOf(boolean[] model, int point) {
        int i = point;
        if (model[i]) {
            while (i > 0 && model[i - 1]) {
                i--;
            }
        } else {
            while (i < model.length && !model[i]) {
                i++;
            }
            if (i == model.length) {
                return null;
            }
        }
        int j = i;
        while (j < model.length && model[j]) {
            j++;
        }
        return r(i, j);
    }

    private static List<RangeSet.Range> runsOf(boolean[] model, int from, int to) {
        List<RangeSet.Range> out = new ArrayList<>();
        int i = from;
        while (i < to) {
            if (!model[i]) {
                i++;
                continue;
            }
            int j = i;
            while (j < to && model[j]) {
                j++;
            }
            out.add(r(i, j));
            i = j;
        }
        return out;
    }

    private static long count(boolean[] model, int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            if (model[i]) {
                n++;
            }
        }
        return n;
    }
}
