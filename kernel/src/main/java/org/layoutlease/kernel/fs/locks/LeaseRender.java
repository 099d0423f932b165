package org.layoutlease.kernel.fs.locks;

import java.util.ArrayList;
import java.util.List;
import org.layoutlease.kernel.fs.File;
import org.layoutlease.kernel.fs.Inode;
import org.layoutlease.kernel.policy.Policy;
import org.layoutlease.kernel.uapi.Uapi;

/**
 * The text of /proc/locks and of fdinfo's {@code lock:} lines: lock_get_status(), locks_show()
 * and show_fd_locks() (fs/locks.c), byte for byte. How a layout lease's type prints is the
 * policy's {@link Policy#layoutLeaseTypeLabel}.
 */
final class LeaseRender {
    private LeaseRender() {
    }

    static String typeName(int type) {
        return switch (type) {
            case Uapi.F_WRLCK -> "WRITE";
            case Uapi.F_RDLCK -> "READ";
            default -> "UNLCK";
        };
    }

    /** The kind of a lease in invariant texts: "read", "write", "layout" or "exclusive layout". */
    static String kindName(FileLease fl) {
        if (fl.isLayout()) {
            return fl.isExclusive() ? "exclusive layout" : "layout";
        }
        return typeName(fl.type).toLowerCase();
    }

    /**
     * locks_show() over the global list, newest first: each lease numbered from 1, then its
     * blocked tree in preorder (first waiter, its waiters, then the next sibling), each level one
     * space deeper before the arrow.
     */
    static List<String> procLocks(FileLease newest, Policy policy) {
        List<String> out = new ArrayList<>();
        long id = 1;
        for (FileLease fl = newest; fl != null; fl = fl.globalOlder, id++) {
            out.add(line(fl, id, 0, policy));
            appendWaiters(out, fl, id, 1, policy);
        }
        return out;
    }

    private static void appendWaiters(List<String> out, FileLease blocker, long id, int level, Policy policy) {
        if (!blocker.hasWaiters()) {
            return;
        }
        for (FileLease waiter : blocker.blocked) {
            out.add(line(waiter, id, level, policy));
            appendWaiters(out, waiter, id, level + 1, policy);
        }
    }

    /** show_fd_locks(): the leases of this open file only, numbered from 1, without breakers. */
    static List<String> fdinfoLocks(FileLockContext ctx, File f, Policy policy) {
        if (ctx == null || !ctx.hasLeases()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(1);
        int id = 0;
        for (FileLease fl = ctx.head; fl != null; fl = fl.ctxNext) {
            if (fl.file == f) {
                out.add(line(fl, ++id, 0, policy));
            }
        }
        return out;
    }

    /** lock_get_status() for a lease or breaker, without the trailing newline. */
    static String line(FileLease fl, long id, int level, Policy policy) {
        StringBuilder sb = new StringBuilder(64);
        sb.append(id).append(": ");
        if (level > 0) {
            sb.repeat(' ', level - 1).append("-> ");
        }
        sb.append("LEASE  ");
        if (fl.isBreaking()) {
            sb.append("BREAKING  ");
        } else if (fl.file != null) {
            sb.append("ACTIVE    ");
        } else {
            sb.append("BREAKER   ");
        }
        sb.append(typeLabel(fl, policy)).append(' ').append(fl.pid).append(' ');
        if (fl.file != null) {
            Inode inode = fl.file.inode();
            sb.append(inode.mount().devString()).append(':').append(inode.ino()).append(' ');
        } else {
            sb.append("<none>:0 ");
        }
        return sb.append("0 EOF").toString();
    }

    /** The type column: target_leasetype(), except that the policy names a layout lease's. */
    private static String typeLabel(FileLease fl, Policy policy) {
        if (fl.isLayout() && !fl.isBreaker()) {
            String label = policy.layoutLeaseTypeLabel(fl.targetType(), fl.isExclusive());
            assert !label.isEmpty() && label.indexOf('\n') < 0 : "layout lease label '" + label + "'";
            return label;
        }
        return typeName(fl.targetType());
    }
}
