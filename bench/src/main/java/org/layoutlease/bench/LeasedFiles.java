package org.layoutlease.bench;

import static org.layoutlease.kernel.uapi.Uapi.*;

import org.layoutlease.kernel.fs.FdTable;
import org.layoutlease.kernel.sched.Task;

/**
 * N files, each opened read-only by a holder process and (optionally) read-leased: the world
 * of the scaling and heap measurements. Files sit 1,000 to a directory (/mnt/dD/fF) and holders
 * keep 1,000 descriptors each, under the per-process RLIMIT_NOFILE of 1,024.
 */
public final class LeasedFiles {
    public static final int FILES_PER_DIR = 1000;
    public static final int FDS_PER_HOLDER = 1000;
    /** The first fd a holder's files get (0, 1 and 2 are /dev/null). */
    static final int FIRST_FD = 3;

    public final Sim sim;
    public final int count;
    private final Task[] holders;

    private LeasedFiles(Sim sim, int count) {
        this.sim = sim;
        this.count = count;
        this.holders = new Task[(count + FDS_PER_HOLDER - 1) / FDS_PER_HOLDER];
    }

    /** Creates and opens {@code count} files; leases each when {@code lease}. */
    public static LeasedFiles build(Sim sim, int count, boolean lease) {
        if (FDS_PER_HOLDER + FIRST_FD > FdTable.MAX_FDS) {
            throw new IllegalStateException("holders would exceed RLIMIT_NOFILE");
        }
        LeasedFiles w = new LeasedFiles(sim, count);
        for (int i = 0; i < count; i++) {
            String p = path(i);
            sim.file(p, 0);
            if (i % FDS_PER_HOLDER == 0) {
                w.holders[i / FDS_PER_HOLDER] = sim.process("holder" + i / FDS_PER_HOLDER);
            }
            long fd = Sim.ok(sim.open(w.holder(i), p, O_RDONLY));
            if (fd != w.fd(i)) {
                throw new IllegalStateException("file " + i + " got fd " + fd + ", expected " + w.fd(i));
            }
        }
        if (lease) {
            w.leaseAll();
        }
        return w;
    }

    public void leaseAll() {
        for (int i = 0; i < count; i++) {
            Sim.ok(sim.setLease(holder(i), fd(i), F_RDLCK));
        }
    }

    public static String path(int i) {
        return "/mnt/d" + i / FILES_PER_DIR + "/f" + i % FILES_PER_DIR;
    }

    public Task holder(int i) {
        return holders[i / FDS_PER_HOLDER];
    }

    public int fd(int i) {
        return FIRST_FD + i % FDS_PER_HOLDER;
    }
}
