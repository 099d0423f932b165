package org.layoutlease.kernel.sched;

import java.util.ArrayList;
import java.util.List;

/** A wait queue head (wait_queue_head_t): tasks sleeping until something changes. */
public final class WaitQueue {
    final List<Task> sleepers = new ArrayList<>(2);

    public boolean isEmpty() {
        return sleepers.isEmpty();
    }

    public List<Task> sleepers() {
        return List.copyOf(sleepers);
    }
}
