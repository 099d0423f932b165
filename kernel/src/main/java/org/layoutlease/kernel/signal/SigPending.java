package org.layoutlease.kernel.signal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A pending-signal queue (struct sigpending). Standard signals coalesce: a second instance
 * while one is pending is dropped. Real-time signals queue every instance.
 */
public final class SigPending {
    /** RLIMIT_SIGPENDING in spirit: a bound so a runaway scenario fails loudly. */
    public static final int MAX_QUEUED = 4096;

    private final List<SigInfo> queue = new ArrayList<>();
    private long mask;

    /** Queues a signal; returns false if it coalesced with an already pending standard signal. */
    public boolean add(SigInfo info, boolean realtime) {
        long bit = bit(info.signo());
        if (!realtime && (mask & bit) != 0) {
            return false;
        }
        if (queue.size() >= MAX_QUEUED) {
            throw new IllegalStateException("more than " + MAX_QUEUED + " pending signals");
        }
        queue.add(info);
        mask |= bit;
        return true;
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }

    public long mask() {
        return mask;
    }

    /** The queued siginfos in arrival order (read-only: the explorer's state hash). */
    public List<SigInfo> queued() {
        return java.util.Collections.unmodifiableList(queue);
    }

    /** Dequeues the lowest-numbered pending signal outside {@code blocked}, or null. */
    public SigInfo dequeue(long blocked) {
        long ready = mask & ~blocked;
        if (ready == 0) {
            return null;
        }
        int signo = Long.numberOfTrailingZeros(ready) + 1;
        return remove(signo);
    }

    /** Dequeues the first instance of {@code signo}, or null. */
    public SigInfo remove(int signo) {
        SigInfo found = null;
        boolean more = false;
        for (Iterator<SigInfo> it = queue.iterator(); it.hasNext();) {
            SigInfo si = it.next();
            if (si.signo() != signo) {
                continue;
            }
            if (found == null) {
                found = si;
                it.remove();
            } else {
                more = true;
                break;
            }
        }
        if (!more) {
            mask &= ~bit(signo);
        }
        return found;
    }

    /** Discards every instance of {@code signo} (a disposition set to SIG_IGN flushes it). */
    public void flush(int signo) {
        queue.removeIf(si -> si.signo() == signo);
        mask &= ~bit(signo);
    }

    public void clear() {
        queue.clear();
        mask = 0;
    }

    public static long bit(int signo) {
        return 1L << (signo - 1);
    }
}
