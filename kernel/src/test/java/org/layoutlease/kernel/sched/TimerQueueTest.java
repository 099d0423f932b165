package org.layoutlease.kernel.sched;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cancelled timers do not count against the limit and do not disturb the firing order. */
class TimerQueueTest {

    @Test
    void cancelledTimersArePurgedAndDoNotCountAgainstTheLimit() {
        TimerQueue q = new TimerQueue();
        for (int i = 0; i < 3 * TimerQueue.MAX_TIMERS; i++) {
            q.arm(1_000_000L + i, () -> { }).cancel();
        }
        assertThat(q.isEmpty()).isTrue();
    }

    @Test
    void liveTimersFireInDeadlineThenArmingOrderAcrossPurges() {
        TimerQueue q = new TimerQueue();
        List<Integer> fired = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            int id = i;
            Timer t = q.arm(100 - (i % 10), () -> fired.add(id));
            if (i % 3 != 0) {
                t.cancel();
            }
        }
        Timer due = q.pollDue(1000);
        while (due != null) {
            due.fire();
            due.cancel();
            due = q.pollDue(1000);
        }
        List<Integer> expected = new ArrayList<>();
        for (int when = 91; when <= 100; when++) {
            for (int i = 0; i < 1000; i++) {
                if (i % 3 == 0 && 100 - (i % 10) == when) {
                    expected.add(i);
                }
            }
        }
        assertThat(fired).isEqualTo(expected);
        assertThat(q.isEmpty()).isTrue();
    }
}
