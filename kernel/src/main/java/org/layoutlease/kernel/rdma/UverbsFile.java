package org.layoutlease.kernel.rdma;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.layoutlease.kernel.fs.File;

/**
 * struct ib_uverbs_file: the context behind one open of /dev/infiniband/uverbsN. It owns the
 * PDs and MRs created through it (their handles are small integers per file, from 1), and so
 * the pins. Every descriptor of the open file (dups, fork children, SCM_RIGHTS receivers)
 * reaches the same context; the last fput destroys its objects (uverbs_destroy_ufile_hw).
 */
public final class UverbsFile {
    /** Most objects one context may hold: a limit, not a Linux rule. */
    public static final int MAX_OBJECTS = 1 << 16;

    private final IbDevice device;
    /** v2 patch 16's back-pointer to the struct file, no reference taken; the vaddr_pin f_owner. */
    private final File sysFile;
    final TreeMap<Integer, IbPd> pds = new TreeMap<>();
    final TreeMap<Integer, IbMr> mrs = new TreeMap<>();
    private int nextPd = 1;
    private int nextMr = 1;

    UverbsFile(IbDevice device, File sysFile) {
        this.device = device;
        this.sysFile = sysFile;
    }

    public IbDevice device() {
        return device;
    }

    public File sysFile() {
        return sysFile;
    }

    int allocPdHandle() {
        checkLimit();
        return nextPd++;
    }

    int allocMrHandle() {
        checkLimit();
        return nextMr++;
    }

    private void checkLimit() {
        if (pds.size() + mrs.size() >= MAX_OBJECTS) {
            throw new IllegalStateException("more than " + MAX_OBJECTS + " RDMA objects on one uverbs file");
        }
    }

    List<IbMr> liveMrs() {
        return new ArrayList<>(mrs.values());
    }
}
